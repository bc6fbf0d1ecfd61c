import Foundation
import Hummingbird
import HummingbirdTesting
import SkillMeatCore
import SkillMeatPluginAPI
import SkillMeatTestSupport
import Testing

@testable import SkillMeatHTTP

@Suite struct SecurityAndErrorTests {
    static func settings(token: String? = nil, cors: [String] = [], host: String = "127.0.0.1") -> ServerSettings {
        ServerSettings(host: host, port: 8080, token: token, corsOrigins: cors)
    }

    @Test("with a token, every route but GET /health needs 'Authorization: Bearer <token>'")
    func token() async throws {
        let world = try await APITestWorld()
        defer { world.remove() }
        try await world.test(settings: Self.settings(token: "s3cret-token")) { client in
            #expect(try await client.send(.get, "/health").status == .ok)
            let missing = try await client.send(.get, "/api/v1/plugins")
            #expect(missing.status == .unauthorized)
            #expect(missing.headers[.wwwAuthenticate] == "Bearer")
            #expect(missing.detail?.contains("bearer token") == true)
            for wrong in ["Bearer s3cret-toke", "Bearer s3cret-token2", "Bearer S3cret-token", "Basic s3cret-token", "s3cret-token"] {
                #expect(try await client.send(.get, "/api/v1/plugins", headers: [.authorization: wrong]).status == .unauthorized, "\(wrong)")
            }
            #expect(try await client.send(.get, "/api/v1/plugins", headers: [.authorization: "Bearer s3cret-token"]).status == .ok)
            #expect(try await client.send(.get, "/api/v1/openapi.json", headers: [.authorization: "bearer s3cret-token"]).status == .ok)
            // Unknown routes do not tell an unauthenticated client what exists.
            #expect(try await client.send(.get, "/api/v1/nothing").status == .unauthorized)
        }
    }

    @Test("the constant-time comparison agrees with ==")
    func constantTime() {
        let cases: [(String, String)] = [
            ("", ""), ("a", ""), ("", "a"), ("abc", "abc"), ("abc", "abd"), ("abc", "abcd"), ("abcd", "abc"),
            // Lengths 256 apart with the token as a prefix.
            ("abcd" + String(repeating: "x", count: 256), "abcd"),
        ]
        for (given, expected) in cases {
            #expect(BearerTokenMiddleware.constantTimeEquals(Array(given.utf8), Array(expected.utf8)) == (given == expected))
        }
    }

    @Test("binding beyond loopback without a token is refused before serving")
    func exposedWithoutToken() throws {
        #expect(throws: SkillMeatError.self) { try Self.settings(host: "0.0.0.0").validate() }
        try Self.settings(token: "t", host: "0.0.0.0").validate()
    }

    @Test("CORS: configured origins get preflight answers and allow-origin headers, others none")
    func cors() async throws {
        let world = try await APITestWorld()
        defer { world.remove() }
        try await world.test(settings: Self.settings(token: "t", cors: ["https://app.example"])) { client in
            let preflight = try await client.send(.options, "/api/v1/artifacts", headers: [
                .origin: "https://app.example", .accessControlRequestMethod: "GET", .accessControlRequestHeaders: "authorization",
            ])
            #expect(preflight.status == .noContent)
            #expect(preflight.headers[.accessControlAllowOrigin] == "https://app.example")
            #expect(preflight.headers[.accessControlAllowMethods]?.contains("PATCH") == true)
            #expect(preflight.headers[.accessControlAllowHeaders]?.contains("Authorization") == true)

            let allowed = try await client.send(.get, "/api/v1/plugins", headers: [.origin: "https://app.example", .authorization: "Bearer t"])
            #expect(allowed.status == .ok)
            #expect(allowed.headers[.accessControlAllowOrigin] == "https://app.example")
            // Errors carry the header too, so a browser app can read the detail.
            let denied = try await client.send(.get, "/api/v1/plugins", headers: [.origin: "https://app.example"])
            #expect(denied.status == .unauthorized)
            #expect(denied.headers[.accessControlAllowOrigin] == "https://app.example")

            let other = try await client.send(.get, "/api/v1/plugins", headers: [.origin: "https://evil.example", .authorization: "Bearer t"])
            #expect(other.headers[.accessControlAllowOrigin] == nil)
            let otherPreflight = try await client.send(.options, "/api/v1/artifacts", headers: [.origin: "https://evil.example", .accessControlRequestMethod: "GET"])
            #expect(otherPreflight.headers[.accessControlAllowOrigin] == nil)
        }
    }

    @Test("bodies over 1 MiB are 413; wrong JSON is 422; unknown routes 404 — all as {\"detail\": ...}")
    func bodyErrors() async throws {
        try await APITestWorld.withClient { world, client in
            let huge = "{\"url\": \"" + String(repeating: "a", count: (1 << 20) + 10) + "\"}"
            let tooLarge = try await client.send(.post, "/api/v1/marketplace/sources/infer-url", body: huge, headers: [.contentType: "application/json"])
            #expect(tooLarge.status == .contentTooLarge)
            #expect(tooLarge.detail?.contains("1024 KiB") == true, "\(tooLarge.text) \(tooLarge.headers)")

            let wrongType = try await client.send(.post, "/api/v1/marketplace/sources", json: ["url": 42])
            #expect(wrongType.status == .unprocessableContent)
            #expect(wrongType.detail?.contains("'url'") == true)
            let missing = try await client.send(.post, "/api/v1/marketplace/sources", json: ["ref": "main"])
            #expect(missing.status == .unprocessableContent)
            #expect(missing.detail?.contains("required") == true)

            let unknown = try await client.send(.get, "/api/v1/nothing")
            #expect(unknown.status == .notFound)
            #expect(unknown.detail?.isEmpty == false)
            #expect(unknown.headers[.contentType] == "application/json")
        }
    }

    @Test("GitHub's rate limit is 429 with Retry-After")
    func rateLimited() async throws {
        let repository = try FakeGitHubRepository(owner: "acme", name: "tools", files: APITestWorld.sourceFiles)
        try await FakeGitHub.withServer([repository]) { github in
            let world = try await APITestWorld(environment: ["SKILLMEAT_GITHUB_API_URL": github.apiURL.absoluteString])
            defer { world.remove() }
            try await world.test { client in
                #expect(try await client.send(.post, "/api/v1/marketplace/sources", json: ["url": "acme/tools"]).status == .created)
                var files = APITestWorld.sourceFiles
                files["README.md"] = "changed\n"
                try github.setBranch("acme/tools", "main", files: files)
                github.setRateLimit(remaining: 0, resetAt: Date().addingTimeInterval(600))
                let response = try await client.send(.post, "/api/v1/marketplace/sources/acme-tools/rescan")
                #expect(response.status == .tooManyRequests, "\(response.text)")
                let retryAfter = try #require(response.headers[.retryAfter].flatMap(Int.init))
                #expect(retryAfter > 500 && retryAfter <= 601)
                #expect(response.detail?.isEmpty == false)
            }
        }
    }

    @Test("core errors map to statuses in one place", arguments: [
        (SkillMeatError.invalidArgument("x"), 400), (.notFound("x"), 404), (.conflict("x"), 409), (.database("x"), 503),
        (.notInitialized(home: "/h"), 503), (.plugin(nil, .network("down")), 503), (.plugin(nil, .rateLimited(resetsAt: nil, message: "x")), 429),
        (.plugin(nil, .invalidReference("x", reason: "y")), 400), (.plugin(nil, .notFound("x")), 404), (.plugin(nil, .authenticationRequired("x")), 403),
        (.io(path: "/x", reason: "full"), 500),
    ])
    func mapping(error: SkillMeatError, status: Int) {
        let mapped = APIError(error)
        #expect(mapped.status.code == status)
        #expect(mapped.detail == error.description)
        if status == 429 { #expect(mapped.extraHeaders[.retryAfter] == "60") }
    }
}
