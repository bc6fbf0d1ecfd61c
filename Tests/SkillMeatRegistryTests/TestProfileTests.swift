import Foundation
import Logging
import SkillMeatStore
import SkillMeatCore
import SkillMeatPluginAPI
import SkillMeatRegistry
import SkillMeatTestSupport
import Testing

/// A profile Core has never heard of (`TestAgentDeployer`, registered beside the built-in plugins
/// with the built-in deployers switched off) goes through every deployment use case: deploy,
/// discover, adopt, drift and undeploy.
@Suite struct TestProfileTests {
    static let marketplace = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "examples/marketplace")
    static let all = ["commit-message", "todo", "test-writer", "docs-search", "protect-lockfiles"]
    static let handWritten = "# mine\ntheme = \"dark\"\n\n[servers.mine]\ncommand = \"my-server\"\n"

    struct World {
        let home: TemporaryDirectory
        let project: URL
        let plugins: PluginCatalog
        let collection: CollectionService
        let deployment: DeploymentService

        func status() throws -> [String: DeploymentStatus] {
            Dictionary(uniqueKeysWithValues: try collection.store.home.deploymentIndex.status(roots: [project]).map { ($0.artifact, $0) })
        }

        func discover() async throws -> [String: DiscoveredArtifact] {
            let report = try await collection.discovery(with: plugins).run(projectRoot: project)
            return Dictionary(uniqueKeysWithValues: report.artifacts.map { ("\($0.type.rawValue):\($0.name)", $0) })
        }

        func write(_ relative: String, _ text: String) throws {
            let url = project.appending(path: relative)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }

        func read(_ relative: String) throws -> String {
            try String(contentsOf: project.appending(path: relative), encoding: .utf8)
        }
    }

    /// A home whose collection holds one artifact of every type, a catalog whose only deployer is
    /// Test Agent (the default profile), and a project with a hand-written `settings.toml`.
    static func world() async throws -> World {
        let home = try TemporaryDirectory()
        let skillMeatHome = SkillMeatHome(root: home.url)
        let stores = try StoreBackends.open(StoreSettings(), home: skillMeatHome)
        _ = try await HomeSetup.initialize(home: skillMeatHome, collectionName: "default") { stores }
        let plugins = try PluginCatalog(
            registrations: BuiltinPlugins.registrations + [TestAgentDeployer.registration],
            configuration: PluginsConfiguration(disable: ["deployer/claude_code", "deployer/codex"]),
            deploy: DeploySettings(defaultProfiles: ["test_agent"]),
            home: skillMeatHome, environment: [:], logger: Logger(label: "test")
        )
        #expect(plugins.deployerProfiles == ["test_agent"])
        let collection = CollectionService(home: skillMeatHome, collection: "default", stores: stores)
        for (path, type, name) in [
            ("skills/commit-message", ArtifactType?.none, String?.none), ("commands/todo.md", nil, nil), ("agents/test-writer.md", nil, nil),
            ("", .hook, "protect-lockfiles"), ("", .mcpServer, "docs-search"),
        ] {
            let source = path.isEmpty ? marketplace : marketplace.appending(path: path)
            _ = try await collection.adding(with: plugins).run(.init(source: SourceReference(location: source.path), type: type, name: name))
        }
        let project = home.path("project")
        let world = World(
            home: home, project: project, plugins: plugins, collection: collection,
            deployment: DeploymentService(collection: collection, plugins: plugins, userHome: home.path("user"))
        )
        try world.write(".testagent/settings.toml", handWritten)
        return world
    }

    /// Deploys every artifact to the default profile.
    static func deployAll(_ world: World) async throws -> DeploymentPreview {
        let preview = try await world.deployment.preview(.init(names: all, projectRoot: world.project, scope: .project))
        _ = try await world.deployment.apply(preview)
        return preview
    }

    @Test("deploy writes Test Agent's own formats, status is synced, and undeploy leaves the project byte for byte")
    func deployAndUndeploy() async throws {
        let world = try await Self.world()
        defer { world.home.remove() }
        let before = try Data(contentsOf: world.project.appending(path: ".testagent/settings.toml"))

        let preview = try await Self.deployAll(world)
        #expect(preview.targets.map(\.profile.id) == ["test_agent"])
        let actions = Dictionary(uniqueKeysWithValues: preview.items.map { ($0.artifact.description, $0.action) })
        #expect(actions["hook:protect-lockfiles"] == .unsupported)
        #expect(actions["skill:commit-message"] == .deploy && actions["mcp_server:docs-search"] == .deploy)
        #expect(FileManager.default.fileExists(atPath: world.project.appending(path: ".testagent/skills/commit-message/SKILL.md").path))
        #expect(FileManager.default.fileExists(atPath: world.project.appending(path: ".testagent/commands/todo.md").path))
        #expect(try world.read(".testagent/agents/test-writer.toml").hasPrefix("name = \"test-writer\"\n"))
        let settings = try world.read(".testagent/settings.toml")
        #expect(settings.hasPrefix(Self.handWritten) && settings.contains("[servers.docs-search]"))

        let status = try world.status()
        #expect(status.count == 4)
        #expect(status.values.allSatisfy { $0.state == .synced && $0.profile == "test_agent" })

        for name in Self.all.dropLast() {
            let report = try await world.deployment.undeploy(name, projectRoot: world.project, scope: .project)
            #expect(report.entries.map(\.profile) == ["test_agent"])
        }
        #expect(try Data(contentsOf: world.project.appending(path: ".testagent/settings.toml")) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: world.project.appending(path: ".testagent").path) == ["settings.toml"])
        #expect(try world.status().isEmpty)
    }

    @Test("drift of Test Agent deployments: modified, outdated, conflict and missing, read through its own formats")
    func drift() async throws {
        let world = try await Self.world()
        defer { world.home.remove() }
        _ = try await Self.deployAll(world)
        try world.write(".testagent/commands/todo.md", "changed by a person\n")
        let collectionSkill = try world.collection.store.location(of: try await world.collection.find("commit-message", type: .skill)).appending(path: "SKILL.md")
        try Data((try String(contentsOf: collectionSkill, encoding: .utf8) + "\nMore.\n").utf8).write(to: collectionSkill)
        let collectionAgent = try world.collection.store.location(of: try await world.collection.find("test-writer", type: .agent))
        try Data((try String(contentsOf: collectionAgent, encoding: .utf8) + "\nMore.\n").utf8).write(to: collectionAgent)
        try world.write(".testagent/agents/test-writer.toml", "name = \"test-writer\"\ndescription = \"edited\"\nprompt = \"x\"\n")
        try world.write(".testagent/settings.toml", Self.handWritten)

        let status = try world.status()
        #expect(status["command:todo"]?.state == .modified)
        #expect(status["skill:commit-message"]?.state == .outdated)
        #expect(status["agent:test-writer"]?.state == .conflict)
        #expect(status["mcp_server:docs-search"]?.state == .missing)
        #expect(status["mcp_server:docs-search"]?.missing == [".testagent/settings.toml: servers.docs-search"])
    }

    @Test("discover reads Test Agent's TOML back through its deployer; adopt records the real files and entries")
    func discoverAndAdopt() async throws {
        let world = try await Self.world()
        defer { world.home.remove() }
        _ = try await world.deployment.apply(try await world.deployment.preview(.init(names: ["commit-message"], projectRoot: world.project, scope: .project)))
        try world.write(".testagent/skills/gamma/SKILL.md", "---\nname: gamma\ndescription: Does gamma things.\n---\n\nGamma.\n")
        try world.write(".testagent/agents/helper.toml", "name = \"helper\"\ndescription = \"Helps.\"\nprompt = \"\"\"\nHelp out.\n\"\"\"\n")
        let todo = try Data(contentsOf: Self.marketplace.appending(path: "commands/todo.md"))
        try world.write(".testagent/commands/todo.md", String(decoding: todo, as: UTF8.self))
        // A stray mcp.json is not Test Agent's: only settings.toml declares its servers.
        try world.write(".testagent/mcp.json", #"{"mcpServers": {"stray": {"command": "x"}}}"#)

        let found = try await world.discover()
        #expect(found.values.allSatisfy { $0.profile == "test_agent" })
        #expect(found["skill:commit-message"]?.status == .managed)
        #expect(found["skill:gamma"]?.status == .unmanaged)
        #expect(found["agent:helper"]?.status == .unmanaged)
        #expect(found["agent:helper"]?.path == ".testagent/agents/helper.toml")
        #expect(found["agent:helper"]?.files == [".testagent/agents/helper.toml"])
        #expect(found["mcp_server:mine"]?.entries == [".testagent/settings.toml: servers.mine"])
        #expect(found["mcp_server:stray"] == nil)
        #expect(found["command:todo"]?.status == .inCollection && found["command:todo"]?.match == .sameContent)

        let adopted = try await world.deployment.adoption.run(.init(projectRoot: world.project, all: true))
        let outcome = Dictionary(uniqueKeysWithValues: adopted.items.map { ("\($0.type.rawValue):\($0.name)", $0.status) })
        #expect(outcome == ["skill:gamma": "adopted", "agent:helper": "adopted", "mcp_server:mine": "adopted", "command:todo": "recorded"])
        #expect(try world.status().values.allSatisfy { $0.state == .synced && $0.profile == "test_agent" })
        #expect(try await world.discover().values.allSatisfy { $0.status == .managed })
        #expect(try world.read(".testagent/agents/helper.toml").contains("Help out."), "nothing in the project is rewritten")

        // Undeploying what was adopted removes exactly its file and its entry.
        _ = try await world.deployment.undeploy("helper", projectRoot: world.project, scope: .project)
        _ = try await world.deployment.undeploy("mine", projectRoot: world.project, scope: .project)
        #expect(!FileManager.default.fileExists(atPath: world.project.appending(path: ".testagent/agents/helper.toml").path))
        #expect(try world.read(".testagent/settings.toml") == "# mine\ntheme = \"dark\"\n")
    }

    @Test("a rename keeps within the profile's declared name length")
    func renameRespectsNameRule() async throws {
        let world = try await Self.world()
        defer { world.home.remove() }
        let long = String(repeating: "a", count: 40)
        _ = try await world.collection.adding(with: world.plugins).run(
            .init(source: SourceReference(location: Self.marketplace.appending(path: "commands/todo.md").path), name: long)
        )
        try world.write(".testagent/commands/\(long).md", "a person's own command\n")
        let preview = try await world.deployment.preview(.init(names: [long], projectRoot: world.project, scope: .project, strategy: .rename))
        let name = try #require(preview.items.first?.deployedName)
        #expect(name != long && name.count <= 40 && name.hasSuffix("-1"))
    }
}
