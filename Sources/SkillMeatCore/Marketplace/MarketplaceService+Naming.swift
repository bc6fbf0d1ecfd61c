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

extension MarketplaceService {
    /// Gives an entry a name of its own (SkillMeat's catalog rename): validated as an artifact name of
    /// its type, refused when another entry of the source is imported under it; the next import uses
    /// it and rescans keep it. An artifact already imported keeps the name it was imported under.
    public func rename(_ reference: String, to name: String, dryRun: Bool = false) async throws(SkillMeatError) -> CatalogEntryRecord {
        let entry = try await entry(reference)
        try ArtifactNaming.validate(name, type: entry.type)
        let names = try await importNames(sourceIDs: [entry.sourceID])
        let siblings = try await wrap { try await catalogStore.allEntries(sourceID: entry.sourceID) }
        if let holder = siblings.first(where: { $0.id != entry.id && $0.type == entry.type && CatalogNaming.isLive($0.status) && names[$0.id] == name }) {
            throw .conflict(
                "The source '\(entry.sourceID)' already has a \(entry.type.rawValue) imported as '\(name)' (the entry '\(holder.id)'); choose another name.",
                hint: .chooseName(suggestion: nil)
            )
        }
        return try await record(.named(name), on: entry, dryRun: dryRun)
    }
}
