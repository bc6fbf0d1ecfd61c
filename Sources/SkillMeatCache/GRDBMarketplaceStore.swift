import Foundation
import GRDB
import SkillMeatPluginAPI

/// The SQLite implementation of `MarketplaceStore`.
struct GRDBMarketplaceStore: MarketplaceStore {
    let writer: any DatabaseWriter

    static let sourceColumns = [
        "id", "name", "location", "ref", "root", "manual_map_json", "trust", "description", "tags_json", "pending_tags_json",
        "provider", "created_at", "updated_at", "last_scan_at", "last_commit", "last_error", "artifact_count",
    ]
    static let entryColumns = [
        "id", "source_id", "type", "name", "path", "upstream_url", "detected_sha", "content_hash", "confidence", "reasons_json",
        "status", "import_id", "import_date", "imported_as", "excluded_reason", "excluded_at", "description", "tags_json",
        "metadata_json", "files_json", "declaration_json", "duplicates_json", "first_seen", "last_seen",
    ]

    static func upsertSQL(table: String, columns: [String]) -> String {
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        let updates = columns.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        return "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(placeholders)) ON CONFLICT(id) DO UPDATE SET \(updates)"
    }

    static let sourceUpsert = upsertSQL(table: "marketplace_source", columns: sourceColumns)
    static let entryUpsert = upsertSQL(table: "catalog_entry", columns: entryColumns)
    static let sourceSelect = "SELECT \(sourceColumns.joined(separator: ", ")) FROM marketplace_source"
    static let entrySelect = "SELECT \(entryColumns.joined(separator: ", ")) FROM catalog_entry"

    func insertSource(_ source: MarketplaceSourceRecord) throws(CacheError) {
        try writer.cacheWrite { db in
            try db.execute(
                sql: "INSERT INTO marketplace_source (\(Self.sourceColumns.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: Self.sourceColumns.count).joined(separator: ", ")))",
                arguments: Self.arguments(source)
            )
        }
    }

    func updateSource(_ source: MarketplaceSourceRecord) throws(CacheError) {
        try writer.cacheWrite { db in try db.execute(sql: Self.sourceUpsert, arguments: Self.arguments(source)) }
    }

    func deleteSource(id: String) throws(CacheError) {
        try writer.cacheWrite { db in
            try db.execute(sql: "DELETE FROM catalog_entry WHERE source_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM marketplace_source WHERE id = ?", arguments: [id])
        }
    }

    func source(id: String) throws(CacheError) -> MarketplaceSourceRecord? {
        try writer.cacheRead { db in try Row.fetchOne(db, sql: "\(Self.sourceSelect) WHERE id = ?", arguments: [id]).map(Self.source) }
    }

    func sources() throws(CacheError) -> [MarketplaceSourceRecord] {
        try writer.cacheRead { db in try Row.fetchAll(db, sql: "\(Self.sourceSelect) ORDER BY name, id").map(Self.source) }
    }

    func saveScan(source: MarketplaceSourceRecord, entries: [CatalogEntryRecord]) throws(CacheError) {
        try writer.cacheWrite { db in
            try db.execute(sql: Self.sourceUpsert, arguments: Self.arguments(source))
            let statement = try db.cachedStatement(sql: Self.entryUpsert)
            for entry in entries { try statement.execute(arguments: Self.arguments(entry)) }
        }
    }

    func saveEntry(_ entry: CatalogEntryRecord) throws(CacheError) {
        try saveEntries([entry])
    }

    func saveEntries(_ entries: [CatalogEntryRecord]) throws(CacheError) {
        try writer.cacheWrite { db in
            let statement = try db.cachedStatement(sql: Self.entryUpsert)
            for entry in entries { try statement.execute(arguments: Self.arguments(entry)) }
        }
    }

    func entry(id: String) throws(CacheError) -> CatalogEntryRecord? {
        try writer.cacheRead { db in try Row.fetchOne(db, sql: "\(Self.entrySelect) WHERE id = ?", arguments: [id]).map(Self.entry) }
    }

    func entries(idPrefix: String) throws(CacheError) -> [CatalogEntryRecord] {
        try writer.cacheRead { db in
            try Row.fetchAll(db, sql: "\(Self.entrySelect) WHERE substr(id, 1, ?) = ? ORDER BY id", arguments: [idPrefix.count, idPrefix]).map(Self.entry)
        }
    }

    func entries(_ query: CatalogQuery) throws(CacheError) -> [CatalogEntryRecord] {
        var clauses: [String] = []
        var arguments: StatementArguments = []
        if let sourceID = query.sourceID {
            clauses.append("source_id = ?")
            arguments += [sourceID]
        }
        if !query.statuses.isEmpty {
            clauses.append("status IN (\(Array(repeating: "?", count: query.statuses.count).joined(separator: ", ")))")
            for status in query.statuses.sorted() { arguments += [status] }
        } else if !query.includeExcluded {
            clauses.append("status != 'excluded'")
        }
        if let type = query.type {
            clauses.append("type = ?")
            arguments += [type]
        }
        if let minimum = query.minConfidence {
            clauses.append("confidence >= ?")
            arguments += [minimum]
        }
        if let search = query.search, !search.isEmpty {
            clauses.append("(instr(lower(name), lower(?)) > 0 OR instr(lower(coalesce(description, '')), lower(?)) > 0 OR instr(lower(path), lower(?)) > 0)")
            arguments += [search, search, search]
        }
        let order: String
        switch query.sort {
        case .confidence: order = "confidence DESC, name, id"
        case .name: order = "name, type, id"
        case .date: order = "first_seen DESC, name, id"
        }
        let sql = Self.entrySelect + (clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND ")) + " ORDER BY \(order)"
        let finalArguments = arguments
        var entries = try writer.cacheRead { db in try Row.fetchAll(db, sql: sql, arguments: finalArguments).map(Self.entry) }
        // The cursor is an entry id in the chosen order; dropping in memory keeps every order simple.
        if let after = query.after, let index = entries.firstIndex(where: { $0.id == after }) {
            entries.removeFirst(index + 1)
        }
        if let limit = query.limit { entries = Array(entries.prefix(limit)) }
        return entries
    }

    func allEntries(sourceID: String) throws(CacheError) -> [CatalogEntryRecord] {
        try writer.cacheRead { db in try Row.fetchAll(db, sql: "\(Self.entrySelect) WHERE source_id = ? ORDER BY id", arguments: [sourceID]).map(Self.entry) }
    }

    func entries(type: String, contentHash: String, notInSource sourceID: String) throws(CacheError) -> [CatalogEntryRecord] {
        try writer.cacheRead { db in
            try Row.fetchAll(
                db,
                sql: "\(Self.entrySelect) WHERE type = ? AND content_hash = ? AND source_id != ? ORDER BY id",
                arguments: [type, contentHash, sourceID]
            ).map(Self.entry)
        }
    }

    func entries(importedAs: String) throws(CacheError) -> [CatalogEntryRecord] {
        try writer.cacheRead { db in try Row.fetchAll(db, sql: "\(Self.entrySelect) WHERE imported_as = ? ORDER BY id", arguments: [importedAs]).map(Self.entry) }
    }

    func resetImports(importedAs: String) throws(CacheError) -> Int {
        try writer.cacheWrite { db in
            try db.execute(
                sql: """
                    UPDATE catalog_entry SET status = CASE WHEN status = 'imported' THEN 'new' ELSE status END,
                    import_id = NULL, import_date = NULL, imported_as = NULL WHERE imported_as = ?
                    """,
                arguments: [importedAs]
            )
            return db.changesCount
        }
    }

    func counts(sourceID: String?) throws(CacheError) -> CatalogCounts {
        try writer.cacheRead { db in
            var counts = CatalogCounts()
            let filter = sourceID == nil ? "" : " WHERE source_id = ?"
            let arguments: StatementArguments = sourceID.map { [$0] } ?? []
            for row in try Row.fetchAll(db, sql: "SELECT status, count(*) FROM catalog_entry\(filter) GROUP BY status", arguments: arguments) {
                counts.byStatus[row[0]] = row[1]
            }
            for row in try Row.fetchAll(db, sql: "SELECT type, count(*) FROM catalog_entry\(filter)\(filter.isEmpty ? " WHERE" : " AND") status != 'excluded' GROUP BY type", arguments: arguments) {
                counts.byType[row[0]] = row[1]
            }
            return counts
        }
    }

    // MARK: Mapping

    static func arguments(_ source: MarketplaceSourceRecord) -> StatementArguments {
        [
            source.id, source.name, source.location, source.ref, source.root, json(source.manualMap), source.trust, source.description,
            json(source.tags), json(source.pendingTags), source.provider, source.createdAt, source.updatedAt, source.lastScanAt,
            source.lastCommit, source.lastError, source.artifactCount,
        ]
    }

    static func source(_ row: Row) -> MarketplaceSourceRecord {
        MarketplaceSourceRecord(
            id: row[0], name: row[1], location: row[2], ref: row[3], root: row[4],
            manualMap: decode([String: String].self, row[5]) ?? [:], trust: row[6], description: row[7],
            tags: decode([String].self, row[8]) ?? [], pendingTags: decode([String].self, row[9]) ?? [], provider: row[10],
            createdAt: row[11], updatedAt: row[12], lastScanAt: row[13], lastCommit: row[14], lastError: row[15], artifactCount: row[16]
        )
    }

    static func arguments(_ entry: CatalogEntryRecord) -> StatementArguments {
        [
            entry.id, entry.sourceID, entry.type, entry.name, entry.path, entry.upstreamURL, entry.detectedSHA, entry.contentHash,
            entry.confidence, json(entry.reasons), entry.status, entry.importID, entry.importDate, entry.importedAs, entry.excludedReason,
            entry.excludedAt, entry.description, json(entry.tags), json(entry.metadata), json(entry.files),
            entry.declaration.map { String(decoding: $0.canonicalData(), as: UTF8.self) }, json(entry.duplicates), entry.firstSeen, entry.lastSeen,
        ]
    }

    static func entry(_ row: Row) -> CatalogEntryRecord {
        let declarationText: String? = row[20]
        return CatalogEntryRecord(
            id: row[0], sourceID: row[1], type: row[2], name: row[3], path: row[4], upstreamURL: row[5], detectedSHA: row[6],
            contentHash: row[7], confidence: row[8], reasons: decode([String].self, row[9]) ?? [], status: row[10],
            importID: row[11], importDate: row[12], importedAs: row[13], excludedReason: row[14], excludedAt: row[15],
            description: row[16], tags: decode([String].self, row[17]) ?? [],
            metadata: decode(ArtifactMetadata.self, row[18]) ?? ArtifactMetadata(), files: decode([String].self, row[19]) ?? [],
            declaration: declarationText.flatMap { try? JSONValue.parse(Data($0.utf8)) },
            duplicates: decode([String].self, row[21]) ?? [], firstSeen: row[22], lastSeen: row[23]
        )
    }

    static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String?) -> T? {
        guard let text else { return nil }
        return try? JSONDecoder().decode(type, from: Data(text.utf8))
    }

}

extension CacheDatabase {
    /// The marketplace sources and catalogs in this database.
    public var marketplaceStore: any MarketplaceStore {
        GRDBMarketplaceStore(writer: writer)
    }
}
