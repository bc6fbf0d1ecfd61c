public import Foundation
public import SkillMeatPluginAPI
public import SkillMeatStore

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
    public func page(type: ArtifactType? = nil, tag: String? = nil, search: String? = nil, cursor: String? = nil, limit: Int) async throws(SkillMeatError) -> Page<ArtifactSummary> {
        let page = try await artifactPage(type: type, tag: tag, search: search, after: cursor, limit: limit)
        return Page(items: await summaries(page.items), nextCursor: page.nextCursor)
    }

    /// Refreshes the metadata of every artifact of every collection of `home` (deployments untouched).
    public static func refreshAll(home: SkillMeatHome, stores: any StoreBackend, now: Date = Date()) async throws(SkillMeatError) -> [CollectionRefreshOutput] {
        var outputs: [CollectionRefreshOutput] = []
        for name in try collectionNames(home) {
            let service = try open(home: home, collection: name, stores: stores)
            outputs.append(CollectionRefreshOutput(collection: name, refreshed: try await service.refresh(now: now)))
        }
        return outputs
    }

    /// Opens the collection `name` of `home` over opened stores; throws when it does not exist.
    public static func open(home: SkillMeatHome, collection name: String, stores: any StoreBackend) throws(SkillMeatError) -> CollectionService {
        let store = CollectionStore(home: home, name: name)
        try store.requireExists()
        var service = CollectionService(home: home, collection: name, stores: stores)
        service.restoredLock = try store.restoreMissingLock()
        return service
    }

    /// Rebuilds the cache rows of every collection of `home` (or of `names`) from their files, and the
    /// database's sources from `sources.toml` when the stores keep one; returns the row count of each
    /// collection.
    public static func rebuild(home: SkillMeatHome, stores: any StoreBackend, names: [String]? = nil) async throws(SkillMeatError) -> [String: Int] {
        if let homeStores = stores as? HomeStoreBackend { _ = try await homeStores.restoreSources() }
        var counts: [String: Int] = [:]
        // Not `??`: its autoclosure would erase the typed error.
        var targets: [String]
        if let names { targets = names } else { targets = try collectionNames(home) }
        for (offset, name) in targets.enumerated() {
            WorkProgress.report(.rebuilding, completed: offset, total: targets.count, current: name)
            counts[name] = try await CollectionService(home: home, collection: name, stores: stores).cache.rebuild()
        }
        return counts
    }

    /// The collection (of all of `home`'s) that holds the artifact `id`: SkillMeat's delete without a
    /// collection. None is a not-found; several are a conflict naming them, since deleting from all
    /// of them is rarely what was meant.
    public static func holding(_ id: ArtifactID, home: SkillMeatHome, stores: any StoreBackend) async throws(SkillMeatError) -> CollectionService {
        var holders: [CollectionService] = []
        for name in try collectionNames(home) {
            let service = CollectionService(home: home, collection: name, stores: stores)
            if (try? await service.find(id.name, type: id.type)) != nil { holders.append(service) }
        }
        switch holders.count {
        case 1: return holders[0]
        case 0: throw .notFound("No collection has the \(id.type.rawValue) '\(id.name)'.", hint: .listArtifacts(collection: "default"))
        default:
            throw .conflict("The \(id.type.rawValue) '\(id.name)' is in the collections \(holders.map { "'\($0.store.name)'" }.joined(separator: ", ")); name the one to change.")
        }
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
