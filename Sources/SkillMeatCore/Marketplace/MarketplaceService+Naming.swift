import SkillMeatPluginAPI
public import SkillMeatStore

extension MarketplaceService {
    /// Entry id → the name it is imported under (`CatalogNaming`), for every entry of these sources.
    public func importNames(sourceIDs: Set<String>) async throws(SkillMeatError) -> [String: String] {
        var names: [String: String] = [:]
        for sourceID in sourceIDs.sorted() {
            let entries = try await wrap { try await catalogStore.nameFields(sourceID: sourceID) }
            names.merge(CatalogNaming.importNames(of: entries), uniquingKeysWith: { first, _ in first })
        }
        return names
    }

    /// Stores the import names `CatalogNaming` gives a source's entries now, in one write
    /// transaction with the read they are made from. Every change that can move a name (a scan,
    /// an exclusion or restore, a rename) calls it, so a catalog page reads its rows' names.
    func nameEntries(of sourceID: String) async throws(SkillMeatError) {
        try await wrap { try await catalogStore.updateImportNames(sourceID: sourceID) { CatalogNaming.importNames(of: $0) } }
    }

    /// Names the sources of entries whose naming fields `next` changes (`CatalogNameFields.namesAlike`).
    func nameEntries(changedFrom previous: [CatalogEntryRecord], to next: [CatalogEntryRecord]) async throws(SkillMeatError) {
        let before = Dictionary(previous.map { ($0.id, $0.nameFields) }, uniquingKeysWith: { first, _ in first })
        let sources = Set(next.filter { entry in before[entry.id].map { !$0.namesAlike(entry.nameFields) } ?? true }.map(\.sourceID))
        for sourceID in sources.sorted() { try await nameEntries(of: sourceID) }
    }

    /// Catalog entries as the CLI and the API print them, each with its import name as stored: a
    /// page reads its own rows' names, never the whole source. Entries without a stored name (a
    /// database from before names were stored, a write cut off before naming) get their sources
    /// named first.
    public func outputs(_ records: [CatalogEntryRecord]) async throws(SkillMeatError) -> [CatalogEntryOutput] {
        let ids = records.map(\.id)
        var names = try await wrap { try await catalogStore.importNames(ids: ids) }
        let unnamed = Set(records.filter { names[$0.id] == nil }.map(\.sourceID))
        if !unnamed.isEmpty {
            for sourceID in unnamed.sorted() { try await nameEntries(of: sourceID) }
            names = try await wrap { try await catalogStore.importNames(ids: ids) }
        }
        return records.map { CatalogEntryOutput($0, importName: names[$0.id] ?? $0.name) }
    }

    /// One catalog entry as printed, with its import name.
    public func output(_ record: CatalogEntryRecord) async throws(SkillMeatError) -> CatalogEntryOutput {
        try await outputs([record])[0]
    }
}

extension MarketplaceService {
    /// Gives an entry a name of its own (SkillMeat's catalog rename): validated as an artifact name of
    /// its type, refused when another entry of the source is imported under it; the next import uses
    /// it and rescans keep it. An artifact already imported keeps the name it was imported under.
    public func rename(_ reference: String, to name: String, dryRun: Bool = false) async throws(SkillMeatError) -> CatalogEntryRecord {
        let entry = try await entry(reference)
        try ArtifactNaming.validate(name, type: entry.type)
        let siblings = try await wrap { try await catalogStore.nameFields(sourceID: entry.sourceID) }
        let names = CatalogNaming.importNames(of: siblings)
        if let holder = siblings.first(where: { $0.id != entry.id && $0.type == entry.type && CatalogNaming.isLive($0) && names[$0.id] == name }) {
            throw .conflict(
                "The source '\(entry.sourceID)' already has a \(entry.type.rawValue) imported as '\(name)' (the entry '\(holder.id)'); choose another name.",
                hint: .chooseName(suggestion: nil)
            )
        }
        return try await record(.named(name), on: entry, dryRun: dryRun)
    }
}
