import Foundation
import Logging
import SkillMeatCore
import SkillMeatPluginAPI
import SkillMeatRegistry

/// The deploy use cases over the collection workload, with the built-in deployers.
enum DeployWorkload {
    static func service(in scratch: URL, count: Int) async throws -> DeploymentService {
        let home = try await CollectionWorkload.make(in: scratch, count: count)
        let environment = ["SKILLMEAT_HOME": home.root.path, "HOME": scratch.path]
        let configuration = try Configuration.load(home: home, environment: environment)
        let plugins = try BuiltinPlugins.catalog(configuration: configuration, home: home, environment: environment, logger: Logger(label: "bench"))
        let collection = CollectionService(home: home, collection: "bench", stores: try CollectionWorkload.stores(home))
        try await collection.cache.rebuild()
        return DeploymentService(collection: collection, plugins: plugins, userHome: scratch)
    }

    static func names(_ count: Int) -> [String] {
        let types: [ArtifactType] = [.skill, .command, .agent, .skill, .command]
        return (0..<count).map { "\(types[$0 % types.count].rawValue)-\($0)" }
    }

    static func deploy(_ service: DeploymentService, names: [String], into project: URL) async throws -> Int {
        try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
        let preview = try await service.preview(.init(names: names, projectRoot: project, scope: .project))
        return try await service.apply(preview).items.count
    }
}

/// `deploy` into a new project each run: all 100 artifacts of a collection (`deploy`: plan, conflict
/// checks, writes, record, cache), or one skill of a collection of `count` (`deploy-one-*`: what an
/// operation on one artifact costs as the collection grows; it must not parse the whole manifest and lock).
struct DeploySuite: BenchmarkSuite {
    let name: String
    let summary: String
    let target: Double?
    let count: Int
    /// The artifacts each run deploys.
    let names: [String]
    private var service: DeploymentService?
    private var scratch: URL?

    /// Every artifact of a 100-artifact collection.
    init() {
        name = "deploy"
        summary = "DeploymentService preview + apply of 100 artifacts into a new project (claude_code)"
        target = 1.0
        count = 100
        names = DeployWorkload.names(count)
    }

    /// One skill of a `count`-artifact collection.
    init(oneOf count: Int, target: Double?) {
        name = "deploy-one-\(count >= 1_000 ? "\(count / 1_000)k" : "\(count)")"
        summary = "DeploymentService preview + apply of one skill from a \(count.formatted())-artifact collection into a new project"
        self.target = target
        self.count = count
        names = ["skill-0"]
    }

    mutating func setUp(in scratch: URL) async throws -> String {
        service = try await DeployWorkload.service(in: scratch, count: count)
        self.scratch = scratch
        return names.count == count ? "\(count) artifacts (skills, commands, agents)" : "1 skill of \(count.formatted()) artifacts"
    }

    func run() async throws -> Int {
        guard let service, let scratch else { return 0 }
        return try await DeployWorkload.deploy(service, names: names, into: scratch.appending(path: "project-\(UUID().uuidString)"))
    }
}

/// `status` over 1,000 deployments: 100 artifacts in each of 10 known projects.
struct StatusSuite: BenchmarkSuite {
    let name = "status"
    let summary = "DeploymentIndex.status over every known project (hash every deployed file and collection artifact)"
    let target: Double? = 0.5
    var artifacts = 100
    var projects = 10
    private var index: DeploymentIndex?

    mutating func setUp(in scratch: URL) async throws -> String {
        let service = try await DeployWorkload.service(in: scratch, count: artifacts)
        for number in 0..<projects {
            _ = try await DeployWorkload.deploy(service, names: DeployWorkload.names(artifacts), into: scratch.appending(path: "project-\(number)"))
        }
        index = service.collection.store.home.deploymentIndex
        return "\((artifacts * projects).formatted()) deployments in \(projects) projects"
    }

    func run() async throws -> Int {
        try index?.status().count ?? 0
    }
}
