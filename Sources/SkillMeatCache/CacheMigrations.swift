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
        migrator.registerMigration("v2-marketplace") { db in
            // Marketplace sources and their catalogs live only here (DESIGN §3): they are the state of
            // scans, not a cache of files.
            try db.create(table: "marketplace_source") { table in
                table.primaryKey("id", .text)
                table.column("name", .text).notNull()
                table.column("location", .text).notNull()
                table.column("ref", .text)
                table.column("root", .text)
                table.column("manual_map_json", .text).notNull().defaults(to: "{}")
                table.column("trust", .text).notNull().defaults(to: "basic")
                table.column("description", .text)
                table.column("tags_json", .text).notNull().defaults(to: "[]")
                table.column("pending_tags_json", .text).notNull().defaults(to: "[]")
                table.column("provider", .text)
                table.column("created_at", .text).notNull()
                table.column("updated_at", .text).notNull()
                table.column("last_scan_at", .text)
                table.column("last_commit", .text)
                table.column("last_error", .text)
                table.column("artifact_count", .integer).notNull().defaults(to: 0)
            }
            try db.create(index: "marketplace_source_by_location", on: "marketplace_source", columns: ["location", "ref", "root"])
            try db.create(table: "catalog_entry") { table in
                table.primaryKey("id", .text)
                table.column("source_id", .text).notNull().references("marketplace_source", onDelete: .cascade)
                table.column("type", .text).notNull()
                table.column("name", .text).notNull()
                table.column("path", .text).notNull()
                table.column("upstream_url", .text)
                table.column("detected_sha", .text)
                table.column("content_hash", .text).notNull()
                table.column("confidence", .integer).notNull()
                table.column("reasons_json", .text).notNull().defaults(to: "[]")
                table.column("status", .text).notNull()
                    .check(sql: "status IN ('new', 'updated', 'removed', 'imported', 'excluded')")
                table.column("import_id", .text)
                table.column("import_date", .text)
                // `<collection>/<type>:<name>`: the collection artifact this entry became, so removing
                // that artifact can reset the entry.
                table.column("imported_as", .text)
                table.column("excluded_reason", .text)
                table.column("excluded_at", .text)
                table.column("description", .text)
                table.column("tags_json", .text).notNull().defaults(to: "[]")
                table.column("metadata_json", .text).notNull().defaults(to: "{}")
                table.column("files_json", .text).notNull().defaults(to: "[]")
                table.column("declaration_json", .text)
                table.column("duplicates_json", .text).notNull().defaults(to: "[]")
                table.column("first_seen", .text).notNull()
                table.column("last_seen", .text).notNull()
                // An imported entry always has both its import id and date; others have neither.
                table.check(sql: "(status = 'imported') = (import_id IS NOT NULL AND import_date IS NOT NULL) OR status IN ('removed', 'excluded')")
            }
            try db.create(index: "catalog_entry_by_source", on: "catalog_entry", columns: ["source_id", "status"])
            try db.create(index: "catalog_entry_by_hash", on: "catalog_entry", columns: ["type", "content_hash"])
            try db.create(index: "catalog_entry_by_import", on: "catalog_entry", columns: ["imported_as"])
        }
        migrator.registerMigration("v3-catalog-imported-hash") { db in
            // The catalog content hash an entry had when it was last imported: an entry that comes
            // back after being removed upstream is `imported` again only when its content equals it.
            try db.alter(table: "catalog_entry") { table in
                table.add(column: "imported_hash", .text)
            }
        }
        migrator.registerMigration("v4-catalog-user-name") { db in
            // The name the user gave an entry (rename); scans never touch it.
            try db.alter(table: "catalog_entry") { table in
                table.add(column: "user_name", .text)
            }
        }
        migrator.registerMigration("v5-project-cache") { db in
            // Each known project's deployments with their drift, and what discovery found, as last read.
            try db.create(table: "project_cache") { table in
                table.primaryKey("path", .text)
                table.column("refreshed_at", .text).notNull()
                table.column("deployments_json", .text).notNull().defaults(to: "[]")
                table.column("discovery_json", .text).notNull().defaults(to: "[]")
            }
        }
        migrator.registerMigration("v6-catalog-import-name") { db in
            // The name each entry is imported under, as Core's naming last gave it for the whole
            // source (`updateImportNames`), so a page of the catalog reads its own rows' names.
            // Existing rows start without one; Core names a source whose entries lack names.
            try db.alter(table: "catalog_entry") { table in
                table.add(column: "import_name", .text)
            }
            // A page of a source's catalog in name order reads its rows from an index instead of
            // sorting the source (with a status, as the web UI's tabs ask, and without), and its
            // counts by type come from an index alone.
            try db.create(index: "catalog_entry_by_source_status_name", on: "catalog_entry", columns: ["source_id", "status", "name", "type", "id"])
            try db.create(index: "catalog_entry_by_source_name", on: "catalog_entry", columns: ["source_id", "name", "type", "id"])
            try db.create(index: "catalog_entry_by_source_type", on: "catalog_entry", columns: ["source_id", "type", "status"])
        }
        return migrator
    }
}
