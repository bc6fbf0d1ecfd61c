public import SkillMeatStore

extension MarketplaceService {
    /// Entry id → the name it is imported under (`CatalogNaming`), for every entry of these sources.
    public func importNames(sourceIDs: Set<String>) async throws(SkillMeatError) -> [String: String] {
        var names: [String: String] = [:]
        for sourceID in sourceIDs.sorted() {
            let entries = try await wrap { try await catalogStore.allEntries(sourceID: sourceID) }
            names.merge(CatalogNaming.importNames(of: entries), uniquingKeysWith: { first, _ in first })
        }
        return names
    }

    /// Catalog entries as the CLI and the API print them, each with its import name.
    public func outputs(_ records: [CatalogEntryRecord]) async throws(SkillMeatError) -> [CatalogEntryOutput] {
        let names = try await importNames(sourceIDs: Set(records.map(\.sourceID)))
        return records.map { CatalogEntryOutput($0, importName: names[$0.id] ?? $0.name) }
    }

    /// One catalog entry as printed, with its import name.
    public func output(_ record: CatalogEntryRecord) async throws(SkillMeatError) -> CatalogEntryOutput {
        try await outputs([record])[0]
    }
}
