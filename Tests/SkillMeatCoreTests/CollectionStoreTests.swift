import Foundation
import SkillMeatCache
import SkillMeatCore
import SkillMeatPluginAPI
import SkillMeatStore
import SkillMeatTestSupport
import Testing

/// A home with the default collection, an in-memory cache, and helpers to put artifacts in it.
struct CollectionFixture {
    let folder: TemporaryDirectory
    let home: SkillMeatHome
    let database: SQLiteStoreBackend
    let service: CollectionService

    init() async throws {
        folder = try TemporaryDirectory()
        home = SkillMeatHome(root: folder.path("home"))
        let database = try SQLiteStoreBackend.inMemory()
        _ = try await HomeSetup.initialize(home: home, collectionName: "default") { database }
        self.database = database
        service = CollectionService(home: home, collection: "default", stores: database)
    }

    var collection: URL { home.collectionDirectory("default") }

    /// The SQLite store of `home`, as the composition root opens it.
    static func stores(_ home: SkillMeatHome) throws(SkillMeatError) -> any StoreBackend {
        do {
            return try SQLiteStoreBackend.open(at: home.cacheDatabase)
        } catch {
            throw SkillMeatError(error)
        }
    }


    /// Writes an artifact's files and its manifest and lock entries, as an import would.
    func put(_ artifact: CollectionArtifact, files: [String: String]) async throws {
        let base = collection.appending(path: artifact.path)
        for (path, text) in files {
            let url = artifact.type.isSingleFile ? base : base.appending(path: path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let hash = try ContentHash.ofItem(at: base)
        let write = try service.store.updateRecording { manifest, lock in
            manifest.artifacts.append(artifact)
            lock.entries[artifact.lockKey] = LockEntry(contentHash: hash, fetched: "2026-01-01T00:00:00+00:00")
        }.write
        let (_, lock) = try service.store.read()
        try await service.cache.upsert([artifact], lock: lock, write: write)
    }

    static func skill(_ name: String, tags: [String] = [], description: String? = nil) -> CollectionArtifact {
        CollectionArtifact(
            name: name, type: .skill, path: "skills/\(name)", origin: "local", tags: tags,
            metadata: ArtifactMetadata(description: description)
        )
    }

    static func command(_ name: String) -> CollectionArtifact {
        CollectionArtifact(name: name, type: .command, path: "commands/\(name).md", origin: "local")
    }
}

@Suite struct CollectionStoreTests {
    @Test("an existing SkillMeat 0.9 collection opens in place and keeps unknown keys through a rewrite")
    func compatibility() async throws {
        let fixture = try await CollectionFixture()
        defer { fixture.folder.remove() }
        let absolute = fixture.folder.path("elsewhere/agents/reviewer.md")
        try FileManager.default.createDirectory(at: absolute.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("---\nname: reviewer\ndescription: Reviews\n---\n".utf8).write(to: absolute)
        try Data("""
            [collection]
            name = "default"
            version = "1.0.0"
            created = "2025-11-07T10:00:00"
            updated = "2025-11-07T10:00:00"
            owner = "someone"

            [[artifacts]]
            name = "reviewer"
            type = "agent"
            path = "\(absolute.path)"
            origin = "github"
            upstream = "https://github.com/o/r/blob/main/agents/reviewer.md"
            version_spec = "latest"
            resolved_sha = "abc123"
            added = "2025-11-07T10:00:00"
            last_updated = "2025-11-07T10:00:00"
            tags = ["review"]
            rating = 5

            [artifacts.metadata]
            description = "Reviews code"
            color = "blue"
            """.utf8).write(to: fixture.service.store.manifestURL)
        try Data("""
            [lock]
            version = "1.0.0"

            [lock.entries."reviewer::agent"]
            content_hash = "deadbeef"
            fetched = "2025-11-07T10:00:00"
            upstream = "https://github.com/o/r"
            resolved_sha = "abc123"
            """.utf8).write(to: fixture.service.store.lockURL)
        let listed = try await fixture.service.list()
        #expect(listed.map(\.id) == ["agent:reviewer"])
        #expect(listed.first?.resolvedSHA == "abc123")
        #expect(listed.first?.contentHash == "deadbeef")
        #expect(try await fixture.service.show("reviewer", type: nil).location == absolute.path)
        // A change rewrites the files; everything this version does not know must survive.
        try await fixture.put(CollectionFixture.command("deploy"), files: ["": "Deploy."])
        let rewritten = try String(contentsOf: fixture.service.store.manifestURL, encoding: .utf8)
        #expect(rewritten.contains("owner = \"someone\""))
        #expect(rewritten.contains("rating = 5"))
        #expect(rewritten.contains("color = \"blue\""))
        #expect(rewritten.contains("version_spec = \"latest\""))
        let (manifest, lock) = try fixture.service.store.read()
        #expect(manifest.artifacts.count == 2)
        #expect(lock.entries["reviewer::agent"]?.contentHash == "deadbeef")
    }

    @Test("a corrupt collection.toml is an error naming the file and line, and nothing is overwritten")
    func corruptManifest() async throws {
        let fixture = try await CollectionFixture()
        defer { fixture.folder.remove() }
        let broken = "[collection]\nname = \"default\"\n\n[[artifacts]\nname = \"x\"\n"
        try Data(broken.utf8).write(to: fixture.service.store.manifestURL)
        await #expect {
            try await fixture.service.list()
        } throws: { error in
            guard case .malformedFile(let path, let line, _) = error as? SkillMeatError else { return false }
            return path.hasSuffix("collection.toml") && line == 4
        }
        await #expect(throws: (any Error).self) { try await fixture.put(CollectionFixture.command("deploy"), files: ["": "x"]) }
        #expect(try String(contentsOf: fixture.service.store.manifestURL, encoding: .utf8) == broken)
    }

    @Test("entries with an unknown type or twice the same id are reported, not dropped")
    func invalidEntries() async throws {
        #expect(throws: SkillMeatError.self) {
            try CollectionManifest.parse("[[artifacts]]\nname = \"x\"\ntype = \"workflow\"\n", file: "c.toml")
        }
        #expect(throws: SkillMeatError.self) {
            try CollectionManifest.parse("[[artifacts]]\nname = \"x\"\ntype = \"skill\"\n[[artifacts]]\nname = \"x\"\ntype = \"skills\"\n", file: "c.toml")
        }
    }

    @Test("concurrent changes to one collection all land")
    func concurrentUpdates() async throws {
        let fixture = try await CollectionFixture()
        defer { fixture.folder.remove() }
        let store = fixture.service.store
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<16 {
                group.addTask {
                    // A separate store value per task, as a separate process would have.
                    try CollectionStore(home: store.home, name: store.name).update { manifest, lock in
                        manifest.artifacts.append(CollectionFixture.command("c\(index)"))
                        lock.entries["c\(index)::command"] = LockEntry(contentHash: "h\(index)")
                    }
                }
            }
            try await group.waitForAll()
        }
        let (manifest, lock) = try store.read()
        #expect(manifest.artifacts.count == 16)
        #expect(lock.entries.count == 16)
    }

    @Test("an artifact path that leaves the collection is refused")
    func unsafePath() async throws {
        let fixture = try await CollectionFixture()
        defer { fixture.folder.remove() }
        let artifact = CollectionArtifact(name: "x", type: .skill, path: "../../etc", origin: "local")
        #expect(throws: SkillMeatError.self) { try fixture.service.store.location(of: artifact) }
    }
}
