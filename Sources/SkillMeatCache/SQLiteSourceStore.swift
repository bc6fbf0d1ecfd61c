import Foundation
import GRDB
import SkillMeatPluginAPI
import SkillMeatStore

/// The SQLite implementation of `SourceStore`.
struct SQLiteSourceStore: SourceStore {
    let writer: any DatabaseWriter

    static let columns = [
        "id", "name", "location", "ref", "root", "manual_map_json", "trust", "description", "tags_json", "pending_tags_json",
        "provider", "created_at", "updated_at", "last_scan_at", "last_commit", "last_error", "artifact_count",
    ]
    static let upsert = SQLiteCatalogStore.upsertSQL(table: "marketplace_source", columns: columns)
    static let select = "SELECT \(columns.joined(separator: ", ")) FROM marketplace_source"

    func insertSource(_ source: MarketplaceSourceRecord) async throws(StoreError) {
        try writer.storeWrite { db in
            try db.execute(
                sql: "INSERT INTO marketplace_source (\(Self.columns.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: Self.columns.count).joined(separator: ", ")))",
                arguments: Self.arguments(source)
            )
        }
    }

    func updateSource(_ source: MarketplaceSourceRecord) async throws(StoreError) {
        try writer.storeWrite { db in try db.execute(sql: Self.upsert, arguments: Self.arguments(source)) }
    }

    func deleteSource(id: String) async throws(StoreError) {
        try writer.storeWrite { db in
            try db.execute(sql: "DELETE FROM catalog_entry WHERE source_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM marketplace_source WHERE id = ?", arguments: [id])
        }
    }

    func source(id: String) async throws(StoreError) -> MarketplaceSourceRecord? {
        try writer.storeRead { db in try Row.fetchOne(db, sql: "\(Self.select) WHERE id = ?", arguments: [id]).map(Self.source) }
    }

    func sources() async throws(StoreError) -> [MarketplaceSourceRecord] {
        try writer.storeRead { db in try Row.fetchAll(db, sql: "\(Self.select) ORDER BY name, id").map(Self.source) }
    }

    // MARK: Mapping

    static func arguments(_ source: MarketplaceSourceRecord) -> StatementArguments {
        [
            source.id, source.name, source.location, source.ref, source.root, SQLiteColumns.json(source.manualMap), source.trust.rawValue,
            source.description, SQLiteColumns.json(source.tags), SQLiteColumns.json(source.pendingTags), source.provider,
            SQLiteColumns.text(source.createdAt), SQLiteColumns.text(source.updatedAt), SQLiteColumns.text(source.lastScanAt),
            source.lastCommit, source.lastError, source.artifactCount,
        ]
    }

    static func source(_ row: Row) -> MarketplaceSourceRecord {
        MarketplaceSourceRecord(
            id: row[0], name: row[1], location: row[2], ref: row[3], root: row[4],
            manualMap: SQLiteColumns.decode([String: ArtifactType].self, row[5]) ?? [:],
            trust: TrustLevel(rawValue: row[6]) ?? .basic, description: row[7],
            tags: SQLiteColumns.decode([String].self, row[8]) ?? [], pendingTags: SQLiteColumns.decode([String].self, row[9]) ?? [],
            provider: row[10], createdAt: SQLiteColumns.date(row[11]), updatedAt: SQLiteColumns.date(row[12]),
            lastScanAt: SQLiteColumns.optionalDate(row[13]), lastCommit: row[14], lastError: row[15], artifactCount: row[16]
        )
    }
}
