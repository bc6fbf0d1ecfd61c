import Foundation
import Hummingbird
import HummingbirdTesting
import SkillMeatTestSupport
import Testing

/// Closed option sets are the core's enums, decoded as such (a bad value is a 400 naming the valid
/// ones); a manual map is decoded from its JSON object straight into the core's typed map.
@Suite struct InputChoiceTests {
    @Test("a value outside a closed set is a 400 that lists the valid ones; the document lists them too")
    func closedSets() async throws {
        try await APITestWorld.withClient { world, client in
            let body: [String: Any] = ["names": ["pdf"], "project_path": world.home.url.path, "strategy": "sideways"]
            let strategy = try await client.send(.post, "/api/v1/deploy", json: body)
            #expect(strategy.status == .badRequest)
            #expect(strategy.detail == "'sideways' is not a valid strategy; use one of skip, overwrite, rename.")
            let scope = try await client.send(.post, "/api/v1/deploy/undeploy", json: ["name": "pdf", "project_path": world.home.url.path, "scope": "galaxy"])
            #expect(scope.status == .badRequest)
            #expect(scope.detail?.contains("project, user") == true)
            let document = try await client.send(.get, "/api/v1/openapi.json")
            #expect(document.text.contains(#""enum":["skip","overwrite","rename"]"#))
        }
    }

    @Test("manual_map is read as {path: type}; a bad type or an unsafe path is refused naming the field, nothing created")
    func manualMap() async throws {
        try await APITestWorld.withClient { world, client in
            let bad = try await client.send(.post, "/api/v1/marketplace/sources", json: ["url": world.source.url.path, "manual_map": ["README.md": "novel"]])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.detail?.contains("'manual_map'") == true && bad.detail?.contains("'novel'") == true, "\(bad.text)")
            let unsafe = try await client.send(.post, "/api/v1/marketplace/sources", json: ["url": world.source.url.path, "manual_map": ["../x.md": "command"]])
            #expect(unsafe.status == .unprocessableContent)
            let sources = try await client.send(.get, "/api/v1/marketplace/sources").object["items"] as? [Any]
            #expect(sources?.isEmpty == true)

            let created = try await client.send(.post, "/api/v1/marketplace/sources", json: ["url": world.source.url.path, "manual_map": ["README.md": "commands"]])
            #expect(created.status == .created, "\(created.text)")
            let source = try #require(created.object["source"] as? [String: Any])
            #expect(source["manual_map"] as? [String: String] == ["README.md": "command"])
            let id = try #require(source["id"] as? String)
            let catalog = try await client.send(.get, "/api/v1/marketplace/sources/\(id)/artifacts?type=command")
            let entries = try #require(catalog.object["entries"] as? [[String: Any]])
            #expect(entries.contains { $0["path"] as? String == "README.md" })
        }
    }
}
