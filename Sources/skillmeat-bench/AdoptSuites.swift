import Foundation
import SkillMeatCore
import SkillMeatPluginAPI

/// A project holding `count` hand-made artifacts across both profiles: skills, commands and agents in
/// `.claude/`, skills in `.agents/skills/`, TOML agents in `.codex/agents/` and servers in `.mcp.json`.
enum AdoptWorkload {
    static func project(at root: URL, count: Int) throws {
        var servers: [String] = []
        for index in 0..<count {
            let text = "---\nname: a\(index)\ndescription: Project artifact number \(index)\n---\n\nBody \(index)\n"
            let path: String
            var contents = text
            switch index % 6 {
            case 0: path = ".claude/skills/a\(index)/SKILL.md"
            case 1: path = ".claude/commands/a\(index).md"
            case 2: path = ".claude/agents/a\(index).md"
            case 3: path = ".agents/skills/a\(index)/SKILL.md"
            case 4:
                path = ".codex/agents/a\(index).toml"
                contents = "name = \"a\(index)\"\ndescription = \"Project agent \(index)\"\ndeveloper_instructions = \"\"\"\nBody \(index)\n\"\"\"\n"
            default:
                servers.append("\"a\(index)\": {\"command\": \"server-\(index)\"}")
                continue
            }
            let url = root.appending(path: path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(contents.utf8).write(to: url)
        }
        try Data("{\"mcpServers\": {\(servers.joined(separator: ", "))}}\n".utf8).write(to: root.appending(path: ".mcp.json"))
    }
}

/// `discover` of a project with 500 artifacts, none managed.
struct DiscoverSuite: BenchmarkSuite {
    let name = "discover"
    let summary = "ProjectDiscovery.run over a project with 500 artifacts in both profiles' roots"
    let target: Double? = 0.3
    var count = 500
    private var discovery: ProjectDiscovery?
    private var project: URL?

    mutating func setUp(in scratch: URL) async throws -> String {
        let service = try await DeployWorkload.service(in: scratch, count: 100)
        let project = scratch.appending(path: "project")
        try AdoptWorkload.project(at: project, count: count)
        discovery = service.collection.discovery(with: service.plugins)
        self.project = project
        return "\(count) project artifacts, 100 in the collection"
    }

    func run() async throws -> Int {
        guard let discovery, let project else { return 0 }
        return try await discovery.run(projectRoot: project).artifacts.count
    }
}

/// `adopt --all` of a project with 500 artifacts into a new, empty collection (each run writes a
/// fresh project and collection; writing the project's files is inside the timing).
struct AdoptSuite: BenchmarkSuite {
    let name = "adopt"
    let summary = "ProjectAdoption of all 500 artifacts of a new project into a new collection (install, records, cache)"
    let target: Double? = 3.0
    var count = 500
    private var template: DeploymentService?
    private var scratch: URL?

    mutating func setUp(in scratch: URL) async throws -> String {
        template = try await DeployWorkload.service(in: scratch, count: 0)
        self.scratch = scratch
        return "\(count) project artifacts"
    }

    func run() async throws -> Int {
        guard let template, let scratch else { return 0 }
        let id = UUID().uuidString.prefix(8).lowercased()
        let home = template.collection.store.home
        _ = try CollectionStore(home: home, name: "adopt-\(id)").create()
        let collection = CollectionService(home: home, collection: "adopt-\(id)", cacheStore: template.collection.cache.cache, catalog: template.collection.catalog)
        let service = DeploymentService(collection: collection, plugins: template.plugins, userHome: template.userHome)
        let project = scratch.appending(path: "project-\(id)")
        try AdoptWorkload.project(at: project, count: count)
        return try await service.adoption.run(.init(projectRoot: project, all: true)).items.count
    }
}
