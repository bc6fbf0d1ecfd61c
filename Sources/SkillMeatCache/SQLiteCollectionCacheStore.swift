import Foundation
import GRDB
import SkillMeatPluginAPI
import SkillMeatStore

/// The SQLite implementation of `CollectionCacheStore`.
struct SQLiteCollectionCacheStore: CollectionCacheStore {
    let writer: any DatabaseWriter
    let path: String

    /// Every column but `deployments_json`, which only deploy, undeploy and rebuild write.
    static let metadataColumns = [
        "path", "title", "description", "upstream", "origin", "origin_source", "version_spec", "tags_json",
        "author", "license", "tools_json", "version", "resolved_sha", "resolved_version", "content_hash",
        "import_id", "added", "last_updated", "synced_at",
    ]
    static let allColumns = ["collection", "type", "name"] + metadataColumns + ["deployments_json"]

    static let upsertSQL: String = {
        let placeholders = Array(repeating: "?", count: allColumns.count).joined(separator: ", ")
        let updates = metadataColumns.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        return "INSERT INTO collection_artifact (\(allColumns.joined(separator: ", "))) VALUES (\(placeholders)) "
            + "ON CONFLICT(collection, type, name) DO UPDATE SET \(updates)"
    }()

    static let insertSQL: String = {
        let placeholders = Array(repeating: "?", count: allColumns.count).joined(separator: ", ")
        return "INSERT INTO collection_artifact (\(allColumns.joined(separator: ", "))) VALUES (\(placeholders))"
    }()

    func upsert(_ artifacts: [CachedArtifact], state: CollectionCacheState?, after previous: ManifestStamp?) async throws(StoreError) {
        try writer.storeWrite { db in
            let statement = try db.cachedStatement(sql: Self.upsertSQL)
            for artifact in artifacts {
                try statement.execute(arguments: Self.arguments(artifact))
            }
            if let state { try Self.saveState(state, after: previous, db) }
        }
    }

    func replaceCollection(_ collection: String, with artifacts: [CachedArtifact], state: CollectionCacheState) async throws(StoreError) {
        try writer.storeWrite { db in
            try db.execute(sql: "DELETE FROM collection_artifact WHERE collection = ?", arguments: [collection])
            let statement = try db.cachedStatement(sql: Self.insertSQL)
            for artifact in artifacts {
                try statement.execute(arguments: Self.arguments(artifact))
            }
            try Self.saveState(state, db)
        }
    }

    func delete(collection: String, id: ArtifactID, state: CollectionCacheState?, after previous: ManifestStamp?) async throws(StoreError) {
        try writer.storeWrite { db in
            try db.execute(
                sql: "DELETE FROM collection_artifact WHERE collection = ? AND type = ? AND name = ?",
                arguments: [collection, id.type.rawValue, id.name]
            )
            if let state { try Self.saveState(state, after: previous, db) }
        }
    }

    func deleteCollection(_ collection: String) async throws(StoreError) {
        try writer.storeWrite { db in
            try db.execute(sql: "DELETE FROM collection_artifact WHERE collection = ?", arguments: [collection])
            try db.execute(sql: "DELETE FROM collection_state WHERE collection = ?", arguments: [collection])
        }
    }

    func artifacts(_ query: CachedArtifactQuery) async throws(StoreError) -> StorePage<CachedArtifact> {
        var lookahead = query
        lookahead.limit = query.limit.map { $0 + 1 }
        var rows: [CachedArtifact] = []
        do {
            try visit(lookahead) { rows.append($0) }
        } catch {
            throw StoreError(error, path: nil)
        }
        return StorePage(lookahead: rows, limit: query.limit) { $0.id.description }
    }

    func visitArtifacts(_ query: CachedArtifactQuery, _ body: (CachedArtifact) throws -> Void) async throws {
        try visit(query, body)
    }

    /// The one query behind listing and paging: keyset on (type, name), the primary key's order.
    func visit(_ query: CachedArtifactQuery, _ body: (CachedArtifact) throws -> Void) throws {
        var filter = SQLFilter(["collection = ?"], arguments: [query.collection])
        filter.add("type", equals: query.type?.rawValue)
        if let tag = query.tag {
            filter.add("EXISTS (SELECT 1 FROM json_each(tags_json) WHERE lower(json_each.value) = lower(?))", [tag])
        }
        filter.add(searching: query.search, in: ["name", "coalesce(description, '')", "tags_json"])
        if let after = query.after {
            guard let colon = after.firstIndex(of: ":"), ArtifactType(rawValue: String(after[..<colon])) != nil else {
                throw StoreError.invalidCursor(after)
            }
            filter.add("(type, name) > (?, ?)", [String(after[..<colon]), String(after[after.index(after: colon)...])])
        }
        var sql = "SELECT \(Self.selectColumns) FROM collection_artifact\(filter.whereClause) ORDER BY type, name"
        var arguments = filter.arguments
        if let limit = query.limit {
            sql += " LIMIT ?"
            arguments += [limit]
        }
        let finalArguments = arguments
        do {
            try writer.read { db in
                // A cursor hands out each row without copying it first; the statement is compiled
                // once per filter combination, since compiling costs more than reading a page.
                let rows = try Row.fetchCursor(try db.cachedStatement(sql: sql), arguments: finalArguments)
                while let row = try rows.next() { try body(Self.artifact(row)) }
            }
        } catch let error as DatabaseError {
            throw StoreError(error, path: nil)
        }
    }

    func artifact(collection: String, id: ArtifactID) async throws(StoreError) -> CachedArtifact? {
        try writer.storeRead { db in
            try Row.fetchOne(
                db.cachedStatement(sql: "SELECT \(Self.selectColumns) FROM collection_artifact WHERE collection = ? AND type = ? AND name = ?"),
                arguments: [collection, id.type.rawValue, id.name]
            ).map(Self.artifact)
        }
    }

    func artifacts(collection: String, named name: String) async throws(StoreError) -> [CachedArtifact] {
        try writer.storeRead { db in
            try Row.fetchAll(
                db,
                sql: "SELECT \(Self.selectColumns) FROM collection_artifact WHERE collection = ? AND name = ? ORDER BY type",
                arguments: [collection, name]
            ).map(Self.artifact)
        }
    }

    func setDeployments(collection: String, id: ArtifactID, json: String) async throws(StoreError) {
        try writer.storeWrite { db in
            try db.execute(
                sql: "UPDATE collection_artifact SET deployments_json = ? WHERE collection = ? AND type = ? AND name = ?",
                arguments: [json, collection, id.type.rawValue, id.name]
            )
        }
    }

    func updateDeployments(collection: String, ids: [ArtifactID], _ transform: (ArtifactID, String) -> String) async throws(StoreError) {
        try writer.storeWrite { db in
            for id in ids {
                guard let current = try String.fetchOne(
                    db,
                    sql: "SELECT deployments_json FROM collection_artifact WHERE collection = ? AND type = ? AND name = ?",
                    arguments: [collection, id.type.rawValue, id.name]
                ) else { continue }
                let updated = transform(id, current)
                guard updated != current else { continue }
                try db.execute(
                    sql: "UPDATE collection_artifact SET deployments_json = ? WHERE collection = ? AND type = ? AND name = ?",
                    arguments: [updated, collection, id.type.rawValue, id.name]
                )
            }
        }
    }

    func state(collection: String) async throws(StoreError) -> CollectionCacheState? {
        try writer.storeRead { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM collection_state WHERE collection = ?"), arguments: [collection]).map { row in
                CollectionCacheState(
                    collection: row["collection"],
                    manifestModified: row["manifest_mtime"],
                    manifestSize: row["manifest_size"],
                    syncedAt: SQLiteColumns.date(row["synced_at"])
                )
            }
        }
    }

    func typeCounts(collection: String) async throws(StoreError) -> [ArtifactType: Int] {
        try writer.storeRead { db in
            var counts: [ArtifactType: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT type, count(*) FROM collection_artifact WHERE collection = ? GROUP BY type", arguments: [collection]) {
                if let type = ArtifactType(rawValue: row[0]) { counts[type] = row[1] }
            }
            return counts
        }
    }

    func statistics() async throws(StoreError) -> CacheStatistics {
        try writer.storeRead { db in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT collection, count(*) AS n FROM collection_artifact GROUP BY collection") {
                counts[row["collection"]] = row["n"]
            }
            var synced: [String: Date] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT collection, synced_at FROM collection_state") {
                synced[row["collection"]] = SQLiteColumns.date(row["synced_at"])
            }
            let pageCount = try Int64.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            let pageSize = try Int64.fetchOne(db, sql: "PRAGMA page_size") ?? 0
            return CacheStatistics(
                databasePath: path,
                databaseBytes: pageCount * pageSize,
                artifactsByCollection: counts,
                lastSyncByCollection: synced
            )
        }
    }

    // MARK: Mapping

    static func arguments(_ artifact: CachedArtifact) -> StatementArguments {
        [
            artifact.collection, artifact.type.rawValue, artifact.name, artifact.path, artifact.title, artifact.description,
            artifact.upstream, artifact.origin, artifact.originSource, artifact.versionSpec, encodeList(artifact.tags),
            artifact.author, artifact.license, encodeList(artifact.tools), artifact.version, artifact.resolvedSHA,
            artifact.resolvedVersion, artifact.contentHash, artifact.importID, artifact.added, artifact.lastUpdated,
            Timestamp.string(artifact.syncedAt), artifact.deploymentsJSON,
        ]
    }

    /// Columns in `allColumns` order, so rows are read by position: looking columns up by name costs
    /// a case-insensitive search per field, which dominated listing large collections.
    static let selectColumns = allColumns.joined(separator: ", ")

    static func artifact(_ row: Row) -> CachedArtifact {
        CachedArtifact(
            collection: row[0], type: SQLiteColumns.type(row[1]), name: row[2], path: row[3],
            title: row[4], description: row[5], upstream: row[6],
            origin: row[7], originSource: row[8], versionSpec: row[9],
            tags: decodeList(row[10]), author: row[11], license: row[12],
            tools: decodeList(row[13]), version: row[14], resolvedSHA: row[15],
            resolvedVersion: row[16], contentHash: row[17], importID: row[18],
            added: row[19], lastUpdated: row[20], syncedAt: SQLiteColumns.date(row[21]),
            deploymentsJSON: row[22]
        )
    }

    static func encodeList(_ values: [String]) -> String {
        guard !values.isEmpty, let data = try? JSONEncoder().encode(values) else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Reads a JSON array of strings. The lists `encodeList` writes rarely need escapes, so that case
    /// is split by hand on the bytes (listing thousands of rows spends most of its time here
    /// otherwise); anything else goes through the JSON decoder.
    static func decodeList(_ stored: String?) -> [String] {
        guard var text = stored, text != "[]" else { return [] }
        let fast: [String]? = text.withUTF8 { bytes -> [String]? in
            guard bytes.count >= 2, bytes[0] == UInt8(ascii: "["), bytes[bytes.count - 1] == UInt8(ascii: "]") else { return nil }
            var values: [String] = []
            var index = 1
            let end = bytes.count - 1
            while index < end {
                guard bytes[index] == UInt8(ascii: "\"") else { return nil }
                var close = index + 1
                while close < end, bytes[close] != UInt8(ascii: "\""), bytes[close] != UInt8(ascii: "\\") { close += 1 }
                guard close < end, bytes[close] == UInt8(ascii: "\"") else { return nil }
                values.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[(index + 1)..<close]), as: UTF8.self))
                index = close + 1
                if index < end {
                    guard bytes[index] == UInt8(ascii: ",") else { return nil }
                    index += 1
                }
            }
            return values
        }
        if let fast { return fast }
        guard let data = text.data(using: .utf8) else { return [] }
        return (try? JSONDecoder().decode([String].self, from: data)) ?? []
    }

    /// `saveState` only if the stored state is at `previous` (always when `previous` is nil).
    static func saveState(_ state: CollectionCacheState, after previous: ManifestStamp?, _ db: Database) throws {
        if let previous {
            let stored = try Row.fetchOne(
                db, sql: "SELECT manifest_mtime, manifest_size FROM collection_state WHERE collection = ?", arguments: [state.collection]
            )
            guard let stored, stored[0] as Double == previous.modified, stored[1] as Int64 == previous.size else { return }
        }
        try saveState(state, db)
    }

    static func saveState(_ state: CollectionCacheState, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO collection_state (collection, manifest_mtime, manifest_size, synced_at) VALUES (?, ?, ?, ?)
                ON CONFLICT(collection) DO UPDATE SET manifest_mtime = excluded.manifest_mtime,
                manifest_size = excluded.manifest_size, synced_at = excluded.synced_at
                """,
            arguments: [state.collection, state.manifestModified, state.manifestSize, Timestamp.string(state.syncedAt)]
        )
    }

}
