public import Foundation
public import SkillMeatStore

/// Removing a whole collection (`skillmeat collection remove`, `DELETE /api/v1/collections/{name}`):
/// a snapshot first, then its folder, its cache rows, and the catalog entries imported into it go
/// back to `new` through `CatalogLifecycle`, so they can be imported again elsewhere.
public struct CollectionRemoval: Sendable {
    public let home: SkillMeatHome
    public let stores: any StoreBackend

    /// What removing a collection did.
    public struct Report: Sendable, Hashable, Codable {
        public var collection: String
        /// The snapshot kept under `snapshots/<collection>/`.
        public var snapshot: String
        /// Catalog entries set back to `new` (or stripped of their import, if removed or excluded).
        public var catalogEntriesReset: Int

        enum CodingKeys: String, CodingKey {
            case collection, snapshot
            case catalogEntriesReset = "catalog_entries_reset"
        }
    }

    /// Removes the collection `name`. The default collection (`defaultCollection`) is refused unless
    /// `force`, since every command without a collection named would then fail.
    public func run(_ name: String, defaultCollection: String, force: Bool, now: Date = Date()) async throws(SkillMeatError) -> Report {
        let store = CollectionStore(home: home, name: name)
        try store.requireExists()
        if name == defaultCollection, !force {
            throw .invalidArgument("'\(name)' is the default collection; make another collection the default first, or force its removal.")
        }
        let snapshot = try await SnapshotStore(store: store).create(message: "before removing the collection", automatic: true, now: now)
        // Rename first so a half-finished delete never leaves a collection that looks whole.
        let doomed = home.collectionsDirectory.appending(path: ".removed-\(UUID().uuidString)")
        do {
            try FileManager.default.moveItem(at: store.directory, to: doomed)
        } catch {
            throw SkillMeatError.io(store.directory, error)
        }
        try? FileManager.default.removeItem(at: doomed)
        let stores = self.stores
        let reset = try await SkillMeatError.store {
            try await stores.collectionCache.deleteCollection(name)
            return try await stores.catalog.record(.removedFromCollection, on: try await stores.catalog.entries(importedInto: name)).count
        }
        return Report(collection: name, snapshot: snapshot.id, catalogEntriesReset: reset)
    }
}

extension SkillMeatHome {
    /// Removing a whole collection of this home, with its cache rows and catalog marks in `stores`.
    public func collectionRemoval(stores: any StoreBackend) -> CollectionRemoval { CollectionRemoval(home: self, stores: stores) }
}
