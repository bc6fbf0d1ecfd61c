public import Foundation

/// Where a deployment goes: into one project, or into the user's own configuration.
public enum DeploymentScope: String, Sendable, Hashable, Codable, CaseIterable {
    case project
    case user
}

/// A platform a deployer targets, as deployment records name it, and what it owns: the folders and
/// files it reads in a project and in the user's home, and the rules its names follow. The host reads
/// the roots for discover, adopt and status, so everything it knows of a platform comes from here.
public struct DeploymentProfile: Sendable, Hashable {
    /// The profile id users type and records store (`claude_code`, `codex`).
    public var id: String
    /// The platform's name in records (`claude-code`, `codex`).
    public var platform: String
    /// The folder under a project (or home) that holds the deployment record, e.g. `.claude`.
    public var recordFolder: RelativePath
    /// The artifact types this profile can deploy.
    public var supportedTypes: Set<ArtifactType>
    /// The folders and files the platform reads in a project, relative to its root (`.claude`, `.mcp.json`).
    public var projectRoots: [RelativePath]
    /// The folders and files the platform reads in the user's home (`.claude`, `.claude.json`).
    public var userRoots: [RelativePath]
    /// The rule a deployed name of each type follows; a type not listed takes `NameRule.unrestricted`.
    public var nameRules: [ArtifactType: NameRule]

    /// Roots not given are the record folder alone.
    public init(
        id: String,
        platform: String,
        recordFolder: RelativePath,
        supportedTypes: Set<ArtifactType>,
        projectRoots: [RelativePath]? = nil,
        userRoots: [RelativePath]? = nil,
        nameRules: [ArtifactType: NameRule] = [:]
    ) {
        self.id = id
        self.platform = platform
        self.recordFolder = recordFolder
        self.supportedTypes = supportedTypes
        self.projectRoots = projectRoots ?? [recordFolder]
        self.userRoots = userRoots ?? [recordFolder]
        self.nameRules = nameRules
    }

    /// The folders and files the platform reads in `scope`.
    public func roots(for scope: DeploymentScope) -> [RelativePath] {
        scope == .project ? projectRoots : userRoots
    }

    /// The rule a deployed name of `type` follows.
    public func nameRule(for type: ArtifactType) -> NameRule {
        nameRules[type] ?? .unrestricted
    }

    /// Whether `path` (relative to a root of `scope`) is at or under one of the profile's roots.
    public func owns(_ path: RelativePath, in scope: DeploymentScope) -> Bool {
        roots(for: scope).contains { path.isDescendant(of: $0) }
    }
}

/// An artifact ready to deploy: its identity, metadata, content hash and files in memory.
public struct DeployableArtifact: Sendable, Hashable {
    public var id: ArtifactID
    public var metadata: ArtifactMetadata
    public var contentHash: String
    /// The artifact's files relative to its own folder (a command or agent: one file).
    public var files: [RelativePath: Data]
    /// The files that carry an executable bit in the collection (hook scripts), kept when deployed.
    public var executableFiles: Set<RelativePath>

    public init(id: ArtifactID, metadata: ArtifactMetadata, contentHash: String, files: [RelativePath: Data], executableFiles: Set<RelativePath> = []) {
        self.id = id
        self.metadata = metadata
        self.contentHash = contentHash
        self.files = files
        self.executableFiles = executableFiles
    }

    /// The same artifact under another name (a conflict strategy renamed it at the destination).
    public func renamed(to name: String) -> DeployableArtifact {
        var copy = self
        copy.id = ArtifactID(type: id.type, name: name)
        return copy
    }
}

/// What the host tells a deployer about the destination, so planning stays a pure function.
public struct DeploymentTarget: Sendable, Hashable {
    public var scope: DeploymentScope
    /// The project root, or the user's home for the user scope.
    public var root: URL
    /// Current contents of the shared files the plan may merge into, keyed by their path under `root`.
    public var sharedFiles: [RelativePath: Data]

    public init(scope: DeploymentScope, root: URL, sharedFiles: [RelativePath: Data] = [:]) {
        self.scope = scope
        self.root = root
        self.sharedFiles = sharedFiles
    }
}

/// A file a deployment writes whole.
public struct PlannedFileWrite: Sendable, Hashable {
    /// Relative to the target root; never escapes it.
    public var path: RelativePath
    public var contents: Data
    public var isExecutable: Bool

    public init(path: RelativePath, contents: Data, isExecutable: Bool = false) {
        self.path = path
        self.contents = contents
        self.isExecutable = isExecutable
    }
}

/// The format of a shared configuration file an entry is merged into.
public enum SharedFileFormat: String, Sendable, Hashable, Codable {
    case json
    case toml
}

/// How a planned entry joins a shared file.
public enum MergeOperation: String, Sendable, Hashable, Codable {
    /// The value is the member at the key path (an MCP server under `mcpServers.<name>`); a member of
    /// that name already there is a conflict.
    case set
    /// The value is appended to the array at the key path (a hook group under `hooks.<Event>`), next
    /// to whatever a person put there.
    case append
}

/// One entry merged into a shared file, e.g. `mcpServers.github` in `.mcp.json`.
public struct PlannedMerge: Sendable, Hashable {
    public var file: RelativePath
    public var format: SharedFileFormat
    /// The key path of the entry inside the file, e.g. `["mcpServers", "github"]`.
    public var keyPath: [String]
    public var value: JSONValue
    public var operation: MergeOperation

    public init(file: RelativePath, format: SharedFileFormat, keyPath: [String], value: JSONValue, operation: MergeOperation = .set) {
        self.file = file
        self.format = format
        self.keyPath = keyPath
        self.value = value
        self.operation = operation
    }

    /// The hash recorded for the entry: SHA-256 of the value's canonical JSON, so formatting never counts.
    public var valueHash: String { ContentHash.of(value.canonicalData()) }
}

/// What deploying a set of artifacts would do, per artifact, before anything is written.
public struct DeploymentPlan: Sendable, Hashable {
    public struct Item: Sendable, Hashable {
        public var artifact: ArtifactID
        public var writes: [PlannedFileWrite]
        public var merges: [PlannedMerge]
        /// Commands this artifact will run on the user's machine (hooks, MCP servers), shown before
        /// they are written.
        public var commands: [String]
        /// Set when the profile cannot take this artifact; nothing is written for it.
        public var unsupportedReason: String?
        public var notes: [String]

        public init(
            artifact: ArtifactID,
            writes: [PlannedFileWrite] = [],
            merges: [PlannedMerge] = [],
            commands: [String] = [],
            unsupportedReason: String? = nil,
            notes: [String] = []
        ) {
            self.artifact = artifact
            self.writes = writes
            self.merges = merges
            self.commands = commands
            self.unsupportedReason = unsupportedReason
            self.notes = notes
        }
    }

    public var profileID: String
    public var scope: DeploymentScope
    public var items: [Item]

    public init(profileID: String, scope: DeploymentScope, items: [Item]) {
        self.profileID = profileID
        self.scope = scope
        self.items = items
    }
}

/// Plans deployments of artifacts for one platform profile. Planning is pure: the host reads the
/// destination, the deployer decides, and the host applies the plan and records every file.
public protocol PlatformDeployer: Sendable {
    /// Builds the deployer from its context.
    init(context: PluginContext) throws

    /// The profile this deployer serves.
    var profile: DeploymentProfile { get }

    /// What deploying `artifacts` into `target` would write and merge.
    func plan(_ artifacts: [DeployableArtifact], into target: DeploymentTarget) throws -> DeploymentPlan

    /// The platform's files under one root in the forms the marketplace detectors read, for
    /// discover, adopt and status: formats the detectors do not read are translated, each translated
    /// file mapped back to the real one. Pure, like planning. By default the files as they are.
    func readBack(_ files: ProfileFiles) -> ProfileReadBack
}

extension PlatformDeployer {
    public func readBack(_ files: ProfileFiles) -> ProfileReadBack {
        ProfileReadBack(files: files.files)
    }
}

/// A deployer that plans each artifact on its own, as every built-in one does: its plan is one item
/// per artifact, in order, for the target's scope.
public protocol ItemPlanningDeployer: PlatformDeployer {
    /// What deploying one artifact into `target` would write and merge.
    func item(for artifact: DeployableArtifact, into target: DeploymentTarget) throws(PluginError) -> DeploymentPlan.Item
}

extension ItemPlanningDeployer {
    public func plan(_ artifacts: [DeployableArtifact], into target: DeploymentTarget) throws -> DeploymentPlan {
        DeploymentPlan(profileID: profile.id, scope: target.scope, items: try artifacts.map { try item(for: $0, into: target) })
    }
}

extension DeployableArtifact {
    /// The artifact's name as one path component, or an error when it could reach elsewhere
    /// (`..`, a `/`, an absolute path, control characters).
    public func pathComponent() throws(PluginError) -> RelativePath {
        let name = id.name
        let path: RelativePath
        do {
            path = try RelativePath(validating: name)
        } catch {
            throw .unsafePath(error)
        }
        guard path.components.count == 1, path.string == name else {
            throw .unsafePath(.escapesRoot(name))
        }
        return path
    }

    /// The artifact's name as a path under a platform's commands folder: `<name>`, or for a namespaced
    /// name (`plugin:command`, as the catalog names commands that share a name within a source) the
    /// subfolder `plugin/command`, which Claude Code and Gemini CLI offer as `/plugin:command`. Add the
    /// platform's extension to it. An error when a part is empty, `.` or `..`.
    public func namespacedPath() throws(PluginError) -> RelativePath {
        let name = try pathComponent()
        let parts = name.string.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let path: RelativePath
        do {
            path = try RelativePath(validating: parts.joined(separator: "/"))
        } catch {
            throw .unsafePath(error)
        }
        // `.`, `..` and empty parts would place the file somewhere else than the name says.
        guard path.components == parts else { throw .unsafePath(.escapesRoot(name.string)) }
        return path
    }

    /// Every file of a folder artifact (a skill) placed under `folder`, executable bits kept.
    public func writes(under folder: RelativePath) -> [PlannedFileWrite] {
        files.keys.sorted().map {
            PlannedFileWrite(path: folder.appending($0), contents: files[$0] ?? Data(), isExecutable: executableFiles.contains($0))
        }
    }

    /// The artifact's only file (a command or agent), or an error naming what is missing.
    public func singleFile() throws(PluginError) -> Data {
        guard files.count == 1, let data = files.values.first else {
            throw .malformed(path: "\(id)", reason: "a \(id.type) is one markdown file, but \(files.count) files were given")
        }
        return data
    }

    /// The configuration object of a stored MCP server (`server.json`).
    public func serverConfiguration() throws(PluginError) -> [String: JSONValue] {
        guard let data = files[RelativePath(trusted: ["server.json"])] else {
            throw .malformed(path: "\(id)", reason: "the MCP server has no server.json")
        }
        guard let object = (try? JSONValue.parse(data))?.objectValue else {
            throw .malformed(path: "\(id)/server.json", reason: "it is not a JSON object")
        }
        return object
    }
}

extension JSONValue {
    /// The commands an MCP server configuration starts, for a plan to show: the command line of a
    /// stdio server, or the address of a remote one.
    public static func serverCommands(_ server: [String: JSONValue]) -> [String] {
        if let command = server["command"]?.stringValue {
            return [([command] + (server["args"]?.arrayValue ?? []).compactMap(\.stringValue)).joined(separator: " ")]
        }
        if let url = server["url"]?.stringValue { return ["connects to \(url)"] }
        return []
    }
}

extension RelativePath {
    /// Appends one file or folder name written in the code (`.claude`, `skills`); never user input.
    public func appendingComponent(_ literal: StaticString) -> RelativePath {
        let name = literal.description
        precondition(!name.isEmpty && !name.contains("/") && name != "." && name != "..", "'\(name)' is not a single path component")
        return RelativePath(trusted: components + [name])
    }

    /// The path with `.<ext>` added to its last component (`todo` → `todo.md`).
    public func appendingExtension(_ literal: StaticString) -> RelativePath {
        guard let last = components.last else { return self }
        return RelativePath(trusted: components.dropLast() + ["\(last).\(literal.description)"])
    }
}

extension RelativePath {
    /// One file or folder name built by a deployer (an artifact name with a suffix, `todo.prompt.md`),
    /// or an error when it is not exactly one safe path component.
    public static func component(_ text: String) throws(PluginError) -> RelativePath {
        let path: RelativePath
        do {
            path = try RelativePath(validating: text)
        } catch {
            throw .unsafePath(error)
        }
        guard path.components.count == 1, path.string == text else { throw .unsafePath(.escapesRoot(text)) }
        return path
    }
}
