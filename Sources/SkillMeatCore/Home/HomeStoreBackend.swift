public import SkillMeatStore

/// A store backend as a home uses it: the collection cache is the backend's; the sources are kept in
/// `sources.toml` first (`FileBackedSourceStore`) and the catalogs' decisions in
/// `catalog-decisions.toml` (`FileBackedCatalogStore`), so the database can always be rebuilt from
/// files and rescans.
public struct HomeStoreBackend: StoreBackend {
    public var collectionCache: any CollectionCacheStore { backend.collectionCache }
    public var catalog: any CatalogStore {
        FileBackedCatalogStore(sources: .sources(home), decisions: .catalogDecisions(home), cache: backend.catalog)
    }
    public var projectCache: any ProjectCacheStore { backend.projectCache }
    public var location: String { backend.location }
    public var sources: any SourceStore { fileBackedSources }
    public let home: SkillMeatHome
    /// The database underneath, for what only it holds.
    public let backend: any StoreBackend

    public init(home: SkillMeatHome, backend: any StoreBackend) {
        self.home = home
        self.backend = backend
    }

    var fileBackedSources: FileBackedSourceStore {
        FileBackedSourceStore(file: .sources(home), decisions: .catalogDecisions(home), cache: backend.sources)
    }

    public func appliedMigrations() async throws(StoreError) -> [String] {
        try await backend.appliedMigrations()
    }

    /// Makes the database's sources match `sources.toml` exactly; returns how many there are.
    public func restoreSources() async throws(SkillMeatError) -> Int {
        do {
            return try await fileBackedSources.restore()
        } catch {
            throw SkillMeatError(error)
        }
    }
}
