import GRDB

/// The schema, as an ordered list of migrations. A migration that has shipped is never edited;
/// changes come as new migrations.
enum CacheMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-collection-artifacts") { db in
            // One row per artifact of every collection: the read cache of collection.toml/lock plus
            // where each artifact is deployed (DESIGN §3).
            try db.create(table: "collection_artifact") { table in
                table.column("collection", .text).notNull()
                table.column("type", .text).notNull()
                table.column("name", .text).notNull()
                table.column("path", .text).notNull()
                table.column("description", .text)
                table.column("title", .text)
                table.column("upstream", .text)
                table.column("origin", .text).notNull()
                table.column("origin_source", .text)
                table.column("version_spec", .text)
                table.column("tags_json", .text).notNull().defaults(to: "[]")
                table.column("author", .text)
                table.column("license", .text)
                table.column("tools_json", .text).notNull().defaults(to: "[]")
                table.column("version", .text)
                table.column("resolved_sha", .text)
                table.column("resolved_version", .text)
                table.column("content_hash", .text)
                table.column("import_id", .text)
                table.column("added", .text)
                table.column("last_updated", .text)
                table.column("synced_at", .text).notNull()
                table.column("deployments_json", .text).notNull().defaults(to: "[]")
                table.primaryKey(["collection", "type", "name"])
            }
            try db.create(index: "collection_artifact_by_name", on: "collection_artifact", columns: ["collection", "name"])
            // What the cache was built from, per collection, to tell when the manifest changed under it.
            try db.create(table: "collection_state") { table in
                table.primaryKey("collection", .text)
                table.column("manifest_mtime", .double).notNull()
                table.column("manifest_size", .integer).notNull()
                table.column("synced_at", .text).notNull()
            }
        }
        return migrator
    }
}
