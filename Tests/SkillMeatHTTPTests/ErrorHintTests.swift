import Foundation
import Hummingbird
import HummingbirdTesting
import SkillMeatTestSupport
import Testing

@testable import SkillMeatHTTP

/// HTTP returns a core hint as fields beside the sentence, never as CLI text.
@Suite struct ErrorHintTests {
    @Test("an error with something to do answers detail plus hint fields; the OpenAPI error schema lists them")
    func hintFields() async throws {
        try await APITestWorld.withClient { world, client in
            let missing = try await client.send(.get, "/api/v1/marketplace/sources/nope")
            #expect(missing.status == .notFound)
            #expect(missing.detail == "There is no source 'nope' (there are none yet).")
            let hint = try #require(missing.object["hint"] as? [String: Any])
            #expect(hint["action"] as? String == "add_source")
            #expect(hint["endpoint"] as? String == "POST /api/v1/marketplace/sources")
            let noArtifact = try await client.send(.get, "/api/v1/artifacts/skill:nope")
            #expect(noArtifact.status == .notFound)
            #expect((noArtifact.object["hint"] as? [String: Any])?["collection"] as? String == "default")
            #expect(!noArtifact.text.contains("skillmeat ") && !noArtifact.text.contains("--"))
            let plain = try await client.send(.get, "/api/v1/nothing")
            #expect(plain.object["hint"] == nil)
            let document = try await client.send(.get, "/api/v1/openapi.json")
            let schemas = (document.object["components"] as? [String: Any])?["schemas"] as? [String: Any]
            let error = try #require(schemas?["Error"] as? [String: Any])
            #expect((error["properties"] as? [String: Any])?["hint"] != nil)
            let actions = ((schemas?["Hint"] as? [String: Any])?["properties"] as? [String: Any])?["action"] as? [String: Any]
            #expect((actions?["enum"] as? [String])?.contains("rebuild_cache") == true)
        }
    }
}
