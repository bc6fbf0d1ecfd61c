public import Foundation

/// Where a deployment goes: into one project, or into the user's own configuration.
public enum DeploymentScope: String, Sendable, Hashable, Codable, CaseIterable {
    case project
    case user
}

/// A platform a deployer targets, as deployment records name it.
public struct DeploymentProfile: Sendable, Hashable, Codable {
    /// The profile id users type and records store (`claude_code`, `codex`).
    public var id: String
    /// The platform's name in records (`claude-code`, `codex`).
    public var platform: String
    /// The folder under a project (or home) that holds the deployment record, e.g. `.claude`.
    public var recordFolder: RelativePath
    /// The artifact types this profile can deploy.
    public var supportedTypes: Set<ArtifactType>

    public init(id: String, platform: String, recordFolder: RelativePath, supportedTypes: Set<ArtifactType>) {
        self.id = id
        self.platform = platform
        self.recordFolder = recordFolder
        self.supportedTypes = supportedTypes
    }
}

/// An artifact ready to deploy: its identity, metadata, content hash and files in memory.
public struct DeployableArtifact: Sendable, Hashable {
    public var id: ArtifactID
    public var metadata: ArtifactMetadata
    public var contentHash: String
    /// The artifact's files relative to its own folder (a command or agent: one file).
    public var files: [RelativePath: Data]

    public init(id: ArtifactID, metadata: ArtifactMetadata, contentHash: String, files: [RelativePath: Data]) {
        self.id = id
        self.metadata = metadata
        self.contentHash = contentHash
        self.files = files
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

/// One entry merged into a shared file, e.g. `mcpServers.github` in `.mcp.json`.
public struct PlannedMerge: Sendable, Hashable {
    public var file: RelativePath
    public var format: SharedFileFormat
    /// The key path of the entry inside the file, e.g. `["mcpServers", "github"]`.
    public var keyPath: [String]
    public var value: JSONValue

    public init(file: RelativePath, format: SharedFileFormat, keyPath: [String], value: JSONValue) {
        self.file = file
        self.format = format
        self.keyPath = keyPath
        self.value = value
    }
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
}
