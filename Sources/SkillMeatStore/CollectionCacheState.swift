public import Foundation

/// What a collection's cache rows were built from, to tell when `collection.toml` changed under them.
public struct CollectionCacheState: Sendable, Hashable {
    public var collection: String
    public var manifestModified: Double
    public var manifestSize: Int64
    public var syncedAt: Date

    public init(collection: String, manifestModified: Double, manifestSize: Int64, syncedAt: Date) {
        self.collection = collection
        self.manifestModified = manifestModified
        self.manifestSize = manifestSize
        self.syncedAt = syncedAt
    }
}
