import Foundation
import SkillMeatCore
import SkillMeatPluginAPI
import SkillMeatStore

/// `sync` of a 100-artifact `skillmeat.toml` (with its lock) into a new project from a warm
/// collection: nothing to fetch, every artifact deployed for the default profile, the lock checked.
struct SyncSuite: BenchmarkSuite {
    let name = "sync-100"
    let summary = "ProjectSync.run of a 100-artifact manifest and lock into a new project, collection warm (no network)"
    let target: Double? = 1.0
    var count = 100
    private var service: DeploymentService?
    private var scratch: URL?
    private var manifest = ""
    private var lock = ""

    mutating func setUp(in scratch: URL) async throws -> String {
        let service = try await DeployWorkload.service(in: scratch, count: count)
        let types: [ArtifactType] = [.skill, .command, .agent, .skill, .command]
        let names = DeployWorkload.names(count)
        let model = scratch.appending(path: "model-project", directoryHint: .isDirectory)
        try FileManager.default.createDirectory(at: model, withIntermediateDirectories: true)
        let entries = names.indices.map { ProjectManifest.Entry(id: ArtifactID(type: types[$0 % types.count], name: names[$0])) }
        try AtomicFile.write(ProjectManifest(entries: entries).serialized(), to: ProjectManifest.url(in: model))
        // The first sync writes the lock a team would commit.
        _ = try await service.projectSync.run(.init(projectRoot: model, commandConsent: .accept))
        manifest = try String(contentsOf: ProjectManifest.url(in: model), encoding: .utf8)
        lock = try String(contentsOf: ProjectLock.url(in: model), encoding: .utf8)
        self.service = service
        self.scratch = scratch
        return "\(count) artifacts (skills, commands, agents) listed in skillmeat.toml, locked"
    }

    func run() async throws -> Int {
        guard let service, let scratch else { return 0 }
        let project = scratch.appending(path: "project-\(UUID().uuidString)", directoryHint: .isDirectory)
        try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
        try manifest.write(to: ProjectManifest.url(in: project), atomically: false, encoding: .utf8)
        try lock.write(to: ProjectLock.url(in: project), atomically: false, encoding: .utf8)
        let report = try await service.projectSync.run(.init(projectRoot: project, commandConsent: .accept))
        guard report.problems.isEmpty else { throw CocoaError(.featureUnsupported, userInfo: [NSLocalizedDescriptionKey: report.problems.joined(separator: "; ")]) }
        return report.changes.count
    }
}

/// `outdated` over a 1,000-artifact collection whose every artifact is linked to a catalog entry
/// (half of them changed upstream), from the catalog alone: no network.
struct OutdatedSuite: BenchmarkSuite {
    let name = "outdated-1000"
    let summary = "OutdatedCheck.run (collection vs upstream from the catalog) over 1,000 imported artifacts, no network"
    let target: Double? = 0.2
    var count = 1_000
    private var check: OutdatedCheck?

    mutating func setUp(in scratch: URL) async throws -> String {
        let home = try await CollectionWorkload.make(in: scratch, count: count)
        let stores = try CollectionWorkload.stores(home)
        try await CollectionWorkload.catalog(of: home, stores: stores, count: count) { $0 % 2 == 0 }
        check = CollectionService(home: home, collection: "bench", stores: stores).outdated(against: stores.sources)
        return "\(count.formatted()) imported artifacts, \((count / 2).formatted()) changed upstream"
    }

    func run() async throws -> Int {
        try await check?.run(.init(upstream: true, projects: [])).items.count ?? 0
    }
}
