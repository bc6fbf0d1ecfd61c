import Foundation
import Hummingbird
import HummingbirdTesting
import SkillMeatCore
import SkillMeatTestSupport
import Testing

/// Over HTTP a deployment goes only into a project registered first (POST /api/v1/projects), never
/// into `/`, a system folder or the home by one request; the user scope only when configured.
@Suite struct DeployTargetTests {
    @Test("deploy, undeploy, discover and adopt refuse a folder that is not a registered project; nothing is written")
    func unknownProject() async throws {
        try await APITestWorld.withClient(folder: "skillmeat-http-target") { world, client, project in
            _ = try await client.addSourceAndImport(world)
            for path in [project.url.path, "/", "/dev", "/etc"] {
                let deploy = try await client.send(.post, "/api/v1/deploy", json: ["names": ["pdf"], "project_path": path])
                #expect(deploy.status == .forbidden, "\(path): \(deploy.text)")
                #expect(deploy.detail?.contains("POST /api/v1/projects") == true)
            }
            let undeploy = try await client.send(.post, "/api/v1/deploy/undeploy", json: ["name": "pdf", "project_path": project.url.path])
            #expect(undeploy.status == .forbidden)
            let discover = try await client.send(.post, "/api/v1/artifacts/discover", json: ["project_path": project.url.path])
            #expect(discover.status == .forbidden)
            let adopt = try await client.send(.post, "/api/v1/artifacts/discover/import", json: ["project_path": project.url.path, "all": true])
            #expect(adopt.status == .forbidden)
            #expect(try project.snapshot().isEmpty)
            #expect(!FileManager.default.fileExists(atPath: world.home.path(".claude").path))
        }
    }

    @Test("POST /api/v1/projects registers an existing folder (201, then 200) and refuses /, system folders, files, the home and missing folders")
    func register() async throws {
        try await APITestWorld.withClient(folder: "skillmeat-http-target") { world, client, project in
            let file = try project.write("notes.txt", "x")
            for path in ["/", "/dev", "/proc", "/sys", "/etc", "/etc/ssl", "/usr/bin", file.path, world.home.url.path] {
                let refused = try await client.send(.post, "/api/v1/projects", json: ["path": path])
                #expect(refused.status == .badRequest, "\(path): \(refused.text)")
            }
            #expect(try await client.send(.post, "/api/v1/projects", json: ["path": project.path("missing").path]).status == .notFound)
            #expect(try await client.send(.post, "/api/v1/projects", json: ["path": "relative"]).status == .badRequest)
            #expect(try await client.send(.get, "/api/v1/projects").array.isEmpty)

            let added = try await client.send(.post, "/api/v1/projects", json: ["path": project.url.path])
            #expect(added.status == .created, "\(added.text)")
            #expect(added.object["scope"] as? String == "project")
            #expect(try await client.send(.post, "/api/v1/projects", json: ["path": project.url.path]).status == .ok)
            let listed = try await client.send(.get, "/api/v1/projects")
            #expect(listed.array.map { $0["path"] as? String } == [added.object["path"] as? String])

            _ = try await client.addSourceAndImport(world)
            let deployed = try await client.send(.post, "/api/v1/deploy", json: ["names": ["pdf"], "project_path": project.url.path])
            #expect(deployed.status == .ok, "\(deployed.text)")
            #expect(FileManager.default.fileExists(atPath: project.path(".claude/skills/pdf/SKILL.md").path))
        }
    }

    @Test("a registered project reached through a symbolic link is the same project")
    func throughLink() async throws {
        let world = try await APITestWorld()
        defer { world.remove() }
        let project = try TemporaryDirectory(prefix: "skillmeat-http-target")
        let links = try TemporaryDirectory(prefix: "skillmeat-http-links")
        defer { project.remove(); links.remove() }
        let link = links.path("project")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: project.url)
        try await world.test { client in
            _ = try await client.addSourceAndImport(world)
            #expect(try await client.send(.post, "/api/v1/projects", json: ["path": project.url.path]).status == .created)
            let deployed = try await client.send(.post, "/api/v1/deploy", json: ["names": ["pdf"], "project_path": link.path])
            #expect(deployed.status == .ok, "\(deployed.text)")
        }
    }

    @Test("scope user over HTTP is 403 unless server.allow_user_scope is on")
    func userScope() async throws {
        let world = try await APITestWorld()
        defer { world.remove() }
        try await world.test { client in
            _ = try await client.addSourceAndImport(world)
            let refused = try await client.send(.post, "/api/v1/deploy", json: ["names": ["pdf"], "project_path": world.home.url.path, "scope": "user"])
            #expect(refused.status == .forbidden)
            #expect(refused.detail?.contains("server.allow_user_scope") == true)
            #expect(!FileManager.default.fileExists(atPath: world.home.path(".claude/skills/pdf").path))
        }
        let allowing = ServerSettings(host: "127.0.0.1", port: 8080, token: nil, corsOrigins: [], allowUserScope: true)
        try await world.test(settings: allowing) { client in
            let deployed = try await client.send(.post, "/api/v1/deploy", json: ["names": ["pdf"], "project_path": world.home.url.path, "scope": "user"])
            #expect(deployed.status == .ok, "\(deployed.text)")
            #expect(FileManager.default.fileExists(atPath: world.home.path(".claude/skills/pdf/SKILL.md").path))
        }
    }
}
