public import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

    /// The stamp of the file at `url` now, nil when there is none. One `stat`: every cached read asks,
    /// and Foundation's attribute lookup also resolves owner and group names, which cost more than the read.
    public init?(fileAt url: URL) {
        var info = stat()
        guard stat(url.path, &info) == 0 else { return nil }
        #if canImport(Darwin)
        let time = info.st_mtimespec
        #else
        let time = info.st_mtim
        #endif
        modified = Double(time.tv_sec) + Double(time.tv_nsec) / 1_000_000_000
        size = Int64(info.st_size)
    }

    init(modified: Double, size: Int64) {
        self.modified = modified
        self.size = size
    }
}
