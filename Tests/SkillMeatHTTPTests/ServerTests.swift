import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import SkillMeatCore
import SkillMeatHTTP
import SkillMeatRegistry
import SkillMeatTestSupport
import Testing

@Suite struct ServerTests {
    /// Runs `body` with a client of a server over a new, empty home (no `init`), removed afterwards.
    static func withClient(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let runtime = try SkillMeatRuntime.load(environment: ["SKILLMEAT_HOME": home.url.path]) { _ in Logger(label: "test") }
        try await Application(router: SkillMeatServer.router(runtime: runtime)).test(.router) { client in try await body(client) }
    }

    @Test("GET /health answers ok with the version")
    func health() async throws {
        try await Self.withClient { client in
            let response = try await client.send(.get, "/health")
            #expect(response.status == .ok)
            #expect(response.object["status"] as? String == "ok")
            #expect(response.object["version"] as? String == SkillMeatVersion.current)
        }
    }

    @Test("GET /api/v1/plugins lists the plugins with the same fields as the CLI")
    func plugins() async throws {
        try await Self.withClient { client in
            let response = try await client.send(.get, "/api/v1/plugins")
            #expect(response.status == .ok)
            let rename = try #require(response.array.first { $0["id"] as? String == "conflict_strategy/rename" })
            #expect(rename["enabled"] as? Bool == true)
            #expect(rename["default_enabled"] as? Bool == true)
            #expect(try await client.send(.get, "/api/v1/nothing").status == .notFound)
        }
    }
}
