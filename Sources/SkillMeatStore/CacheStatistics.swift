public import Foundation

/// Counts of the collection cache, as `cache stats --json` and `GET /api/v1/cache/stats` print them.
public struct CacheStatistics: Sendable, Hashable, Codable {
    /// Where the store is (a file path, `:memory:`, a server address without credentials).
    public var databasePath: String
    public var databaseBytes: Int64
    public var artifactsByCollection: [String: Int]
    public var lastSyncByCollection: [String: Date]

    public init(databasePath: String, databaseBytes: Int64, artifactsByCollection: [String: Int], lastSyncByCollection: [String: Date]) {
        self.databasePath = databasePath
        self.databaseBytes = databaseBytes
        self.artifactsByCollection = artifactsByCollection
        self.lastSyncByCollection = lastSyncByCollection
    }

    enum CodingKeys: String, CodingKey {
        case databasePath = "database_path"
        case databaseBytes = "database_bytes"
        case artifactsByCollection = "artifacts_by_collection"
        case lastSyncByCollection = "last_sync_by_collection"
    }
}
