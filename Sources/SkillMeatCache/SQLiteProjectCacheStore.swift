import Foundation
import GRDB
import SkillMeatStore

/// The SQLite implementation of `ProjectCacheStore`: the `project_cache` table.
struct SQLiteProjectCacheStore: ProjectCacheStore {
    let writer: any DatabaseWriter

    static let select = "SELECT path, refreshed_at, deployments_json, discovery_json FROM project_cache"

    func saveProject(_ project: CachedProject) async throws(StoreError) {
        try writer.storeWrite { db in
            try db.execute(
                sql: """
                    INSERT INTO project_cache (path, refreshed_at, deployments_json, discovery_json) VALUES (?, ?, ?, ?)
                    ON CONFLICT(path) DO UPDATE SET refreshed_at = excluded.refreshed_at,
                        deployments_json = excluded.deployments_json, discovery_json = excluded.discovery_json
                    """,
                arguments: [project.path, SQLiteColumns.text(project.refreshedAt), project.deploymentsJSON, project.discoveryJSON]
            )
        }
    }

    func project(path: String) async throws(StoreError) -> CachedProject? {
        try writer.storeRead { db in try Row.fetchOne(db, sql: "\(Self.select) WHERE path = ?", arguments: [path]).map(Self.project) }
    }

    func projects() async throws(StoreError) -> [CachedProject] {
        try writer.storeRead { db in try Row.fetchAll(db, sql: "\(Self.select) ORDER BY path").map(Self.project) }
    }

    func deleteProject(path: String) async throws(StoreError) {
        try writer.storeWrite { db in try db.execute(sql: "DELETE FROM project_cache WHERE path = ?", arguments: [path]) }
    }

    static func project(_ row: Row) -> CachedProject {
        CachedProject(
            path: row["path"], refreshedAt: SQLiteColumns.date(row["refreshed_at"]),
            deploymentsJSON: row["deployments_json"], discoveryJSON: row["discovery_json"]
        )
    }
}
