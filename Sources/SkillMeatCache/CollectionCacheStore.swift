import Foundation

/// One artifact of a collection as the cache holds it: everything `list` and `show` print, so
/// neither has to open the collection's files (DESIGN §3).
public struct CachedArtifact: Sendable, Hashable, Codable {
    public var collection: String
    public var type: String
    public var name: String
    /// Relative to the collection folder.
    public var path: String
    public var title: String?
    public var description: String?
    public var upstream: String?
    public var origin: String
    public var originSource: String?
    public var versionSpec: String?
    public var tags: [String]
    public var author: String?
    public var license: String?
    public var tools: [String]
    public var version: String?
    public var resolvedSHA: String?
    public var resolvedVersion: String?
    public var contentHash: String?
    public var importID: String?
    public var added: String?
    public var lastUpdated: String?
    /// When the row was written.
    public var syncedAt: String
    /// The deployments of this artifact, as JSON (an array of objects), maintained only by deploy,
    /// undeploy and rebuild.
    public var deploymentsJSON: String

    public init(
        collection: String, type: String, name: String, path: String,
        title: String? = nil, description: String? = nil, upstream: String? = nil,
        origin: String, originSource: String? = nil, versionSpec: String? = nil,
        tags: [String] = [], author: String? = nil, license: String? = nil, tools: [String] = [],
        version: String? = nil, resolvedSHA: String? = nil, resolvedVersion: String? = nil,
        contentHash: String? = nil, importID: String? = nil, added: String? = nil, lastUpdated: String? = nil,
        syncedAt: String, deploymentsJSON: String = "[]"
    ) {
        self.collection = collection
        self.type = type
        self.name = name
        self.path = path
        self.title = title
        self.description = description
        self.upstream = upstream
        self.origin = origin
        self.originSource = originSource
        self.versionSpec = versionSpec
        self.tags = tags
        self.author = author
        self.license = license
        self.tools = tools
        self.version = version
        self.resolvedSHA = resolvedSHA
        self.resolvedVersion = resolvedVersion
        self.contentHash = contentHash
        self.importID = importID
        self.added = added
        self.lastUpdated = lastUpdated
        self.syncedAt = syncedAt
        self.deploymentsJSON = deploymentsJSON
    }
}

/// What a collection's cache rows were built from, to tell when `collection.toml` changed under them.
public struct CollectionCacheState: Sendable, Hashable {
    public var collection: String
    public var manifestModified: Double
    public var manifestSize: Int64
    public var syncedAt: String

    public init(collection: String, manifestModified: Double, manifestSize: Int64, syncedAt: String) {
        self.collection = collection
        self.manifestModified = manifestModified
        self.manifestSize = manifestSize
        self.syncedAt = syncedAt
    }
}

/// Filters for listing cached artifacts.
public struct CachedArtifactQuery: Sendable, Hashable {
    public var collection: String
    public var type: String?
    public var tag: String?
    /// Case-insensitive match on name, description and tags.
    public var search: String?
    /// Return rows after this `type:name` key (cursor pagination).
    public var after: String?
    public var limit: Int?

    public init(collection: String, type: String? = nil, tag: String? = nil, search: String? = nil, after: String? = nil, limit: Int? = nil) {
        self.collection = collection
        self.type = type
        self.tag = tag
        self.search = search
        self.after = after
        self.limit = limit
    }
}

/// Counts for `cache stats`.
public struct CacheStatistics: Sendable, Hashable, Codable {
    public var databasePath: String
    public var databaseBytes: Int64
    public var artifactsByCollection: [String: Int]
    public var lastSyncByCollection: [String: String]

    public init(databasePath: String, databaseBytes: Int64, artifactsByCollection: [String: Int], lastSyncByCollection: [String: String]) {
        self.databasePath = databasePath
        self.databaseBytes = databaseBytes
        self.artifactsByCollection = artifactsByCollection
        self.lastSyncByCollection = lastSyncByCollection
    }
}

/// The collection cache. The only way rows are written is `upsert` (and `replaceCollection` for a
/// rebuild), each one transaction; metadata writes never touch `deploymentsJSON`.
public protocol CollectionCacheStore: Sendable {
    /// Inserts or updates rows with their full metadata in one transaction. An existing row keeps
    /// its `deploymentsJSON`; a new row takes the one given.
    func upsert(_ artifacts: [CachedArtifact], state: CollectionCacheState?) throws(CacheError)
    /// Replaces every row of `collection` (deployments included) in one transaction: the rebuild path.
    func replaceCollection(_ collection: String, with artifacts: [CachedArtifact], state: CollectionCacheState) throws(CacheError)
    /// Removes one artifact's row.
    func delete(collection: String, type: String, name: String, state: CollectionCacheState?) throws(CacheError)
    /// Removes every row of a collection.
    func deleteCollection(_ collection: String) throws(CacheError)
    /// Rows matching `query`, ordered by type then name.
    func artifacts(_ query: CachedArtifactQuery) throws(CacheError) -> [CachedArtifact]
    /// Hands each row matching `query` to `body` as it is read, without collecting them: listing a
    /// large collection streams instead of holding every row at once.
    func visitArtifacts(_ query: CachedArtifactQuery, _ body: (CachedArtifact) throws -> Void) throws
    /// One row.
    func artifact(collection: String, type: String, name: String) throws(CacheError) -> CachedArtifact?
    /// Rows of every type with this name.
    func artifacts(collection: String, named name: String) throws(CacheError) -> [CachedArtifact]
    /// Sets one artifact's deployments (deploy and undeploy only).
    func setDeployments(collection: String, type: String, name: String, json: String) throws(CacheError)
    /// Rewrites the deployments of several artifacts in one transaction: `transform` gets each row's
    /// current `deployments_json` (rows that do not exist are skipped) and returns the new one, so
    /// concurrent deploys never lose each other's entries.
    func updateDeployments(collection: String, artifacts: [(type: String, name: String)], _ transform: (String, String, String) -> String) throws(CacheError)
    /// What the collection's rows were built from, if they were.
    func state(collection: String) throws(CacheError) -> CollectionCacheState?
    /// Counts for `cache stats`.
    func statistics() throws(CacheError) -> CacheStatistics
}
