public import SkillMeatCache

/// `cache stats --json` and `GET /api/v1/cache/stats`.
public struct CacheStatsOutput: Sendable, Hashable, Codable {
    public var databasePath: String
    public var databaseBytes: Int64
    public var artifactsByCollection: [String: Int]
    public var lastSyncByCollection: [String: String]

    /// The statistics of the cache database.
    public init(database: CacheDatabase) throws(SkillMeatError) {
        let stats: CacheStatistics
        do {
            stats = try database.collectionStore.statistics()
        } catch {
            throw .database(error.description)
        }
        databasePath = stats.databasePath
        databaseBytes = stats.databaseBytes
        artifactsByCollection = stats.artifactsByCollection
        lastSyncByCollection = stats.lastSyncByCollection
    }

    enum CodingKeys: String, CodingKey {
        case databasePath = "database_path"
        case databaseBytes = "database_bytes"
        case artifactsByCollection = "artifacts_by_collection"
        case lastSyncByCollection = "last_sync_by_collection"
    }
}
