import Foundation
import Hummingbird
import HummingbirdTesting
import SkillMeatCore
import SkillMeatTestSupport
import Testing

@Suite struct SyncRoutesTests {
    @Test("POST /api/v1/projects/{id}/sync plans first (dry_run), then makes the project match; frozen reports differences; GET /api/v1/outdated answers without network")
    func syncAndOutdated() async throws {
        try await APITestWorld.withClient(folder: "skillmeat-http-sync") { world, client, project in
            _ = try await client.addSourceAndImport(world)
            _ = try project.write("skillmeat.toml", "[project]\nprofiles = [\"claude_code\"]\n\n[skills.pdf]\n\n[commands.deploy]\n")
            let added = try await client.send(.post, "/api/v1/projects", json: ["path": project.url.path])
            let id = try #require(added.object["id"] as? String)
            #expect(try await client.send(.post, "/api/v1/projects/0000000000000000/sync", json: ["dry_run": true]).status == .notFound)

            let plan = try await client.send(.post, "/api/v1/projects/\(id)/sync", json: ["dry_run": true])
            #expect(plan.status == .ok, "\(plan.text)")
            #expect(plan.object["in_sync"] as? Bool == false && plan.object["applied"] as? Bool == false)
            let kinds = ((plan.object["changes"] as? [[String: Any]]) ?? []).compactMap { $0["kind"] as? String }
            #expect(kinds.contains("deploy") && kinds.contains("lock"))
            #expect(!FileManager.default.fileExists(atPath: project.path(".claude/skills/pdf/SKILL.md").path))
            #expect(!FileManager.default.fileExists(atPath: project.path("skillmeat.lock").path))

            let synced = try await client.send(.post, "/api/v1/projects/\(id)/sync", json: [:] as [String: Any])
            #expect(synced.status == .ok, "\(synced.text)")
            #expect(synced.object["applied"] as? Bool == true)
            #expect(FileManager.default.fileExists(atPath: project.path(".claude/skills/pdf/SKILL.md").path))
            #expect(FileManager.default.fileExists(atPath: project.path("skillmeat.lock").path))
            let frozen = try await client.send(.post, "/api/v1/projects/\(id)/sync", json: ["frozen": true])
            #expect(frozen.object["in_sync"] as? Bool == true, "\(frozen.text)")

            let outdated = try await client.send(.get, "/api/v1/outdated")
            #expect(outdated.status == .ok, "\(outdated.text)")
            #expect(outdated.object["items"] is [Any] && outdated.object["catalogs"] is [Any])
            let openAPI = try await client.send(.get, "/api/v1/openapi.json")
            let paths = try #require(openAPI.object["paths"] as? [String: Any])
            #expect(paths["/api/v1/outdated"] != nil && paths["/api/v1/projects/{id}/sync"] != nil)
        }
    }
}
