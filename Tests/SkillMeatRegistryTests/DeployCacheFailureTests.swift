import Foundation
import SkillMeatCache
import SkillMeatCore
import SkillMeatPluginAPI
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

        func refuse() throws(CacheError) {
            if failing.withLock({ $0 }) { throw CacheError("disk I/O error") }
        }

        func upsert(_ artifacts: [CachedArtifact], state: CollectionCacheState?) throws(CacheError) { try base.upsert(artifacts, state: state) }
        func replaceCollection(_ collection: String, with artifacts: [CachedArtifact], state: CollectionCacheState) throws(CacheError) {
            try base.replaceCollection(collection, with: artifacts, state: state)
        }
        func delete(collection: String, type: String, name: String, state: CollectionCacheState?) throws(CacheError) {
            try base.delete(collection: collection, type: type, name: name, state: state)
        }
        func deleteCollection(_ collection: String) throws(CacheError) { try base.deleteCollection(collection) }
        func artifacts(_ query: CachedArtifactQuery) throws(CacheError) -> [CachedArtifact] { try base.artifacts(query) }
        func visitArtifacts(_ query: CachedArtifactQuery, _ body: (CachedArtifact) throws -> Void) throws { try base.visitArtifacts(query, body) }
        func artifact(collection: String, type: String, name: String) throws(CacheError) -> CachedArtifact? {
            try base.artifact(collection: collection, type: type, name: name)
        }
        func artifacts(collection: String, named name: String) throws(CacheError) -> [CachedArtifact] { try base.artifacts(collection: collection, named: name) }
        func setDeployments(collection: String, type: String, name: String, json: String) throws(CacheError) {
            try refuse()
            try base.setDeployments(collection: collection, type: type, name: name, json: json)
        }
        func updateDeployments(collection: String, artifacts: [(type: String, name: String)], _ transform: (String, String, String) -> String) throws(CacheError) {
            try refuse()
            try base.updateDeployments(collection: collection, artifacts: artifacts, transform)
        }
        func state(collection: String) throws(CacheError) -> CollectionCacheState? { try base.state(collection: collection) }
        func statistics() throws(CacheError) -> CacheStatistics { try base.statistics() }
    }

    @Test("deploy and undeploy succeed with a warning when the cache write fails; the next read repairs the rows")
    func warnAndRepair() async throws {
        let world = try await TestProfileTests.world()
        defer { world.home.remove() }
        let home = world.collection.store.home
        let store = FailingDeploymentsStore(try CollectionService.openCache(home).collectionStore)
        let collection = CollectionService(home: home, collection: "default", cacheStore: store)
        let deployment = DeploymentService(collection: collection, plugins: world.plugins, userHome: world.deployment.userHome)
        func deployments(_ name: String) throws -> [JSONValue] {
            let row = try #require(try collection.list().first { $0.name == name })
            return row.deployments
        }

        let report = try deployment.deploy(.init(names: ["todo"], projectRoot: world.project, scope: .project))
        #expect(report.warnings.count == 1 && report.warnings[0].contains("disk I/O error"), "\(report.warnings)")
        #expect(try world.status()["command:todo"]?.state == .synced)
        #expect(FileManager.default.fileExists(atPath: collection.cache.staleMarker.path))

        // The database works again: the first read rebuilds from the records and clears the mark.
        store.failing.withLock { $0 = false }
        #expect(try deployments("todo").count == 1)
        #expect(!FileManager.default.fileExists(atPath: collection.cache.staleMarker.path))

        store.failing.withLock { $0 = true }
        let removed = try deployment.undeploy("todo", projectRoot: world.project, scope: .project)
        #expect(removed.entries.count == 1 && removed.warnings.count == 1)
        store.failing.withLock { $0 = false }
        #expect(try deployments("todo").isEmpty)
    }
}
