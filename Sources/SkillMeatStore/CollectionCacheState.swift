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

    /// The state of `collection` built from the manifest at `stamp`.
    public init(collection: String, stamp: ManifestStamp, syncedAt: Date) {
        self.init(collection: collection, manifestModified: stamp.modified, manifestSize: stamp.size, syncedAt: syncedAt)
    }

    /// The manifest the rows were built from.
    public var stamp: ManifestStamp { ManifestStamp(modified: manifestModified, size: manifestSize) }
}

/// A `collection.toml` as the cache tells versions apart: its modification time and size. Every write
/// replaces the file, so a stamp once past never comes back.
public struct ManifestStamp: Sendable, Hashable {
    public var modified: Double
    public var size: Int64

    public init(modified: Double, size: Int64) {
        self.modified = modified
        self.size = size
    }
}
