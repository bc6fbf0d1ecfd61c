/// One opened store implementation: the four stores over one database, and what it says about
/// itself. The composition root opens the backend the configuration names (`[store] backend`);
/// the use cases see only this protocol.
public protocol StoreBackend: Sendable {
    var collectionCache: any CollectionCacheStore { get }
    var sources: any SourceStore { get }
    var catalog: any CatalogStore { get }
    /// Each known project's discovery and drift, as last read.
    var projectCache: any ProjectCacheStore { get }
    /// Where the data is (a file path, `:memory:`), for messages and `cache stats`.
    var location: String { get }
    /// The names of the schema migrations applied, oldest first.
    func appliedMigrations() async throws(StoreError) -> [String]
}
