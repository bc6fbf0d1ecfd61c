import Foundation
import SkillMeatPluginAPI
import SkillMeatStore

/// The catalogs as the marketplace keeps them: entries live in the database (a rescan makes them
/// again), but what a rescan cannot make again is written to files first. A scan's source record goes
/// to `sources.toml`; an entry's decision (excluded by the user, imported) to `catalog-decisions.toml`.
/// An entry a scan finds that the database does not know (it was deleted, damaged or rebuilt) gets its
/// recorded decision back, so imports and exclusions survive the loss of `cache.db`.
struct FileBackedCatalogStore: CatalogStore {
    let sources: RecordFile<MarketplaceSourceRecord>
    let decisions: RecordFile<CatalogDecision>
    let cache: any CatalogStore

    func saveScan(source: MarketplaceSourceRecord, entries: [CatalogEntryRecord]) async throws(StoreError) {
        let known = Set(try await cache.allEntries(sourceID: source.id).map(\.id))
        let recorded: [String: CatalogDecision]
        do {
            recorded = try decisions.read()
        } catch {
            throw .unavailable(error.description)
        }
        let restored = entries.map { entry in
            guard !known.contains(entry.id), let decision = recorded[entry.id], decision.sourceID == entry.sourceID else { return entry }
            return decision.restored(on: entry)
        }
        try FileBackedSourceStore.change(sources) { $0[source.id] = source }
        try note(restored)
        try await cache.saveScan(source: source, entries: restored)
    }

    func saveEntries(_ entries: [CatalogEntryRecord]) async throws(StoreError) {
        try note(entries)
        try await cache.saveEntries(entries)
    }

    /// Records the decisions `entries` carry and forgets those they no longer carry.
    private func note(_ entries: [CatalogEntryRecord]) throws(StoreError) {
        guard !entries.isEmpty else { return }
        try FileBackedSourceStore.change(decisions) { records in
            for entry in entries { records[entry.id] = CatalogDecision(entry) }
        }
    }

    func entry(id: String) async throws(StoreError) -> CatalogEntryRecord? { try await cache.entry(id: id) }
    func entries(idPrefix: String) async throws(StoreError) -> [CatalogEntryRecord] { try await cache.entries(idPrefix: idPrefix) }
    func entries(_ query: CatalogQuery) async throws(StoreError) -> StorePage<CatalogEntryRecord> { try await cache.entries(query) }
    func allEntries(sourceID: String) async throws(StoreError) -> [CatalogEntryRecord] { try await cache.allEntries(sourceID: sourceID) }
    func nameFields(sourceID: String) async throws(StoreError) -> [CatalogNameFields] { try await cache.nameFields(sourceID: sourceID) }
    func importNames(ids: [String]) async throws(StoreError) -> [String: String] { try await cache.importNames(ids: ids) }

    func updateImportNames(sourceID: String, naming: @Sendable ([CatalogNameFields]) -> [String: String]) async throws(StoreError) -> Int {
        try await cache.updateImportNames(sourceID: sourceID, naming: naming)
    }
    func entries(importedAs keys: [String]) async throws(StoreError) -> [CatalogEntryRecord] { try await cache.entries(importedAs: keys) }
    func entries(importedInto collection: String) async throws(StoreError) -> [CatalogEntryRecord] { try await cache.entries(importedInto: collection) }
    func counts(sourceID: String?) async throws(StoreError) -> CatalogCounts { try await cache.counts(sourceID: sourceID) }

    func entries(type: ArtifactType, contentHash: String, notInSource sourceID: String) async throws(StoreError) -> [CatalogEntryRecord] {
        try await cache.entries(type: type, contentHash: contentHash, notInSource: sourceID)
    }
}
