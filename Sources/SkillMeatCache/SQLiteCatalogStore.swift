import Foundation
import GRDB
import SkillMeatPluginAPI
import SkillMeatStore

/// The SQLite implementation of `CatalogStore`.
struct SQLiteCatalogStore: CatalogStore {
    let writer: any DatabaseWriter

    static let columns = [
        "id", "source_id", "type", "name", "path", "upstream_url", "detected_sha", "content_hash", "confidence", "reasons_json",
        "status", "import_id", "import_date", "imported_as", "excluded_reason", "excluded_at", "description", "tags_json",
        "metadata_json", "files_json", "declaration_json", "duplicates_json", "first_seen", "last_seen", "imported_hash", "user_name",
    ]

    static func upsertSQL(table: String, columns: [String]) -> String {
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        let updates = columns.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        return "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(placeholders)) ON CONFLICT(id) DO UPDATE SET \(updates)"
    }

    static let upsert = upsertSQL(table: "catalog_entry", columns: columns)
    static let select = "SELECT \(columns.joined(separator: ", ")) FROM catalog_entry"

    func saveScan(source: MarketplaceSourceRecord, entries: [CatalogEntryRecord]) async throws(StoreError) {
        try writer.storeWrite { db in
            try db.execute(sql: SQLiteSourceStore.upsert, arguments: SQLiteSourceStore.arguments(source))
            let statement = try db.cachedStatement(sql: Self.upsert)
            for entry in entries { try statement.execute(arguments: Self.arguments(entry)) }
        }
    }

    func saveEntries(_ entries: [CatalogEntryRecord]) async throws(StoreError) {
        guard !entries.isEmpty else { return }
        try writer.storeWrite { db in
            let statement = try db.cachedStatement(sql: Self.upsert)
            for entry in entries { try statement.execute(arguments: Self.arguments(entry)) }
        }
    }

    func entry(id: String) async throws(StoreError) -> CatalogEntryRecord? {
        // Compiled once per connection: an import looks up each of its entries by id.
        try writer.storeRead { db in try Row.fetchOne(db.cachedStatement(sql: "\(Self.select) WHERE id = ?"), arguments: [id]).map(Self.entry) }
    }

    func entries(idPrefix: String) async throws(StoreError) -> [CatalogEntryRecord] {
        try writer.storeRead { db in
            try Row.fetchAll(db, sql: "\(Self.select) WHERE substr(id, 1, ?) = ? ORDER BY id", arguments: [idPrefix.count, idPrefix]).map(Self.entry)
        }
    }

    func entries(_ query: CatalogQuery) async throws(StoreError) -> StorePage<CatalogEntryRecord> {
        var filter = SQLFilter()
        filter.add("source_id", equals: query.sourceID)
        if !query.statuses.isEmpty {
            filter.add("status IN (\(Array(repeating: "?", count: query.statuses.count).joined(separator: ", ")))", query.statuses.sorted().map(\.rawValue))
        } else if !query.includeExcluded {
            filter.add("status != 'excluded'")
        }
        filter.add("type", equals: query.type?.rawValue)
        if let minimum = query.minConfidence {
            filter.add("confidence >= ?", [minimum])
        }
        filter.add(searching: query.search, in: ["name", "coalesce(description, '')", "path"])
        // The total counts every row the filters match, whichever page this is.
        let filters = filter
        // Keyset paging: the rows strictly after the cursor's keys in the chosen order (each order
        // ends in the unique id, so ties on the leading keys neither repeat nor skip a row).
        if let after = query.after {
            let cursor = try CatalogCursor(parsing: after, sort: query.sort)
            switch query.sort {
            case .name:
                filter.add("(name, type, id) > (?, ?, ?)", [cursor.name, cursor.type.rawValue, cursor.id])
            case .confidence:
                filter.add("(confidence < ? OR (confidence = ? AND (name, id) > (?, ?)))", [cursor.confidence, cursor.confidence, cursor.name, cursor.id])
            case .date:
                let seen = Timestamp.string(cursor.firstSeen)
                filter.add("(first_seen < ? OR (first_seen = ? AND (name, id) > (?, ?)))", [seen, seen, cursor.name, cursor.id])
            }
        }
        let order: String
        switch query.sort {
        case .confidence: order = "confidence DESC, name, id"
        case .name: order = "name, type, id"
        case .date: order = "first_seen DESC, name, id"
        }
        var sql = Self.select + filter.whereClause + " ORDER BY \(order)"
        var arguments = filter.arguments
        if let limit = query.limit {
            // One row past the page tells whether another page follows.
            sql += " LIMIT ?"
            arguments += [limit + 1]
            if query.offset > 0 {
                sql += " OFFSET ?"
                arguments += [query.offset]
            }
        }
        let finalArguments = arguments
        let countSQL = "SELECT count(*) FROM catalog_entry" + filters.whereClause
        let (rows, total) = try writer.storeRead { db in
            (try Row.fetchAll(db, sql: sql, arguments: finalArguments).map(Self.entry), try Int.fetchOne(db, sql: countSQL, arguments: filters.arguments) ?? 0)
        }
        var page = StorePage(lookahead: rows, limit: query.limit) { CatalogCursor(after: $0, sort: query.sort).text }
        page.total = total
        return page
    }

    func allEntries(sourceID: String) async throws(StoreError) -> [CatalogEntryRecord] {
        try writer.storeRead { db in try Row.fetchAll(db, sql: "\(Self.select) WHERE source_id = ? ORDER BY id", arguments: [sourceID]).map(Self.entry) }
    }

    func nameFields(sourceID: String) async throws(StoreError) -> [CatalogNameFields] {
        try writer.storeRead { db in try Self.nameFields(db, sourceID: sourceID) }
    }

    static func nameFields(_ db: Database, sourceID: String) throws -> [CatalogNameFields] {
        try Row.fetchAll(
            db.cachedStatement(sql: "SELECT id, type, name, path, status, user_name, import_name FROM catalog_entry WHERE source_id = ? ORDER BY id"),
            arguments: [sourceID]
        ).map { row in
            CatalogNameFields(
                id: row[0], type: SQLiteColumns.type(row[1]), name: row[2], path: row[3], status: CatalogStatus(rawValue: row[4]) ?? .new,
                userName: row[5], importName: row[6]
            )
        }
    }

    func importNames(ids: [String]) async throws(StoreError) -> [String: String] {
        guard !ids.isEmpty else { return [:] }
        return try writer.storeRead { db in
            var names: [String: String] = [:]
            // Chunked below SQLite's bound-parameter limit; each chunk is a primary-key lookup per id.
            for start in stride(from: 0, to: ids.count, by: 500) {
                let chunk = Array(ids[start..<min(start + 500, ids.count)])
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
                for row in try Row.fetchAll(
                    db, sql: "SELECT id, import_name FROM catalog_entry WHERE id IN (\(marks)) AND import_name IS NOT NULL", arguments: StatementArguments(chunk)
                ) {
                    names[row[0]] = row[1]
                }
            }
            return names
        }
    }

    func updateImportNames(sourceID: String, naming: @Sendable ([CatalogNameFields]) -> [String: String]) async throws(StoreError) -> Int {
        try writer.storeWrite { db in
            let fields = try Self.nameFields(db, sourceID: sourceID)
            let names = naming(fields)
            let statement = try db.cachedStatement(sql: "UPDATE catalog_entry SET import_name = ? WHERE id = ?")
            var changed = 0
            for entry in fields {
                guard let name = names[entry.id], name != entry.importName else { continue }
                try statement.execute(arguments: [name, entry.id])
                changed += 1
            }
            return changed
        }
    }

    func entries(type: ArtifactType, contentHash: String, notInSource sourceID: String) async throws(StoreError) -> [CatalogEntryRecord] {
        try writer.storeRead { db in
            // Compiled once per connection: a scan asks this of every entry it found changed.
            try Row.fetchAll(
                db.cachedStatement(sql: "\(Self.select) WHERE type = ? AND content_hash = ? AND source_id != ? ORDER BY id"),
                arguments: [type.rawValue, contentHash, sourceID]
            ).map(Self.entry)
        }
    }

    func entries(importedAs keys: [String]) async throws(StoreError) -> [CatalogEntryRecord] {
        guard !keys.isEmpty else { return [] }
        return try writer.storeRead { db in
            // Chunked below SQLite's bound-parameter limit; each chunk is an index lookup per key.
            var found: [CatalogEntryRecord] = []
            for start in stride(from: 0, to: keys.count, by: 500) {
                let chunk = Array(keys[start..<min(start + 500, keys.count)])
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
                found += try Row.fetchAll(db, sql: "\(Self.select) WHERE imported_as IN (\(marks))", arguments: StatementArguments(chunk)).map(Self.entry)
            }
            return found.sorted { $0.id < $1.id }
        }
    }

    func entries(importedInto collection: String) async throws(StoreError) -> [CatalogEntryRecord] {
        // `imported_as` is `<collection>/<type>:<name>`: a range on the indexed column holds exactly the
        // keys starting with `<collection>/` (`0` follows `/` in byte order), where `substr` would scan.
        try writer.storeRead { db in
            try Row.fetchAll(
                db, sql: "\(Self.select) WHERE imported_as >= ? AND imported_as < ? ORDER BY id", arguments: [collection + "/", collection + "0"]
            ).map(Self.entry)
        }
    }

    func counts(sourceID: String?) async throws(StoreError) -> CatalogCounts {
        try writer.storeRead { db in
            var counts = CatalogCounts()
            let filter = sourceID == nil ? "" : " WHERE source_id = ?"
            let arguments: StatementArguments = sourceID.map { [$0] } ?? []
            for row in try Row.fetchAll(db, sql: "SELECT status, count(*) FROM catalog_entry\(filter) GROUP BY status", arguments: arguments) {
                if let status = CatalogStatus(rawValue: row[0]) { counts.byStatus[status] = row[1] }
            }
            for row in try Row.fetchAll(db, sql: "SELECT type, count(*) FROM catalog_entry\(filter)\(filter.isEmpty ? " WHERE" : " AND") status != 'excluded' GROUP BY type", arguments: arguments) {
                counts.byType[row[0]] = row[1]
            }
            return counts
        }
    }

    // MARK: Mapping

    static func arguments(_ entry: CatalogEntryRecord) -> StatementArguments {
        [
            entry.id, entry.sourceID, entry.type.rawValue, entry.name, entry.path, entry.upstreamURL, entry.detectedSHA, entry.contentHash,
            entry.confidence, SQLiteColumns.json(entry.reasons), entry.status.rawValue, entry.importID, SQLiteColumns.text(entry.importDate),
            entry.importedAs, entry.excludedReason, SQLiteColumns.text(entry.excludedAt), entry.description, SQLiteColumns.json(entry.tags),
            SQLiteColumns.json(entry.metadata), SQLiteColumns.json(entry.files),
            entry.declaration.map { String(decoding: $0.canonicalData(), as: UTF8.self) }, SQLiteColumns.json(entry.duplicates),
            SQLiteColumns.text(entry.firstSeen), SQLiteColumns.text(entry.lastSeen), entry.importedHash, entry.userName,
        ]
    }

    static func entry(_ row: Row) -> CatalogEntryRecord {
        let declarationText: String? = row[20]
        return CatalogEntryRecord(
            id: row[0], sourceID: row[1], type: SQLiteColumns.type(row[2]), name: row[3], path: row[4], upstreamURL: row[5], detectedSHA: row[6],
            contentHash: row[7], confidence: row[8], reasons: SQLiteColumns.decode([String].self, row[9]) ?? [],
            status: CatalogStatus(rawValue: row[10]) ?? .new, importID: row[11], importDate: SQLiteColumns.optionalDate(row[12]),
            importedAs: row[13], importedHash: row[24], excludedReason: row[14], excludedAt: SQLiteColumns.optionalDate(row[15]),
            description: row[16], tags: SQLiteColumns.decode([String].self, row[17]) ?? [],
            metadata: SQLiteColumns.decode(ArtifactMetadata.self, row[18]) ?? ArtifactMetadata(),
            files: SQLiteColumns.decode([String].self, row[19]) ?? [],
            declaration: declarationText.flatMap { try? JSONValue.parse(Data($0.utf8)) },
            duplicates: SQLiteColumns.decode([String].self, row[21]) ?? [],
            firstSeen: SQLiteColumns.date(row[22]), lastSeen: SQLiteColumns.date(row[23]), userName: row[25]
        )
    }
}
