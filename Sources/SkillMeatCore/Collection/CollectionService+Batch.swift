public import Foundation
public import SkillMeatCache
public import SkillMeatPluginAPI

/// What a metadata refresh of one collection re-read.
public struct CollectionRefreshOutput: Sendable, Hashable, Codable {
    public var collection: String
    /// The ids (`type:name`) of the artifacts refreshed.
    public var refreshed: [String]

    public init(collection: String, refreshed: [String]) {
        self.collection = collection
        self.refreshed = refreshed
    }
}

extension CollectionService {
    /// At most `limit` artifacts after the cursor (an artifact id, `type:name`), read from the cache
    /// with the store's own cursor so a page costs the same in a collection of any size.
    public func page(type: ArtifactType? = nil, tag: String? = nil, search: String? = nil, cursor: String? = nil, limit: Int) throws(SkillMeatError) -> Page<ArtifactSummary> {
        if let cursor, ArtifactID(parsing: cursor) == nil {
            throw .invalidArgument("The cursor '\(cursor)' is not one this API returned; start again without it.")
        }
        let items = try list(type: type, tag: tag, search: search, after: cursor, limit: limit + 1)
        return Page(lookahead: items, limit: limit, key: \.id)
    }

    /// Refreshes the metadata of every artifact of every collection of `home` (deployments untouched).
    public static func refreshAll(home: SkillMeatHome, database: CacheDatabase, now: Date = Date()) throws(SkillMeatError) -> [CollectionRefreshOutput] {
        try collectionNames(home).map { (name: String) throws(SkillMeatError) -> CollectionRefreshOutput in
            let service = try open(home: home, collection: name, database: database)
            return CollectionRefreshOutput(collection: name, refreshed: try service.refresh(now: now))
        }
    }

    /// Opens the collection `name` of `home` over an open cache database; throws when it does not exist.
    public static func open(home: SkillMeatHome, collection name: String, database: CacheDatabase) throws(SkillMeatError) -> CollectionService {
        try CollectionStore(home: home, name: name).requireExists()
        return CollectionService(home: home, collection: name, cacheStore: database.collectionStore, marketplace: database.marketplaceStore)
    }

    /// Rebuilds the cache rows of every collection of `home` (or of `names`) from their files;
    /// returns the row count of each.
    public static func rebuild(home: SkillMeatHome, database: CacheDatabase, names: [String]? = nil) throws(SkillMeatError) -> [String: Int] {
        var counts: [String: Int] = [:]
        // Not `??`: its autoclosure would erase the typed error.
        var targets: [String]
        if let names { targets = names } else { targets = try collectionNames(home) }
        for name in targets {
            counts[name] = try CollectionService(home: home, collection: name, cacheStore: database.collectionStore).cache.rebuild()
        }
        return counts
    }

    /// The names of the collections of `home`, sorted.
    public static func collectionNames(_ home: SkillMeatHome) throws(SkillMeatError) -> [String] {
        do {
            return try CollectionStore.names(in: home)
        } catch {
            throw .io(home.collectionsDirectory, error)
        }
    }
}
