import Foundation
import Hummingbird
import HummingbirdTesting
import SkillMeatCache
import SkillMeatCore
import SkillMeatHTTP
import SkillMeatPluginAPI
import SkillMeatStore
import SkillMeatTestSupport
import Testing

@Suite struct ArtifactRoutesTests {
    @Test("GET /api/v1/artifacts pages with a cursor, filters, and carries deployments from the cache")
    func listPages() async throws {
        try await APITestWorld.withClient { world, client in
            _ = try await client.addSourceAndImport(world)
            // A deployment recorded in the cache shows up on the item (deploy itself lives elsewhere).
            let database = try SQLiteStoreBackend.open(at: world.home.path("cache/cache.db"))
            try await database.collectionCache.setDeployments(
                collection: "default", id: ArtifactID(type: .skill, name: "pdf"), json: #"[{"project_path":"/p","profile":"claude_code","platform":"claude_code","scope":"project","deployed_at":"2026-01-01T00:00:00Z","content_hash":"abc"}]"#
            )

            let first = try await client.send(.get, "/api/v1/artifacts?limit=2")
            #expect(first.status == .ok)
            let items = try #require(first.object["items"] as? [[String: Any]])
            #expect(items.map { $0["id"] as? String } == ["command:deploy", "skill:pdf"])
            #expect(first.object["next_cursor"] as? String == "skill:pdf")
            let pdf = items[1]
            #expect((pdf["deployments"] as? [[String: Any]])?.first?["profile"] as? String == "claude_code")
            #expect(pdf["origin"] as? String == "marketplace")
            #expect(pdf.keys.contains("content_hash") && pdf.keys.contains("last_updated"))

            let second = try await client.send(.get, "/api/v1/artifacts?limit=2&cursor=skill:pdf")
            #expect((second.object["items"] as? [[String: Any]])?.map { $0["id"] as? String } == ["skill:xlsx"])
            #expect(second.object["next_cursor"] is NSNull)

            let skills = try await client.send(.get, "/api/v1/artifacts?type=skill&search=spread")
            #expect((skills.object["items"] as? [[String: Any]])?.map { $0["name"] as? String } == ["xlsx"])
            let byCollection = try await client.send(.get, "/api/v1/user-collections/default/artifacts?limit=500")
            #expect((byCollection.object["items"] as? [[String: Any]])?.count == 3)
        }
    }

    @Test("list parameters out of range or of the wrong kind are 400; unknown collections are 404")
    func listErrors() async throws {
        try await APITestWorld.withClient { world, client in
            for uri in ["/api/v1/artifacts?limit=0", "/api/v1/artifacts?limit=501", "/api/v1/artifacts?limit=x", "/api/v1/artifacts?type=widget", "/api/v1/artifacts?cursor=nocolon"] {
                let response = try await client.send(.get, uri)
                #expect(response.status == .badRequest, "\(uri)")
                #expect(response.detail?.isEmpty == false)
            }
            #expect(try await client.send(.get, "/api/v1/artifacts?collection=nope").status == .notFound)
            #expect(try await client.send(.get, "/api/v1/user-collections/nope/artifacts").status == .notFound)
        }
    }

    @Test("GET and DELETE one artifact: detail as show --json; removal snapshots and resets the catalog entry")
    func getAndDelete() async throws {
        try await APITestWorld.withClient { world, client in
            let sourceID = try await client.addSourceAndImport(world)
            let shown = try await client.send(.get, "/api/v1/artifacts/skill:pdf")
            #expect(shown.status == .ok)
            #expect((shown.object["artifact"] as? [String: Any])?["description"] as? String == "Work with PDFs")
            #expect((shown.object["files"] as? [String])?.contains("SKILL.md") == true)
            #expect(shown.object["missing"] as? Bool == false)

            #expect(try await client.send(.get, "/api/v1/artifacts/skill:nope").status == .notFound)
            #expect(try await client.send(.get, "/api/v1/artifacts/pdf").status == .badRequest)

            let removed = try await client.send(.delete, "/api/v1/artifacts/skill:pdf")
            #expect(removed.status == .noContent, "\(removed.text)")
            #expect(try await client.send(.get, "/api/v1/artifacts/skill:pdf").status == .notFound)
            let catalog = try await client.send(.get, "/api/v1/marketplace/sources/\(sourceID)/artifacts?status=new")
            #expect((catalog.object["entries"] as? [[String: Any]])?.map { $0["name"] as? String } == ["pdf"])
            #expect(try await client.send(.delete, "/api/v1/artifacts/skill:pdf").status == .notFound)
        }
    }

    @Test("cache endpoints: refresh one or all collections, rebuild, stats")
    func cache() async throws {
        try await APITestWorld.withClient { world, client in
            _ = try await client.addSourceAndImport(world)
            let one = try await client.send(.post, "/api/v1/user-collections/default/refresh-cache")
            #expect(one.status == .ok)
            #expect((one.object["refreshed"] as? [String])?.count == 3)
            #expect(try await client.send(.post, "/api/v1/user-collections/nope/refresh-cache").status == .notFound)
            let all = try await client.send(.post, "/api/v1/user-collections/refresh-cache")
            #expect((all.object["results"] as? [[String: Any]])?.first?["collection"] as? String == "default")
            let rebuilt = try await client.send(.post, "/api/v1/cache/refresh")
            #expect((rebuilt.object["collections"] as? [String: Int])?["default"] == 3)
            let stats = try await client.send(.get, "/api/v1/cache/stats")
            #expect((stats.object["artifacts_by_collection"] as? [String: Int])?["default"] == 3)
            #expect((stats.object["database_bytes"] as? Int ?? 0) > 0)
        }
    }

    @Test("a cache database that cannot be opened is 503, with a detail and no stack trace")
    func databaseDown() async throws {
        let world = try await APITestWorld()
        defer { world.remove() }
        // A folder where the database file should be: SQLite cannot open it.
        try FileManager.default.removeItem(at: world.home.path("cache"))
        try FileManager.default.createDirectory(at: world.home.path("cache/cache.db/blocked"), withIntermediateDirectories: true)
        try await world.test { client in
            let response = try await client.send(.get, "/api/v1/cache/stats")
            #expect(response.status == .serviceUnavailable)
            #expect(response.detail?.contains("cache database") == true)
        }
    }
}
