public import SkillMeatPluginAPI

/// The catalogs of the marketplace sources (DESIGN §4). The store keeps entries as it is given them;
/// their status changes are `CatalogLifecycle`'s, and the store's constraints only guard them.
public protocol CatalogStore: Sendable {
    /// Writes the result of a scan in one transaction: the source's row and every changed entry.
    func saveScan(source: MarketplaceSourceRecord, entries: [CatalogEntryRecord]) async throws(StoreError)
    /// Writes entries (inserting or replacing by id) in one transaction; an entry whose status and
    /// import fields break the three-field rule is a `.constraint` error and nothing is written.
    func saveEntries(_ entries: [CatalogEntryRecord]) async throws(StoreError)
    func entry(id: String) async throws(StoreError) -> CatalogEntryRecord?
    /// Entries whose id starts with `prefix`, by id.
    func entries(idPrefix: String) async throws(StoreError) -> [CatalogEntryRecord]
    /// A page of entries matching `query`, in its sort (keyset paging; `CatalogCursor` cursors).
    func entries(_ query: CatalogQuery) async throws(StoreError) -> StorePage<CatalogEntryRecord>
    /// Every entry of a source, whatever its status, by id.
    func allEntries(sourceID: String) async throws(StoreError) -> [CatalogEntryRecord]
    /// The naming fields of every entry of a source, whatever its status, by id, each with the
    /// import name stored for it.
    func nameFields(sourceID: String) async throws(StoreError) -> [CatalogNameFields]
    /// The import names stored for these entries (`updateImportNames`), by entry id; an entry with
    /// none stored (or unknown) is absent. One indexed lookup per id: a page asks for its own rows.
    func importNames(ids: [String]) async throws(StoreError) -> [String: String]
    /// Names a source's entries in one write transaction, so two processes naming at once cannot
    /// leave names made from a state that is gone: `naming` is given the naming fields of every
    /// entry of the source (as `nameFields` reads them) and answers entry id → import name; each
    /// entry whose stored name differs gets the new one (an id `naming` leaves out keeps its own).
    /// Entry writes (`saveScan`, `saveEntries`) never change a stored name; a new entry has none.
    /// Returns how many names changed.
    @discardableResult
    func updateImportNames(sourceID: String, naming: @Sendable ([CatalogNameFields]) -> [String: String]) async throws(StoreError) -> Int
    /// Entries of other sources with this type and content hash, by id.
    func entries(type: ArtifactType, contentHash: String, notInSource sourceID: String) async throws(StoreError) -> [CatalogEntryRecord]
    /// Entries linked to any of the collection artifacts `<collection>/<type>:<name>` in `keys`, by id
    /// (a page of a list asks for its own rows' links only).
    func entries(importedAs keys: [String]) async throws(StoreError) -> [CatalogEntryRecord]
    /// Entries linked to any artifact of `collection`, by id.
    func entries(importedInto collection: String) async throws(StoreError) -> [CatalogEntryRecord]
    /// Counts by status and type, of one source or of all.
    func counts(sourceID: String?) async throws(StoreError) -> CatalogCounts
}

extension CatalogStore {
    /// Entries linked to the collection artifact `<collection>/<type>:<name>`, by id.
    public func entries(importedAs key: String) async throws(StoreError) -> [CatalogEntryRecord] {
        try await entries(importedAs: [key])
    }
}
