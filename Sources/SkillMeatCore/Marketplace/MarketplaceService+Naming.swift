public import SkillMeatCache

extension MarketplaceService {
    /// Entry id → the name it is imported under (`CatalogNaming`), for every entry of these sources.
    public func importNames(sourceIDs: Set<String>) throws(SkillMeatError) -> [String: String] {
        var names: [String: String] = [:]
        for sourceID in sourceIDs.sorted() {
            let entries = try wrap { try store.allEntries(sourceID: sourceID) }
            names.merge(CatalogNaming.importNames(of: entries), uniquingKeysWith: { first, _ in first })
        }
        return names
    }

    /// Catalog entries as the CLI and the API print them, each with its import name.
    public func outputs(_ records: [CatalogEntryRecord]) throws(SkillMeatError) -> [CatalogEntryOutput] {
        let names = try importNames(sourceIDs: Set(records.map(\.sourceID)))
        return records.map { CatalogEntryOutput($0, importName: names[$0.id] ?? $0.name) }
    }

    /// One catalog entry as printed, with its import name.
    public func output(_ record: CatalogEntryRecord) throws(SkillMeatError) -> CatalogEntryOutput {
        try outputs([record])[0]
    }
}
