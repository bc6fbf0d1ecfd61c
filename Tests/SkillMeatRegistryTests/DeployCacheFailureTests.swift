import Foundation
import SkillMeatCore
import SkillMeatPluginAPI
import SkillMeatRegistry
import SkillMeatStore
import SkillMeatTestSupport
import Synchronization
import Testing

/// A cache that fails deployment write-through after the files and records were written: deploy and
/// undeploy succeed with a warning, and the next read rebuilds the rows from the files (DESIGN §3).
@Suite struct DeployCacheFailureTests {
    /// The real store, except that deployment writes throw while `failing` is set.
    final class FailingDeploymentsStore: CollectionCacheStore {
        let base: any CollectionCacheStore
        let failing = Mutex(true)

        init(_ base: any CollectionCacheStore) {
            self.base = base
        }

        func refuse() throws(StoreError) {
            if failing.withLock({ $0 }) { throw .unavailable("disk I/O error") }
        }

        func upsert(_ artifacts: [CachedArtifact], state: CollectionCacheState?, after previous: ManifestStamp?) async throws(StoreError) {
            try await base.upsert(artifacts, state: state, after: previous)
        }
        func replaceCollection(_ collection: String, with artifacts: [CachedArtifact], state: CollectionCacheState) async throws(StoreError) {
            try await base.replaceCollection(collection, with: artifacts, state: state)
        }
        func delete(collection: String, id: ArtifactID, state: CollectionCacheState?, after previous: ManifestStamp?) async throws(StoreError) {
            try await base.delete(collection: collection, id: id, state: state, after: previous)
        }
        func deleteCollection(_ collection: String) async throws(StoreError) { try await base.deleteCollection(collection) }
        func artifacts(_ query: CachedArtifactQuery) async throws(StoreError) -> StorePage<CachedArtifact> { try await base.artifacts(query) }
        func visitArtifacts(_ query: CachedArtifactQuery, _ body: (CachedArtifact) throws -> Void) async throws { try await base.visitArtifacts(query, body) }
        func artifact(collection: String, id: ArtifactID) async throws(StoreError) -> CachedArtifact? { try await base.artifact(collection: collection, id: id) }
        func artifacts(collection: String, named name: String) async throws(StoreError) -> [CachedArtifact] { try await base.artifacts(collection: collection, named: name) }
        func setDeployments(collection: String, id: ArtifactID, json: String) async throws(StoreError) {
            try refuse()
            try await base.setDeployments(collection: collection, id: id, json: json)
        }
        func updateDeployments(collection: String, ids: [ArtifactID], _ transform: (ArtifactID, String) -> String) async throws(StoreError) {
            try refuse()
            try await base.updateDeployments(collection: collection, ids: ids, transform)
        }
        func state(collection: String) async throws(StoreError) -> CollectionCacheState? { try await base.state(collection: collection) }
        func typeCounts(collection: String) async throws(StoreError) -> [ArtifactType: Int] { try await base.typeCounts(collection: collection) }
        func statistics() async throws(StoreError) -> CacheStatistics { try await base.statistics() }
    }

    @Test("deploy and undeploy succeed with a warning when the cache write fails; the next read repairs the rows")
    func warnAndRepair() async throws {
        let world = try await TestProfileTests.world()
        defer { world.home.remove() }
        let home = world.collection.store.home
        let store = FailingDeploymentsStore(try StoreBackends.open(StoreSettings(), home: home).collectionCache)
        let collection = CollectionService(home: home, collection: "default", cacheStore: store)
        let deployment = DeploymentService(collection: collection, plugins: world.plugins, userHome: world.deployment.userHome)
        func deployments(_ name: String) async throws -> [JSONValue] {
            let row = try #require(try await collection.list().first { $0.name == name })
            return row.deployments
        }

        let report = try await deployment.deploy(.init(names: ["todo"], projectRoot: world.project, scope: .project))
        #expect(report.warnings.count == 1 && report.warnings[0].contains("disk I/O error"), "\(report.warnings)")
        #expect(try world.status()["command:todo"]?.state == .synced)
        #expect(FileManager.default.fileExists(atPath: collection.cache.staleMarker.path))

        // The database works again: the first read rebuilds from the records and clears the mark.
        store.failing.withLock { $0 = false }
        #expect(try await deployments("todo").count == 1)
        #expect(!FileManager.default.fileExists(atPath: collection.cache.staleMarker.path))

        store.failing.withLock { $0 = true }
        let removed = try await deployment.undeploy("todo", projectRoot: world.project, scope: .project)
        #expect(removed.entries.count == 1 && removed.warnings.count == 1)
        store.failing.withLock { $0 = false }
        #expect(try await deployments("todo").isEmpty)
    }
}
