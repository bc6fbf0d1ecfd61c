import Foundation
import SkillMeatCore
import SkillMeatPluginAPI
import SkillMeatRegistry
import SkillMeatStore

/// A home holding one collection of `count` artifacts of every type, written the way imports write
/// them (files, manifest and lock entries), for the collection suites.
enum CollectionWorkload {
    static func make(in scratch: URL, count: Int) async throws -> SkillMeatHome {
        let home = SkillMeatHome(root: scratch.appending(path: "home", directoryHint: .isDirectory))
        try? FileManager.default.removeItem(at: home.root)
        _ = try await HomeSetup.initialize(home: home, collectionName: "bench") { () throws(SkillMeatError) in try stores(home) }
        let store = CollectionStore(home: home, name: "bench")
        var artifacts: [CollectionArtifact] = []
        var entries: [String: LockEntry] = [:]
        let types: [ArtifactType] = [.skill, .command, .agent, .skill, .command]
        for index in 0..<count {
            let type = types[index % types.count]
            let name = "\(type.rawValue)-\(index)"
            let text = "---\nname: \(name)\ndescription: Benchmark artifact number \(index)\n---\nBody \(index)\n"
            let path = CollectionArtifact.defaultPath(type: type, name: name)
            let url = store.directory.appending(path: path)
            if type.isSingleFile {
                try Data(text.utf8).write(to: url)
            } else {
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url.appending(path: "SKILL.md"))
            }
            let artifact = CollectionArtifact(
                name: name, type: type, path: path, origin: "marketplace", originSource: "github",
                upstream: "https://github.com/example/artifacts/tree/0123456789abcdef/\(path)",
                resolvedSHA: "0123456789abcdef0123456789abcdef01234567", added: "2026-01-01T00:00:00+00:00",
                tags: ["bench", "t\(index % 10)"], metadata: ArtifactMetadata(description: "Benchmark artifact number \(index)", tools: ["Read"])
            )
            artifacts.append(artifact)
            entries[artifact.lockKey] = LockEntry(contentHash: ContentHash.of(Data(text.utf8)), fetched: "2026-01-01T00:00:00+00:00")
        }
        try store.update { manifest, lock in
            manifest.artifacts = artifacts
            lock.entries = entries
        }
        return home
    }

    /// The catalog of one GitHub source whose `count` entries were imported as the workload's artifacts
    /// (as `make` names them); entries for which `changed` holds differ upstream from what was imported.
    static func catalog(of home: SkillMeatHome, stores: any StoreBackend, count: Int, changed: (Int) -> Bool) async throws {
        let now = Date()
        let source = MarketplaceSourceRecord(
            id: "bench-source", name: "example/artifacts", location: "example/artifacts", ref: "main", root: nil, manualMap: [:], trust: .basic,
            description: nil, tags: [], pendingTags: [], provider: "source/github", createdAt: now, updatedAt: now, lastScanAt: now,
            lastCommit: "0123456789abcdef0123456789abcdef01234567", lastError: nil, artifactCount: count
        )
        let types: [ArtifactType] = [.skill, .command, .agent, .skill, .command]
        let entries = (0..<count).map { index -> CatalogEntryRecord in
            let type = types[index % types.count]
            let name = "\(type.rawValue)-\(index)"
            return CatalogEntryRecord(
                id: String(format: "entry%011d", index), sourceID: source.id, type: type, name: name, path: CollectionArtifact.defaultPath(type: type, name: name),
                upstreamURL: nil, detectedSHA: source.lastCommit, contentHash: changed(index) ? "new-\(index)" : "old-\(index)", confidence: 95,
                reasons: [], status: .imported, importID: "imp-bench", importDate: now, importedAs: "bench/\(type.rawValue):\(name)", importedHash: "old-\(index)",
                excludedReason: nil, excludedAt: nil, description: nil, tags: [], metadata: ArtifactMetadata(), files: [], declaration: nil,
                duplicates: [], firstSeen: now, lastSeen: now
            )
        }
        try await stores.catalog.saveScan(source: source, entries: entries)
    }

    /// The configured (default) store of `home`.
    static func stores(_ home: SkillMeatHome) throws(SkillMeatError) -> any StoreBackend {
        try StoreBackends.open(StoreSettings(), home: home)
    }
}

/// `skillmeat list --json` over a 10,000-artifact collection with a warm cache, as a new process.
struct ListSuite: BenchmarkSuite {
    let name = "list"
    let summary = "spawn `skillmeat list --json` over a collection, cache warm"
    let target: Double? = 0.050
    var count = 10_000
    private var binary: URL?
    private var home: SkillMeatHome?

    mutating func setUp(in scratch: URL) async throws -> String {
        binary = try SkillmeatProcess.locate()
        let home = try await CollectionWorkload.make(in: scratch, count: count)
        self.home = home
        // Warm the cache the way a user's first list does.
        try SkillmeatProcess.run(binary!, ["list", "--json", "-c", "bench"], environment: ["SKILLMEAT_HOME": home.root.path])
        return "\(count.formatted()) artifacts"
    }

    func run() async throws -> Int {
        guard let binary, let home else { return 0 }
        try SkillmeatProcess.run(binary, ["list", "--json", "-c", "bench"], environment: ["SKILLMEAT_HOME": home.root.path])
        return count
    }
}

/// `cache rebuild` of a 10,000-artifact collection: parse manifest and lock, replace every row.
struct RebuildSuite: BenchmarkSuite {
    let name = "rebuild"
    let summary = "CollectionCache.rebuild (parse collection.toml and .lock, rewrite every cache row)"
    let target: Double? = 2.0
    var count = 10_000
    private var service: CollectionService?

    mutating func setUp(in scratch: URL) async throws -> String {
        let home = try await CollectionWorkload.make(in: scratch, count: count)
        service = CollectionService(home: home, collection: "bench", stores: try CollectionWorkload.stores(home))
        return "\(count.formatted()) artifacts"
    }

    func run() async throws -> Int {
        guard let service else { return 0 }
        return try await service.cache.rebuild()
    }
}
