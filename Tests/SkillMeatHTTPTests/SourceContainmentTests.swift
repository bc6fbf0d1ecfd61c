import Foundation
import Hummingbird
import HummingbirdTesting
import SkillMeatTestSupport
import Testing

/// A local source reads only what lies inside its folder: a manual map or root that leads out of it
/// through a symbolic link is refused, and no file from elsewhere is served.
@Suite struct SourceContainmentTests {
    static let sources = "/api/v1/marketplace/sources"

    @Test("a root or manual map leading out of a local source through a symbolic link is refused on add and on update; nothing is saved")
    func refusedOnAddAndUpdate() async throws {
        try await APITestWorld.withClient(folder: "skillmeat-http-outside") { world, client, outside in
            _ = try outside.write("SKILL.md", "---\nname: secret\ndescription: x\n---\n")
            _ = try outside.write("id_rsa", "PRIVATE KEY\n")
            try FileManager.default.createSymbolicLink(at: world.source.path("keys"), withDestinationURL: outside.url)
            try FileManager.default.createSymbolicLink(at: world.source.path("key.md"), withDestinationURL: outside.path("id_rsa"))
            let url = world.source.url.path
            for body: [String: Any] in [["url": url, "manual_map": ["keys": "skill"]], ["url": url, "manual_map": ["key.md": "command"]], ["url": url, "root": "keys"]] {
                let refused = try await client.send(.post, Self.sources, json: body)
                #expect(refused.status == .badRequest, "\(body): \(refused.text)")
                #expect(refused.detail?.contains("symbolic link") == true)
            }
            #expect((try await client.send(.get, Self.sources).object["items"] as? [Any])?.count == 0)

            let created = try await client.send(.post, Self.sources, json: ["url": url])
            let id = try #require((created.object["source"] as? [String: Any])?["id"] as? String)
            let mapped = try await client.send(.patch, Self.sources + "/\(id)", json: ["manual_map": ["key.md": "command"]])
            #expect(mapped.status == .badRequest, "\(mapped.text)")
            #expect(try await client.send(.patch, Self.sources + "/\(id)", json: ["root": "keys"]).status == .badRequest)
            let source = try await client.send(.get, Self.sources + "/\(id)")
            #expect((source.object["source"] as? [String: Any])?["manual_map"] as? [String: String] == [:], "\(source.text)")
        }
    }

    @Test("an entry file replaced by a link out of the source after the scan is not served")
    func linkAfterScan() async throws {
        try await APITestWorld.withClient(folder: "skillmeat-http-outside") { world, client, outside in
            _ = try outside.write("id_rsa", "PRIVATE KEY\n")
            let created = try await client.send(.post, Self.sources, json: ["url": world.source.url.path])
            let id = try #require((created.object["source"] as? [String: Any])?["id"] as? String)
            let catalog = try await client.send(.get, Self.sources + "/\(id)/artifacts?type=skill")
            let entry = try #require((catalog.object["entries"] as? [[String: Any]])?.first { $0["name"] as? String == "pdf" }?["id"] as? String)
            try FileManager.default.removeItem(at: world.source.path("skills/pdf/reference.md"))
            try FileManager.default.createSymbolicLink(at: world.source.path("skills/pdf/reference.md"), withDestinationURL: outside.path("id_rsa"))
            let read = try await client.send(.get, Self.sources + "/\(id)/artifacts/\(entry)/files/skills/pdf/reference.md")
            #expect(read.status != .ok)
            #expect(!read.text.contains("PRIVATE KEY"))
        }
    }
}
