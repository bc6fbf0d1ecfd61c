import Foundation
import Hummingbird
import HummingbirdTesting
import SkillMeatCore
import SkillMeatHTTP
import SkillMeatRegistry
import SkillMeatWeb
import Testing

/// The web UI as the server hands it out: pages answer with the shell, files from the binary,
/// every response with the security headers; no token is needed for them, while the API still asks.
@Suite("Web UI serving")
struct WebUIServingTests {
    @Test("every page path answers with the application shell and the content security policy")
    func pagesServeTheShell() async throws {
        try await APITestWorld.withClient { _, client in
            for page in ["/", "/collection", "/collection/skill:pdf", "/manage", "/marketplace/sources", "/marketplace/sources/abc", "/projects", "/projects/%2Ftmp%2Fx"] {
                let response = try await client.send(.get, page)
                #expect(response.status == .ok, "\(page)")
                #expect(response.headers[.contentType] == "text/html; charset=utf-8", "\(page)")
                #expect(response.text.contains("<script type=\"module\" src=\"/assets/js/app.js\"></script>"), "\(page)")
                let policy = try #require(response.headers[HTTPFields.Element.Name("Content-Security-Policy")!])
                #expect(policy.contains("script-src 'self'") && !policy.contains("unsafe-inline") && !policy.contains("unsafe-eval"))
                #expect(response.headers[HTTPFields.Element.Name("X-Content-Type-Options")!] == "nosniff")
            }
            #expect(try await client.send(.get, "/nowhere").status == .notFound)
            #expect(try await client.send(.get, "/marketplace").status == .notFound)
        }
    }

    @Test("every compiled-in file is served with its type and an ETag that answers 304")
    func assetsAreServedAndCached() async throws {
        #expect(WebAssets.assetPaths.contains("assets/app.css"))
        #expect(WebAssets.assetPaths.contains("assets/js/app.js"))
        try await APITestWorld.withClient { _, client in
            for path in WebAssets.assetPaths {
                let response = try await client.send(.get, "/" + path)
                #expect(response.status == .ok, "\(path)")
                let etag = try #require(response.headers[.eTag])
                let again = try await client.send(.get, "/" + path, headers: [.ifNoneMatch: etag])
                #expect(again.status == .notModified, "\(path)")
            }
            #expect(try await client.send(.get, "/assets/js/missing.js").status == .notFound)
            #expect(try await client.send(.get, "/assets/../index.html").status == .notFound)
            #expect(try await client.send(.get, "/index.html").status == .notFound)
        }
    }

    @Test("with a token the UI's pages and files load without it, the API does not")
    func tokenGuardsOnlyTheAPI() async throws {
        let world = try await APITestWorld()
        defer { world.remove() }
        var settings = ServerSettings(configuration: try world.runtime().configuration)
        settings.token = "s3cret"
        try await world.test(settings: settings) { client in
            #expect(try await client.send(.get, "/collection").status == .ok)
            #expect(try await client.send(.get, "/assets/app.css").status == .ok)
            #expect(try await client.send(.get, "/api/v1/user-collections").status == .unauthorized)
            #expect(try await client.send(.post, "/collection", json: [:]).status != .ok)
            let listed = try await client.send(.get, "/api/v1/user-collections", headers: [.authorization: "Bearer s3cret"])
            #expect(listed.status == .ok)
            #expect(listed.array.first?["name"] as? String == "default")
        }
    }

    @Test("the UI's page weight stays under 150 KB and no script of ours parses strings as HTML")
    func weightAndTextOnly() throws {
        let total = WebAssets.assetPaths.compactMap(WebAssets.asset(at:)).reduce(WebAssets.shell.bytes.count) { $0 + $1.bytes.count }
        #expect(total < 150_000, "the UI weighs \(total) bytes")
        for path in WebAssets.assetPaths where path.hasSuffix(".js") {
            let text = String(decoding: try #require(WebAssets.asset(at: path)).bytes, as: UTF8.self)
            for sink in ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"] {
                #expect(!text.contains(sink), "\(path) uses \(sink)")
            }
        }
    }
}
