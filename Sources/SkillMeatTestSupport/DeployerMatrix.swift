public import Foundation
import Logging
public import SkillMeatCore
public import SkillMeatPluginAPI
public import SkillMeatStore

/// The test matrix every deployer goes through, whatever its platform: one artifact of every type
/// (from `examples/marketplace`) deployed to one profile in the project and the user scope (a
/// temporary home), through the host's own use cases. It knows nothing of the platform: what it
/// checks it learns from the deployer's profile and plans.
///
/// - `roundTrip`: the plan covers every type the profile declares (the others are `unsupported`),
///   writes only under the profile's roots, a dry run writes nothing, deploying writes the planned
///   bytes and keeps what a person wrote in each shared file the plan merges into (a file seeded with
///   a person's own key and a sibling entry beside every planned one), deploying again changes
///   nothing, status is `synced`, and undeploying leaves the tree byte for byte as before.
/// - `drift`: a changed file is `modified`, a changed collection copy `outdated`, a deleted file or
///   shared file `missing`.
/// - `discoverAndAdopt` (project): discover reads every deployed artifact back through the deployer as
///   `managed`; with the records gone it finds them again, adopt records them without rewriting
///   anything, and undeploying what was adopted removes every file deployed.
/// - `escapes`: names that would leave the target (`../x`, `/abs`, `a/b`, `..`) are refused by the
///   planner for every type, and a profile root that is a symbolic link out of the project is refused
///   by the host with nothing written outside.
///
/// Each check returns its problems as sentences (empty when it passed), so a test states
/// `#expect(problems.isEmpty, …)` and sees every problem at once. Run it for each deployer through
/// `SkillMeatRegistryTests/DeployerMatrixTests`, which takes every deployer in the manifest.
public struct DeployerMatrix: Sendable {
    /// Opens the stores of a home (the composition root's `StoreBackends.open`).
    public typealias OpenStores = @Sendable (SkillMeatHome) throws(SkillMeatError) -> any StoreBackend

    /// The deployment profile under test (`claude_code`, `gemini`).
    public let profile: String
    let registrations: [PluginRegistration]
    let openStores: OpenStores
    let marketplace: URL

    /// The artifacts of `examples/marketplace` the matrix deploys: one of each type.
    public static let artifacts: [(path: String, type: ArtifactType?, name: String)] = [
        ("skills/commit-message", nil, "commit-message"),
        ("commands/todo.md", nil, "todo"),
        ("agents/test-writer.md", nil, "test-writer"),
        ("", .hook, "protect-lockfiles"),
        ("", .mcpServer, "docs-search"),
    ]
    static var names: [String] { artifacts.map(\.name) }

    /// `registrations` are every compiled-in plugin (the deployer under test among them, enabled
    /// whatever its default); the other deployers are switched off, so only this profile is seen.
    public init(profile: String, registrations: [PluginRegistration], marketplace: URL, openStores: @escaping OpenStores) {
        self.profile = profile
        self.registrations = registrations
        self.marketplace = marketplace
        self.openStores = openStores
    }

    /// One run's world: a home with the artifacts in its collection, an empty project and an empty
    /// user home, all in one temporary folder.
    public struct World: Sendable {
        public let folder: TemporaryDirectory
        public let project: URL
        public let userHome: URL
        public let plugins: PluginCatalog
        public let collection: CollectionService
        public let deployment: DeploymentService

        public func root(_ scope: DeploymentScope) -> URL { scope == .project ? project : userHome }

        /// The drift of every deployment recorded under `scope`'s root, by artifact id.
        public func status(_ scope: DeploymentScope) throws -> [String: DeploymentStatus] {
            Dictionary(try collection.store.home.deploymentIndex.status(roots: [root(scope)]).map { ($0.artifact, $0) }) { first, _ in first }
        }
    }

    public func world() async throws -> World {
        let folder = try TemporaryDirectory(prefix: "skillmeat-matrix")
        let home = SkillMeatHome(root: folder.url)
        let open = openStores
        let stores = try open(home)
        _ = try await HomeSetup.initialize(home: home, collectionName: "default") { stores }
        let others = registrations.map(\.descriptor).filter { $0.id.kind != .deployer || $0.id.name == profile }.map(\.id.description)
        let plugins = try PluginCatalog(
            registrations: registrations,
            configuration: PluginsConfiguration(only: others),
            deploy: DeploySettings(defaultProfiles: [profile]),
            home: home, environment: [:], logger: Logger(label: "deployer-matrix")
        )
        let collection = CollectionService(home: home, collection: "default", stores: stores)
        for artifact in Self.artifacts {
            let source = artifact.path.isEmpty ? marketplace : marketplace.appending(path: artifact.path)
            _ = try await collection.adding(with: plugins).run(
                .init(source: SourceReference(location: source.path), type: artifact.type, name: artifact.type == nil ? nil : artifact.name)
            )
        }
        let project = folder.path("project")
        let userHome = folder.path("user")
        for url in [project, userHome] { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
        return World(
            folder: folder, project: project, userHome: userHome, plugins: plugins, collection: collection,
            deployment: DeploymentService(collection: collection, plugins: plugins, userHome: userHome)
        )
    }

    func request(_ world: World, _ scope: DeploymentScope, dryRun: Bool = false) -> DeploymentService.Request {
        .init(names: Self.names, projectRoot: world.project, scope: scope, profiles: [profile], dryRun: dryRun, commandConsent: .accept)
    }

    func deployer(_ world: World) throws -> any PlatformDeployer { try world.plugins.deployer(profile: profile) }

    // MARK: Round trip

    /// Plan, dry run, deploy (into shared files a person wrote), deploy again, status, undeploy.
    public func roundTrip(scope: DeploymentScope) async throws -> [String] {
        let world = try await world()
        defer { world.folder.remove() }
        var problems: [String] = []
        let root = world.root(scope)
        let other = world.root(scope == .project ? .user : .project)
        let profileValue = try deployer(world).profile

        // What the plan would do, into an empty root.
        let first = try await world.deployment.preview(request(world, scope, dryRun: true))
        problems += planProblems(first, profile: profileValue, scope: scope)

        // A person's own configuration in every shared file the plan merges into.
        for (file, merges) in Dictionary(grouping: first.items.flatMap(\.merges), by: \.file) {
            let url = root.appending(path: file.string)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Self.handWritten(for: merges).write(to: url)
        }
        let before = try FolderTree.snapshot(root)
        let otherBefore = try FolderTree.snapshot(other)

        let dry = try await world.deployment.deploy(request(world, scope, dryRun: true))
        if !dry.dryRun { problems.append("a dry run reported it was not one") }
        if try FolderTree.snapshot(root) != before { problems.append("a dry run changed \(FolderTree.differences(before, try FolderTree.snapshot(root)))") }

        let report = try await world.deployment.deploy(request(world, scope))
        let deployed = report.items.filter { $0.action == .deploy }
        for item in deployed {
            for write in item.writes {
                let data = try? Data(contentsOf: root.appending(path: write.path.string))
                if data != write.contents { problems.append("\(item.artifact): \(write.path) does not hold the planned bytes") }
                if write.isExecutable, !FileManager.default.isExecutableFile(atPath: root.appending(path: write.path.string).path) {
                    problems.append("\(item.artifact): \(write.path) lost its executable bit")
                }
            }
        }
        for file in Set(deployed.flatMap(\.merges).map(\.file)) {
            let text = (try? String(contentsOf: root.appending(path: file.string), encoding: .utf8)) ?? ""
            for mark in [Self.personsKey, Self.personsEntry] where !text.contains(mark) {
                problems.append("\(file) lost what a person wrote ('\(mark)')")
            }
        }
        let afterDeploy = try FolderTree.snapshot(root)
        let again = try await world.deployment.deploy(request(world, scope))
        if let changed = again.items.first(where: { $0.action != .unchanged && $0.action != .unsupported }) {
            problems.append("deploying again did not leave \(changed.artifact) unchanged (\(changed.action.rawValue))")
        }
        if try FolderTree.snapshot(root) != afterDeploy { problems.append("deploying again changed \(FolderTree.differences(afterDeploy, try FolderTree.snapshot(root)))") }

        let status = try world.status(scope)
        if status.count != deployed.count { problems.append("status lists \(status.count) deployments for \(deployed.count) deployed") }
        for (artifact, row) in status where row.state != .synced || row.profile != profile {
            problems.append("\(artifact) is \(row.state.rawValue) on \(row.profile) right after deploying")
        }

        for item in deployed {
            let undeploy = try await world.deployment.undeploy(
                item.deployedName, type: item.artifact.type, projectRoot: world.project, scope: scope, profiles: [profile]
            )
            if undeploy.entries.contains(where: { !$0.kept.isEmpty }) { problems.append("undeploying \(item.artifact) kept \(undeploy.entries.flatMap(\.kept))") }
        }
        let after = try FolderTree.snapshot(root)
        if after != before { problems.append("undeploy did not restore the \(scope.rawValue) tree byte for byte: \(FolderTree.differences(before, after))") }
        if try FolderTree.snapshot(other) != otherBefore { problems.append("the \(scope.rawValue) deployment touched the other scope's root") }
        if !(try world.status(scope)).isEmpty { problems.append("deployments are still recorded after undeploy") }
        return problems.map { "\(profile) \(scope.rawValue): \($0)" }
    }

    /// Every type the profile declares is planned, the others are unsupported, and every path is the profile's.
    func planProblems(_ preview: DeploymentPreview, profile: DeploymentProfile, scope: DeploymentScope) -> [String] {
        var problems: [String] = []
        for item in preview.items {
            let supported = profile.supportedTypes.contains(item.artifact.type)
            if supported, item.action != .deploy {
                problems.append("\(item.artifact) is a type the profile declares but was planned as \(item.action.rawValue)")
            }
            if !supported, item.action != .unsupported {
                problems.append("\(item.artifact) is a type the profile does not declare but was planned as \(item.action.rawValue)")
            }
            let paths = item.writes.map(\.path) + item.merges.map(\.file)
            for path in paths where !profile.owns(path, in: scope) {
                problems.append("\(item.artifact) writes \(path), outside the profile's \(scope.rawValue) roots \(profile.roots(for: scope).map(\.string))")
            }
        }
        if !profile.owns(profile.recordFolder, in: scope) { problems.append("the record folder \(profile.recordFolder) is not under the profile's roots") }
        return problems
    }

    /// A key of a person's own at the top of a shared file, and an entry of theirs beside SkillMeat's.
    static let personsKey = "persons_own_setting"
    static let personsEntry = "persons-own"

    /// A shared file as a person might have written it, in the file's format: a setting of their own,
    /// and beside every planned entry one of theirs (a member of the same table, or an element of the
    /// same array).
    static func handWritten(for merges: [PlannedMerge]) -> Data {
        switch merges.first?.format ?? .json {
        case .json:
            var root: [String: JSONValue] = [personsKey: .string("kept")]
            for merge in merges {
                switch merge.operation {
                case .set:
                    root = inserting(.object(["command": .string(personsEntry)]), at: Array(merge.keyPath.dropLast()) + [personsEntry], into: root)
                case .append:
                    let group: JSONValue = .object(["matcher": .string(personsEntry), "hooks": .array([.object(["type": .string("command"), "command": .string("echo \(personsEntry)")])])])
                    root = inserting(.array([group]), at: merge.keyPath, into: root)
                }
            }
            return JSONValue.object(root).prettyData() + Data("\n".utf8)
        case .toml:
            var text = "# written by a person\n\(personsKey) = \"kept\"\n"
            var tables = Set<String>()
            for merge in merges where merge.operation == .set && merge.keyPath.count >= 2 {
                let table = (Array(merge.keyPath.dropLast()) + [personsEntry]).map(TOMLText.key).joined(separator: ".")
                if tables.insert(table).inserted { text += "\n[\(table)]\ncommand = \"\(personsEntry)\"\n" }
            }
            return Data(text.utf8)
        }
    }

    /// `root` with `value` at `path`, creating the objects on the way; an existing value there is kept.
    static func inserting(_ value: JSONValue, at path: [String], into root: [String: JSONValue]) -> [String: JSONValue] {
        guard let key = path.first else { return root }
        var root = root
        if path.count == 1 {
            if root[key] == nil { root[key] = value }
        } else {
            root[key] = .object(inserting(value, at: Array(path.dropFirst()), into: root[key]?.objectValue ?? [:]))
        }
        return root
    }

    // MARK: Drift

    /// `modified`, `outdated` and `missing` (a deleted file, a deleted shared file), each seen by status.
    public func drift(scope: DeploymentScope) async throws -> [String] {
        let world = try await world()
        defer { world.folder.remove() }
        var problems: [String] = []
        let root = world.root(scope)
        let report = try await world.deployment.deploy(request(world, scope))
        var pool = report.items.filter { $0.action == .deploy }
        var expected: [String: DriftState] = [:]

        func take(_ types: [ArtifactType], _ having: (DeploymentPreview.Item) -> Bool) -> DeploymentPreview.Item? {
            for type in types {
                if let index = pool.firstIndex(where: { $0.artifact.type == type && having($0) }) { return pool.remove(at: index) }
            }
            return nil
        }
        // A person edits a deployed file.
        if let item = take([.command, .agent, .skill], { !$0.writes.isEmpty }), let write = item.writes.first {
            let url = root.appending(path: write.path.string)
            try (try Data(contentsOf: url) + Data("\nchanged by a person\n".utf8)).write(to: url)
            expected[item.artifact.description] = .modified
        }
        // The collection copy changes (a markdown file of the artifact).
        if let item = take([.agent, .command, .skill], { !$0.writes.isEmpty }) {
            let artifact = try await world.collection.find(item.artifact.name, type: item.artifact.type)
            var url = try world.collection.store.location(of: artifact)
            if item.artifact.type == .skill { url = url.appending(path: "SKILL.md") }
            try (try Data(contentsOf: url) + Data("\nMore from the collection.\n".utf8)).write(to: url)
            expected[item.artifact.description] = .outdated
        }
        // A deployed file is deleted.
        if let item = take([.skill, .command, .agent, .hook], { !$0.writes.isEmpty }), let write = item.writes.first {
            try FileManager.default.removeItem(at: root.appending(path: write.path.string))
            expected[item.artifact.description] = .missing
        }
        // A shared file is deleted: every entry merged into it is missing.
        if let item = take([.mcpServer, .hook], { !$0.merges.isEmpty }), let file = item.merges.first?.file {
            try FileManager.default.removeItem(at: root.appending(path: file.string))
            expected[item.artifact.description] = .missing
            for other in pool where other.merges.contains(where: { $0.file == file }) { expected[other.artifact.description] = .missing }
        }
        if expected.count < 3 { problems.append("the profile deployed too little to check three drift states (\(expected))") }
        let status = try world.status(scope)
        for (artifact, state) in expected where status[artifact]?.state != state {
            problems.append("\(artifact) should be \(state.rawValue), status says \(status[artifact]?.state.rawValue ?? "nothing")")
        }
        for (artifact, row) in status where expected[artifact] == nil && row.state != .synced {
            problems.append("\(artifact) was not touched but is \(row.state.rawValue)")
        }
        return problems.map { "\(profile) \(scope.rawValue): \($0)" }
    }

    // MARK: Discover and adopt

    /// Deployed artifacts are discovered as managed; with the records gone, adopt takes them back.
    public func discoverAndAdopt() async throws -> [String] {
        let world = try await world()
        defer { world.folder.remove() }
        var problems: [String] = []
        let report = try await world.deployment.deploy(request(world, .project))
        let deployed = report.items.filter { $0.action == .deploy }
        let discovery = world.collection.discovery(with: world.plugins)

        /// The discovered artifact that stands for a deployed item: one whose files or entries it wrote.
        func match(_ item: DeploymentPreview.Item, in found: [DiscoveredArtifact]) -> DiscoveredArtifact? {
            let files = Set(item.writes.map(\.path.string))
            let entries = Set(item.merges.map { "\($0.file.string): \($0.keyPath.joined(separator: "."))" })
            // A hooks block wholly SkillMeat's is reported at its file, without files or entries.
            let sharedFiles = Set(item.merges.map(\.file.string))
            return found.first {
                !files.isDisjoint(with: $0.files) || !entries.isDisjoint(with: $0.entries) || files.contains($0.path)
                    || ($0.type == item.artifact.type && sharedFiles.contains($0.path))
            }
        }

        let found = try await discovery.run(projectRoot: world.project)
        problems += found.diagnostics.filter { $0.severity != .info }.map { "discover: \($0.path ?? ""): \($0.message)" }
        for item in deployed {
            guard let artifact = match(item, in: found.artifacts) else {
                problems.append("discover does not find the deployed \(item.artifact) (files \(item.writes.map(\.path.string)), entries \(item.merges.map(\.keyPath)))")
                continue
            }
            if artifact.status != .managed || artifact.profile != profile {
                problems.append("discover reports the deployed \(item.artifact) as \(artifact.status.rawValue) on \(artifact.profile)")
            }
        }
        for artifact in found.artifacts where artifact.status != .managed {
            problems.append("discover reports \(artifact.id) (\(artifact.path)) as \(artifact.status.rawValue) in a project holding only deployments")
        }

        // Forget the deployments: the files stay, and are the project's own now.
        let profileValue = try deployer(world).profile
        try FileManager.default.removeItem(at: world.project.appending(path: profileValue.recordFolder.string).appending(path: ".skillmeat-deployed.toml"))
        let project = try FolderTree.snapshot(world.project)
        let unmanaged = try await discovery.run(projectRoot: world.project)
        for item in deployed where match(item, in: unmanaged.artifacts) == nil {
            problems.append("without its record, the deployed \(item.artifact) is not discovered")
        }
        let adoption = try await world.deployment.adoption.run(.init(projectRoot: world.project, all: true, strategy: .rename))
        for item in adoption.items where item.status != "adopted" && item.status != "recorded" {
            problems.append("adopt left \(item.type.rawValue):\(item.name) \(item.status): \(item.message)")
        }
        let adopted = try FolderTree.snapshot(world.project).filter { !$0.key.hasSuffix(".skillmeat-deployed.toml") }
        if adopted != project.filter({ !$0.key.hasSuffix(".skillmeat-deployed.toml") }) {
            problems.append("adopt rewrote \(FolderTree.differences(project, adopted))")
        }
        for (artifact, row) in try world.status(.project) where row.state != .synced {
            problems.append("adopted \(artifact) is \(row.state.rawValue)")
        }
        for artifact in try await discovery.run(projectRoot: world.project).artifacts where artifact.status != .managed {
            problems.append("after adopt, \(artifact.id) is \(artifact.status.rawValue)")
        }
        for item in adoption.items where item.status == "adopted" || item.status == "recorded" {
            _ = try await world.deployment.undeploy(item.collectionName ?? item.name, type: item.type, projectRoot: world.project, scope: .project, profiles: [profile])
        }
        // Adopt records files and entries, not the folders and shared files around them: those stay.
        // Known gap (not the deployers'): adopt does not take a hook's scripts, since the hook detector
        // does not follow a deployed command's `"$CLAUDE_PROJECT_DIR"/…` path to them; they stay.
        let left = deployed.filter { $0.artifact.type != .hook }.flatMap(\.writes).map(\.path.string).filter { FileManager.default.fileExists(atPath: world.project.appending(path: $0).path) }
        if !left.isEmpty { problems.append("undeploying what was adopted left \(left)") }
        if !(try world.status(.project)).isEmpty { problems.append("adopted deployments are still recorded after undeploy") }
        return problems.map { "\(profile) adopt: \($0)" }
    }

    // MARK: Escapes

    /// Names that leave the target are refused by the planner; a root that links out of the project
    /// is refused by the host, with nothing written outside.
    public func escapes() async throws -> [String] {
        let world = try await world()
        defer { world.folder.remove() }
        var problems: [String] = []
        let deployer = try deployer(world)
        for name in ["../x", "/abs", "a/b", "..", ".", "x/../../y"] {
            for type in ArtifactType.allCases {
                let artifact = DeployableArtifact(id: ArtifactID(type: type, name: name), metadata: ArtifactMetadata(), contentHash: "x", files: try Self.minimalFiles(type))
                for scope in DeploymentScope.allCases {
                    let target = DeploymentTarget(scope: scope, root: world.root(scope))
                    guard let plan = try? deployer.plan([artifact], into: target) else { continue }
                    for item in plan.items where !item.writes.isEmpty || !item.merges.isEmpty {
                        problems.append("the \(type.rawValue) named '\(name)' was planned (\(item.writes.map(\.path.string) + item.merges.map { $0.keyPath.joined(separator: ".") })) instead of refused")
                    }
                }
            }
        }

        // Every root of the profile a symbolic link to a folder (or file) outside the project.
        let outside = world.folder.path("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        var links = Set<String>()
        for root in deployer.profile.roots(for: .project) + [deployer.profile.recordFolder] {
            guard let first = root.components.first, links.insert(first).inserted else { continue }
            let destination = outside.appending(path: first)
            if root.components.count == 1, ["json", "toml", "jsonc", "md"].contains(root.fileExtension ?? "") {
                try Data("{}\n".utf8).write(to: destination)
            } else {
                try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: true)
            }
            try FileManager.default.createSymbolicLink(at: world.project.appending(path: first), withDestinationURL: destination)
        }
        let before = try FolderTree.snapshot(outside)
        do {
            let report = try await world.deployment.deploy(request(world, .project))
            let written = report.items.filter(\.writesSomething)
            if !written.isEmpty { problems.append("deploying through links out of the project wrote \(written.map(\.artifact.description))") }
        } catch {
            // Refused: what is expected.
        }
        if try FolderTree.snapshot(outside) != before { problems.append("something was written outside the project: \(FolderTree.differences(before, try FolderTree.snapshot(outside)))") }
        return problems.map { "\(profile) escapes: \($0)" }
    }

    /// The smallest stored artifact of `type` a planner accepts.
    static func minimalFiles(_ type: ArtifactType) throws -> [RelativePath: Data] {
        let file: (String, String) = switch type {
        case .skill: ("SKILL.md", "---\nname: x\ndescription: X.\n---\nBody.\n")
        case .command: ("x.md", "---\ndescription: X.\n---\nBody.\n")
        case .agent: ("x.md", "---\nname: x\ndescription: X.\n---\nBody.\n")
        case .mcpServer: ("server.json", #"{"command": "x"}"#)
        case .hook: ("hooks.json", #"{"hooks": {"PreToolUse": [{"hooks": [{"type": "command", "command": "echo"}]}]}}"#)
        }
        return [try RelativePath(validating: file.0): Data(file.1.utf8)]
    }

    /// Every check in both scopes.
    public func run() async throws -> [String] {
        var problems: [String] = []
        for scope in DeploymentScope.allCases {
            problems += try await roundTrip(scope: scope)
            problems += try await drift(scope: scope)
        }
        problems += try await discoverAndAdopt()
        problems += try await escapes()
        return problems
    }
}
