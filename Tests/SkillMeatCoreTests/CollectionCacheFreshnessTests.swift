import Foundation
import SkillMeatCache
import SkillMeatCore
import SkillMeatPluginAPI
import SkillMeatStore
import SkillMeatTestSupport
import Synchronization
import Testing

/// The cache's claim "my rows are the manifest's" under other processes' writes. Both tests failed
/// before the fix: the reliability script's concurrent check saw `deploy a-14` answer "no artifact
/// 'a-14'" right after its own `add`, about one run in twenty.
@Suite struct CollectionCacheFreshnessTests {
    /// Adds `artifact` to the manifest and lock as another process would, without touching the cache.
    static func writeElsewhere(_ artifact: CollectionArtifact, in store: CollectionStore) throws -> ManifestWrite? {
        try CollectionStore(home: store.home, name: store.name).updateRecording { manifest, lock in
            manifest.artifacts.append(artifact)
            lock.entries[artifact.lockKey] = LockEntry(contentHash: "h-\(artifact.name)")
        }.write
    }

    /// A collection of one command whose cache is fresh.
    static func fixture() async throws -> CollectionFixture {
        let fixture = try await CollectionFixture()
        try await fixture.put(CollectionFixture.command("first"), files: ["first.md": "First.\n"])
        try await fixture.service.cache.ensureFresh()
        return fixture
    }

    @Test("a manifest written while a rebuild reads it is not taken for the one the rows came from")
    func writeDuringRebuild() async throws {
        let fixture = try await Self.fixture()
        defer { fixture.folder.remove() }
        let store = fixture.service.store
        let wrote = Mutex(false)
        // The rebuild reads the deployment records after the manifest: the other process writes then.
        let cache = CollectionCache(store: store, cache: fixture.database.collectionCache) { _ in
            let first = wrote.withLock { done in defer { done = true }; return !done }
            if first { _ = try? Self.writeElsewhere(CollectionFixture.command("second"), in: store) }
            return [:]
        }
        try await cache.rebuild()
        #expect(try await cache.ensureFresh(), "the stamp must be behind the file the rebuild did not see")
        let rows = try await fixture.database.collectionCache.artifacts(collection: "default", named: "second")
        #expect(rows.map(\.name) == ["second"])
    }

    @Test("a write-through after another process's unfinished write does not vouch for it")
    func writeThroughAfterAnotherWrite() async throws {
        let fixture = try await Self.fixture()
        defer { fixture.folder.remove() }
        let store = fixture.service.store
        #expect(try await fixture.service.cache.ensureFresh() == false)
        // Another process writes "lost" and dies before its write-through; then this one adds its own.
        _ = try Self.writeElsewhere(CollectionFixture.command("lost"), in: store)
        let own = CollectionFixture.command("own")
        let write = try Self.writeElsewhere(own, in: store)
        try await fixture.service.cache.upsert([own], lock: try store.read().lock, write: write)
        #expect(try await fixture.service.cache.ensureFresh(), "the rows lack 'lost': the cache must not call itself fresh")
        #expect(try await fixture.database.collectionCache.artifacts(collection: "default", named: "lost").count == 1)
        // With nobody in between, a write-through keeps the cache fresh.
        let next = CollectionFixture.command("next")
        let nextWrite = try Self.writeElsewhere(next, in: store)
        try await fixture.service.cache.upsert([next], lock: try store.read().lock, write: nextWrite)
        #expect(try await fixture.service.cache.ensureFresh() == false)
    }
}
