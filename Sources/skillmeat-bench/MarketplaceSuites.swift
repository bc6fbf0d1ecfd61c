import Foundation
import Logging
import SkillMeatStore
import SkillMeatCore
import SkillMeatPluginAPI
import SkillMeatRegistry
import SkillMeatTestSupport
import Synchronization

/// Holds the fake GitHub a suite runs against and counts its runs, shared by the copies of the
/// suite value.
final class FakeGitHubHandle: Sendable {
    private let state = Mutex<(server: FakeGitHub?, runs: Int)>((nil, 0))
    var current: FakeGitHub? { state.withLock { $0.server } }
    func set(_ value: FakeGitHub?) { state.withLock { $0.server = value } }
    /// 1, 2, 3, … for naming each run's home or collection.
    func nextRun() -> Int { state.withLock { $0.runs += 1; return $0.runs } }

    /// Runs `body` while a fake GitHub serves `repository`, reachable through `current`.
    func serving<T>(_ repository: FakeGitHubRepository, _ body: () async throws -> T) async throws -> T {
        try await FakeGitHub.withServer([repository]) { github in
            set(github)
            defer { set(nil) }
            return try await body()
        }
    }
}

/// A suite that runs against a local fake GitHub serving one generated repository (see
/// `benchmarkRepository`) for its whole life: set-up and every run.
protocol FakeGitHubSuite: BenchmarkSuite {
    var handle: FakeGitHubHandle { get }
    /// The repository's name under `bench/`, its skills and its files in all.
    var repository: (name: String, artifacts: Int, files: Int) { get }
}

extension FakeGitHubSuite {
    func around<T>(_ body: () async throws -> T) async throws -> T {
        try await handle.serving(try benchmarkRepository(name: repository.name, artifacts: repository.artifacts, files: repository.files), body)
    }
}

/// A fixture repository of `artifacts` skills (each a SKILL.md and a script) padded with other files
/// to `files` files in all.
func benchmarkRepository(name: String, artifacts: Int, files: Int) throws -> FakeGitHubRepository {
    var contents: [String: String] = ["README.md": "# Benchmark repository\n"]
    for index in 0..<artifacts {
        contents["skills/skill-\(index)/SKILL.md"] = "---\nname: skill-\(index)\ndescription: Benchmark skill \(index)\n---\nDo thing \(index).\n"
        contents["skills/skill-\(index)/scripts/run.sh"] = "echo \(index)\n"
    }
    var padding = 0
    while contents.count < files {
        contents["docs/page-\(padding).md"] = "Page \(padding)\n"
        padding += 1
    }
    return try FakeGitHubRepository(owner: "bench", name: name, files: contents)
}

/// A runtime whose GitHub is the fake one, in a home of its own.
func benchmarkRuntime(home: URL, github: FakeGitHub) async throws -> SkillMeatRuntime {
    let environment = ["SKILLMEAT_HOME": home.path, "SKILLMEAT_GITHUB_API_URL": github.apiURL.absoluteString, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
    let skillMeatHome = SkillMeatHome(root: home)
    _ = try await HomeSetup.initialize(home: skillMeatHome, collectionName: "default") { () throws(SkillMeatError) in
        try StoreBackends.open(StoreSettings(), home: skillMeatHome)
    }
    return try SkillMeatRuntime.load(environment: environment) { _ in
        var logger = Logger(label: "bench")
        logger.logLevel = .critical
        return logger
    }
}

/// `source add` of a 1,000-file GitHub repository served from 127.0.0.1: ref, tree, tarball, detection
/// and the catalog written, in a fresh home each run.
struct MarketplaceScanSuite: FakeGitHubSuite {
    let name = "marketplace-scan"
    let summary = "source add of a GitHub repository from a local fake GitHub, end to end into the catalog (fresh home each run)"
    let target: Double? = 1.0
    let handle = FakeGitHubHandle()
    let repository = (name: "scan", artifacts: 200, files: 1_000)
    var scratch: URL?

    mutating func setUp(in scratch: URL) async throws -> String {
        self.scratch = scratch
        return "1,000 files, 200 skills; rate-limited requests per scan: measured in each run"
    }

    func run() async throws -> Int {
        guard let github = handle.current, let scratch else { throw BenchError("no fake GitHub") }
        let index = handle.nextRun()
        let home = scratch.appending(path: "home-\(index)", directoryHint: .isDirectory)
        let runtime = try await benchmarkRuntime(home: home, github: github)
        let marketplace = MarketplaceService(stores: try runtime.openStores(), plugins: runtime.plugins)
        let (_, outcome) = try await marketplace.addSource(.init(location: "bench/scan"))
        let report = try outcome.get()
        guard report.total == 200, (report.requests?.rateLimited ?? 99) <= 3 else {
            throw BenchError("the scan found \(report.total) artifacts with \(report.requests?.rateLimited ?? -1) rate-limited requests")
        }
        try? FileManager.default.removeItem(at: home)
        return report.total
    }
}

/// Importing 500 artifacts of one GitHub source into a new collection: one tarball, staging,
/// manifest, lock, cache rows and catalog statuses.
struct ImportSuite: FakeGitHubSuite {
    let name = "import"
    let summary = "import of 500 catalog entries from one GitHub source into a new collection"
    let target: Double? = 5.0
    let handle = FakeGitHubHandle()
    let repository = (name: "import", artifacts: 500, files: 1_200)
    var runtime: SkillMeatRuntime?
    var entries: [String] = []

    mutating func setUp(in scratch: URL) async throws -> String {
        guard let github = handle.current else { throw BenchError("no fake GitHub") }
        let runtime = try await benchmarkRuntime(home: scratch.appending(path: "home", directoryHint: .isDirectory), github: github)
        let marketplace = MarketplaceService(stores: try runtime.openStores(), plugins: runtime.plugins)
        let (source, outcome) = try await marketplace.addSource(.init(location: "bench/import"))
        _ = try outcome.get()
        entries = try await marketplace.catalog(.init(sourceID: source.id)).items.map(\.id)
        self.runtime = runtime
        return "\(entries.count) entries (a SKILL.md and a script each) in a 1,200-file repository"
    }

    func run() async throws -> Int {
        guard let runtime, let github = handle.current else { throw BenchError("not set up") }
        let index = handle.nextRun()
        let name = "run-\(index)"
        try CollectionStore(home: runtime.home, name: name).create()
        let stores = try runtime.openStores()
        let collection = CollectionService(home: runtime.home, collection: name, stores: stores)
        let imports = ImportService(marketplace: MarketplaceService(stores: stores, plugins: runtime.plugins), collection: collection)
        let before = github.requestCount("/repos/bench/import/tarball")
        let batch = try await imports.importEntries(entries, strategy: .skip)
        let downloads = github.requestCount("/repos/bench/import/tarball") - before
        guard batch.failed == 0, batch.results.count == entries.count, downloads <= 1 else {
            throw BenchError("\(batch.failed) of \(batch.results.count) failed; \(downloads) tarball downloads")
        }
        return batch.results.count
    }
}
