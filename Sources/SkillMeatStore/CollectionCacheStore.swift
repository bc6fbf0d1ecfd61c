public import SkillMeatPluginAPI

/// The collection cache (DESIGN §3). Rows are written only by `upsert` (and `replaceCollection` for a
/// rebuild), each one transaction; metadata writes never touch `deploymentsJSON`, which only
/// `setDeployments` and `updateDeployments` change.
public protocol CollectionCacheStore: Sendable {
    /// Inserts or updates rows with their full metadata in one transaction, with the collection's
    /// state when given. An existing row keeps its `deploymentsJSON`; a new row takes the one given.
    ///
    /// With `previous` (a write-through: the manifest as it was before the write these rows come
    /// from), `state` is recorded only if the stored state is at `previous`; otherwise the stored state
    /// stays, already behind the file, so the next read rebuilds. Another process may have written the
    /// manifest in between, and its rows may never come (it was killed): claiming the newer file would
    /// hide them for good.
    func upsert(_ artifacts: [CachedArtifact], state: CollectionCacheState?, after previous: ManifestStamp?) async throws(StoreError)
    /// Replaces every row of `collection` (deployments included) and its state in one transaction.
    func replaceCollection(_ collection: String, with artifacts: [CachedArtifact], state: CollectionCacheState) async throws(StoreError)
    /// Removes one artifact's row (and records the state when given, on `upsert`'s condition).
    func delete(collection: String, id: ArtifactID, state: CollectionCacheState?, after previous: ManifestStamp?) async throws(StoreError)
    /// Removes every row of a collection and its state.
    func deleteCollection(_ collection: String) async throws(StoreError)
    /// A page of rows matching `query`, ordered by type then name; the cursor is the last row's `type:name`.
    func artifacts(_ query: CachedArtifactQuery) async throws(StoreError) -> StorePage<CachedArtifact>
    /// Hands each row matching `query` to `body` as it is read, in the same order, without collecting
    /// them: listing a large collection streams. `body`'s own errors pass through unchanged.
    func visitArtifacts(_ query: CachedArtifactQuery, _ body: (CachedArtifact) throws -> Void) async throws
    /// One row.
    func artifact(collection: String, id: ArtifactID) async throws(StoreError) -> CachedArtifact?
    /// Rows of every type with this name, by type.
    func artifacts(collection: String, named name: String) async throws(StoreError) -> [CachedArtifact]
    /// Sets one artifact's deployments (deploy, undeploy and reimport only); no row, no change.
    func setDeployments(collection: String, id: ArtifactID, json: String) async throws(StoreError)
    /// Rewrites the deployments of several artifacts in one transaction: `transform` gets each
    /// existing row's current `deploymentsJSON` (missing rows are skipped) and returns the new one,
    /// so concurrent deploys never lose each other's entries.
    func updateDeployments(collection: String, ids: [ArtifactID], _ transform: (ArtifactID, String) -> String) async throws(StoreError)
    /// What the collection's rows were built from, if they were.
    func state(collection: String) async throws(StoreError) -> CollectionCacheState?
    /// Rows of `collection` per type (types without rows absent), for counts without reading a manifest.
    func typeCounts(collection: String) async throws(StoreError) -> [ArtifactType: Int]
    /// Counts for `cache stats`.
    func statistics() async throws(StoreError) -> CacheStatistics
}

extension CollectionCacheStore {
    /// `upsert` recording `state` whatever the stored one is.
    public func upsert(_ artifacts: [CachedArtifact], state: CollectionCacheState?) async throws(StoreError) {
        try await upsert(artifacts, state: state, after: nil)
    }

    /// `delete` recording `state` whatever the stored one is.
    public func delete(collection: String, id: ArtifactID, state: CollectionCacheState?) async throws(StoreError) {
        try await delete(collection: collection, id: id, state: state, after: nil)
    }
}
