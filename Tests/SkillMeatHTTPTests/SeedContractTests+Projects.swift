import Foundation
import Hummingbird
import HummingbirdTesting
import SkillMeatCore
import SkillMeatPluginAPI
import SkillMeatRegistry
import SkillMeatStore
import SkillMeatTestSupport
import Testing

/// The project cache (seed 002, issue 15 item 4): projects with their deployments and drift, read from
/// the cache when fresh, and the refresh endpoints.
extension SeedContractTests {
    /// A world with its source imported, `project` registered and pdf deployed into it; the project's id.
    static func deployedProject(_ client: some TestClientProtocol, _ world: APITestWorld, _ project: TemporaryDirectory) async throws -> String {
        _ = try await client.addSourceAndImport(world)
        #expect(try await client.send(.post, "/api/v1/projects", json: ["path": project.url.path]).status == .created)
        let deployed = try await client.send(.post, "/api/v1/deploy", json: ["names": ["pdf"], "project_path": project.url.path, "profiles": ["claude_code"]])
        #expect(deployed.status == .ok, "\(deployed.text)")
        let list = try await client.send(.get, "/api/v1/projects")
        return try #require(list.array.first?["id"] as? String)
    }

    @Test("GET /projects and /projects/{id}: each project with its deployments, drift and discovery, from the cache while fresh; refresh reads it again")
    func projectsWithDrift() async throws {
        try await APITestWorld.withClient(folder: "skillmeat-http-project") { world, client, project in
            let id = try await Self.deployedProject(client, world, project)
            let list = try await client.send(.get, "/api/v1/projects")
            #expect(list.status == .ok, "\(list.text)")
            let first = try #require(list.array.first)
            try await Self.expectConforms(first, to: "ProjectOverview", client)
            #expect(first["path"] as? String == PathSafety.canonical(project.url).path)
            #expect(first["name"] as? String == project.url.lastPathComponent && first["exists"] as? Bool == true)
            let deployment = try #require((first["deployments"] as? [[String: Any]])?.first)
            try await Self.expectConforms(deployment, to: "DeploymentStatus", client)
            #expect(deployment["artifact"] as? String == "skill:pdf" && deployment["state"] as? String == "synced")
            #expect((first["drift"] as? [String: Int]) == ["synced": 1, "modified": 0, "outdated": 0, "conflict": 0, "missing": 0])
            let discovered = try #require((first["discovered"] as? [[String: Any]])?.first)
            try await Self.expectConforms(discovered, to: "DiscoveredArtifact", client)
            #expect(discovered["status"] as? String == "managed")

            // Fresh: a change SkillMeat did not write shows only once the project is read again.
            try await Task.sleep(for: .milliseconds(1100))
            // Read once more after the second of the deploy has passed, so the cached row is newer than its records.
            #expect(try await client.send(.get, "/api/v1/projects/\(id)").status == .ok)
            _ = try project.write(".claude/skills/pdf/SKILL.md", "---\nname: pdf\ndescription: edited here\n---\n")
            let cached = try await client.send(.get, "/api/v1/projects/\(id)")
            #expect(cached.status == .ok, "\(cached.text)")
            try await Self.expectConforms(cached.object, to: "ProjectOverview", client)
            #expect(cached.object["cached"] as? Bool == true)
            #expect((cached.object["drift"] as? [String: Int])?["synced"] == 1)

            let stale = try await client.send(.post, "/api/v1/projects/cache/refresh", json: [String: Any]())
            #expect(stale.status == .ok, "\(stale.text)")
            try await Self.expectConforms(stale.object, to: "ProjectCacheRefresh", client)
            #expect(stale.object["fresh_count"] as? Int == 1 && stale.object["refreshed_count"] as? Int == 0, "fresh projects are left alone")
            let forced = try await client.send(.post, "/api/v1/cache/refresh", json: ["project_id": id, "force": true])
            #expect(forced.status == .ok, "\(forced.text)")
            try await Self.expectConforms(forced.object, to: "CacheRefresh", client)
            #expect(forced.object["refreshed_count"] as? Int == 1 && (forced.object["collections"] as? [String: Int])?.isEmpty == true)
            let item = (forced.object["projects"] as? [[String: Any]])?.first
            #expect(item?["project_id"] as? String == id && item?["status"] as? String == "refreshed")
            let modified = try await client.send(.get, "/api/v1/projects/\(id)")
            #expect((modified.object["drift"] as? [String: Int])?["modified"] == 1, "\(modified.text)")
            #expect(modified.object["cached"] as? Bool == true)

            // A write SkillMeat makes (an undeploy) makes the cache stale at once.
            let undeployed = try await client.send(.post, "/api/v1/deploy/undeploy", json: ["name": "pdf", "project_path": project.url.path, "force": true])
            #expect(undeployed.status == .ok, "\(undeployed.text)")
            let after = try await client.send(.get, "/api/v1/projects/\(id)")
            #expect((after.object["deployments"] as? [Any])?.isEmpty == true && after.object["cached"] as? Bool == false, "\(after.text)")

            let all = try await client.send(.post, "/api/v1/cache/refresh", json: ["force": true])
            #expect((all.object["collections"] as? [String: Int])?["default"] == 3 && all.object["refreshed_count"] as? Int == 1)
            #expect(try await client.send(.get, "/api/v1/projects/bm9wZQ").status == .notFound)
            #expect(try await client.send(.post, "/api/v1/cache/refresh", json: ["project_id": "bm9wZQ"]).status == .notFound)
            #expect(try await client.send(.post, "/api/v1/cache/refresh", json: ["projects": true]).status == .badRequest)
            #expect(try await client.send(.post, "/api/v1/projects/cache/refresh", json: ["project_id": id]).status == .badRequest)
        }
    }

    @Test("the background refresh keeps stale projects cached and stops when its task is cancelled")
    func backgroundRefresh() async throws {
        try await APITestWorld.withClient(folder: "skillmeat-http-project") { world, client, project in
            _ = try await Self.deployedProject(client, world, project)
            let runtime = try world.runtime()
            let stores = try runtime.openStores()
            let path = PathSafety.canonical(project.url).path
            try await stores.projectCache.deleteProject(path: path)
            let cache = ProjectCache(
                home: runtime.home, stores: stores, plugins: runtime.plugins,
                settings: ProjectCacheSettings(ttlSeconds: 60, refreshIntervalSeconds: 1, refreshConcurrency: 2), collection: "default"
            )
            let refresher = Task { await cache.keepFresh() }
            var row: CachedProject?
            for _ in 0..<50 where row == nil {
                try await Task.sleep(for: .milliseconds(100))
                row = try await stores.projectCache.project(path: path)
            }
            #expect(row?.deploymentsJSON.contains("skill:pdf") == true)
            refresher.cancel()
            await refresher.value
        }
    }
}
