import Foundation
import Hummingbird
import HummingbirdTesting
import SkillMeatCore
import SkillMeatHTTP
import SkillMeatTestSupport
import Testing

@Suite struct DeployRoutesTests {
    @Test("deploy (dry run, commands needing acceptance), status, undeploy, discover and adopt over HTTP")
    func deployFlow() async throws {
        var files = APITestWorld.sourceFiles
        files[".mcp.json"] = #"{"mcpServers": {"gh": {"command": "npx", "args": ["gh-mcp"]}}}"#
        let world = try await APITestWorld(files: files)
        defer { world.remove() }
        let project = try TemporaryDirectory(prefix: "skillmeat-http-project")
        defer { project.remove() }
        try await world.test { client in
            _ = try await client.addSourceAndImport(world)
            #expect(try await client.send(.post, "/api/v1/projects", json: ["path": project.url.path]).status == .created)
            let body: [String: Any] = ["names": ["pdf", "deploy"], "project_path": project.url.path, "profiles": ["claude_code"]]

            var dry = body
            dry["dry_run"] = true
            let planned = try await client.send(.post, "/api/v1/deploy", json: dry)
            #expect(planned.status == .ok)
            #expect(planned.object["dry_run"] as? Bool == true)
            #expect(!FileManager.default.fileExists(atPath: project.path(".claude").path))

            let deployed = try await client.send(.post, "/api/v1/deploy", json: body)
            #expect(deployed.status == .ok, "\(deployed.text)")
            #expect(FileManager.default.fileExists(atPath: project.path(".claude/skills/pdf/SKILL.md").path))

            let server: [String: Any] = ["names": ["gh"], "project_path": project.url.path, "profiles": ["claude_code"]]
            let refused = try await client.send(.post, "/api/v1/deploy", json: server)
            #expect(refused.status == .conflict)
            #expect(refused.detail?.contains("npx") == true)
            let hint = refused.object["hint"] as? [String: Any]
            #expect(hint?["action"] as? String == "accept_commands" && hint?["field"] as? String == "accept_commands")
            #expect((hint?["commands"] as? [String])?.contains { $0.contains("npx") } == true)
            var accepted = server
            accepted["accept_commands"] = true
            #expect(try await client.send(.post, "/api/v1/deploy", json: accepted).status == .ok)

            let status = try await client.send(.get, "/api/v1/deploy?project_path=\(project.url.path)")
            #expect(status.status == .ok)
            #expect(status.array.count == 3)
            #expect(status.array.allSatisfy { $0["state"] as? String == "synced" })

            let undeployed = try await client.send(.post, "/api/v1/deploy/undeploy", json: ["name": "deploy", "project_path": project.url.path])
            #expect(undeployed.status == .ok, "\(undeployed.text)")
            #expect(!FileManager.default.fileExists(atPath: project.path(".claude/commands/deploy.md").path))
            #expect(try await client.send(.post, "/api/v1/deploy", json: ["names": ["pdf"], "project_path": "relative/path"]).status == .badRequest)
            #expect(try await client.send(.post, "/api/v1/deploy", json: ["names": "pdf"]).status == .unprocessableContent)

            // A hand-written command in the project: discovered as unmanaged, then adopted.
            try project.write(".claude/commands/mine.md", "---\ndescription: Mine\n---\nDo my thing\n")
            let discovered = try await client.send(.post, "/api/v1/artifacts/discover", json: ["project_path": project.url.path])
            #expect(discovered.status == .ok, "\(discovered.text)")
            let artifacts = try #require(discovered.object["artifacts"] as? [[String: Any]])
            #expect(artifacts.first { $0["name"] as? String == "mine" }?["status"] as? String == "unmanaged")
            #expect(artifacts.first { $0["name"] as? String == "pdf" }?["status"] as? String == "managed")
            let adopted = try await client.send(.post, "/api/v1/artifacts/discover/import", json: ["project_path": project.url.path, "names": ["mine"]])
            #expect(adopted.status == .ok, "\(adopted.text)")
            let after = try await client.send(.get, "/api/v1/deploy?project_path=\(project.url.path)")
            #expect(after.array.contains { $0["artifact"] as? String == "command:mine" && $0["state"] as? String == "synced" })
        }
    }
}
