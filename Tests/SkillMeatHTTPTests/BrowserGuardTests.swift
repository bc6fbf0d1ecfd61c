import Foundation
import Hummingbird
import HummingbirdTesting
import SkillMeatCore
import SkillMeatTestSupport
import Testing

@testable import SkillMeatHTTP

/// What a web page the user visits can make the local server do: nothing. Browsers send text/plain,
/// form and multipart bodies cross-site without asking, resolve a rebound name to 127.0.0.1 and
/// send the page's own name as `Host`.
@Suite struct BrowserGuardTests {
    static let sources = "/api/v1/marketplace/sources"

    @Test("a body that is not application/json is 415 before any handler runs, whatever the route", arguments: [
        "text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
        "application/json; charset=latin1", "application/jsonx", nil,
    ])
    func nonJSONBody(contentType: String?) async throws {
        try await APITestWorld.withClient { world, client in
            let body = #"{"url": "\#(world.source.url.path)"}"#
            let headers: HTTPFields = contentType.map { [.contentType: $0] } ?? [:]
            let refused = try await client.send(.post, Self.sources, body: body, headers: headers)
            #expect(refused.status == .unsupportedMediaType, "\(refused.text)")
            #expect(refused.detail?.contains("application/json") == true)
            // Nothing was created.
            let sources = try await client.send(.get, Self.sources)
            #expect((sources.object["items"] as? [Any])?.count == 0, "\(sources.text)")
            let deploy = try await client.send(.post, "/api/v1/deploy", body: #"{"names": ["pdf"], "project_path": "/tmp"}"#, headers: headers)
            #expect(deploy.status == .unsupportedMediaType)
        }
    }

    @Test("JSON with or without charset=utf-8 is accepted, and so is a POST with no body at all")
    func jsonBody() async throws {
        try await APITestWorld.withClient { world, client in
            let body = #"{"url": "\#(world.source.url.path)"}"#
            let created = try await client.send(.post, Self.sources, body: body, headers: [.contentType: "Application/JSON; charset=\"UTF-8\""])
            #expect(created.status == .created, "\(created.text)")
            #expect(try await client.send(.post, "/api/v1/cache/refresh").status == .ok)
        }
    }

    @Test("a Host that is not one of the server's addresses is 421 (DNS rebinding)")
    func rebinding() async throws {
        try await APITestWorld.withClient { world, client in
            for host in ["evil.example", "evil.example:8080", "127.0.0.1.evil.example:8080", "localhost:9999", "localhost@evil.example"] {
                let refused = try await client.send(.get, "/api/v1/plugins", headers: Self.host(host))
                #expect(refused.status == .misdirectedRequest, "\(host)")
                #expect(refused.detail?.contains("server.allowed_hosts") == true)
            }
            for host in ["localhost:8080", "127.0.0.1:8080", "[::1]:8080", "LOCALHOST"] {
                #expect(try await client.send(.get, "/api/v1/plugins", headers: Self.host(host)).status == .ok, "\(host)")
            }
        }
    }

    @Test("server.allowed_hosts adds names; a wildcard bind checks Host only when the list is given")
    func allowedHosts() async throws {
        let world = try await APITestWorld()
        defer { world.remove() }
        let proxied = ServerSettings(host: "127.0.0.1", port: 8080, token: nil, corsOrigins: [], allowedHosts: ["skillmeat.internal"])
        try await world.test(settings: proxied) { client in
            let proxy = try await client.send(.get, "/api/v1/plugins", headers: Self.host("skillmeat.internal:443"))
            #expect(proxy.status == .ok)
            let other = try await client.send(.get, "/api/v1/plugins", headers: Self.host("other.internal"))
            #expect(other.status == .misdirectedRequest)
        }
        let everywhere = ServerSettings(host: "0.0.0.0", port: 8080, token: "t", corsOrigins: [])
        try await world.test(settings: everywhere) { client in
            let response = try await client.send(.get, "/api/v1/plugins", headers: Self.host("192.168.1.20:8080", [.authorization: "Bearer t"]))
            #expect(response.status == .ok)
        }
    }

    @Test("HostPolicy matches names, ports and bracketed IPv6", arguments: [
        ("127.0.0.1", "localhost", true), ("127.0.0.1", "127.0.0.1:8080", true), ("127.0.0.1", "[::1]", true),
        ("127.0.0.1", "127.0.0.1:80", false), ("127.0.0.1", "evil.example", false), ("127.0.0.1", "[::1", false),
        ("127.0.0.1", "localhost:abc", false), ("127.0.0.1", "", false),
        ("192.168.1.5", "192.168.1.5:8080", true), ("192.168.1.5", "localhost:8080", false),
    ])
    func policy(bound: String, host: String, allowed: Bool) {
        let policy = HostPolicy(settings: ServerSettings(host: bound, port: 8080, token: "t", corsOrigins: []))
        #expect(policy.allows(host) == allowed)
    }

    @Test("a state-changing request from another web origin is 403; the server's own origin, configured ones and no Origin pass")
    func origin() async throws {
        let world = try await APITestWorld()
        defer { world.remove() }
        let settings = ServerSettings(host: "127.0.0.1", port: 8080, token: nil, corsOrigins: ["https://app.example"])
        try await world.test(settings: settings) { client in
            let payload = ["url": world.source.url.path]
            for origin in ["https://evil.example", "null", "http://localhost.evil.example", "http://localhost:9999"] {
                let refused = try await client.send(.post, Self.sources, json: payload, headers: [.origin: origin])
                #expect(refused.status == .forbidden, "\(origin)")
                #expect(refused.detail?.contains("server.cors_origins") == true)
                #expect(try await client.send(.delete, Self.sources + "/nothing", headers: [.origin: origin]).status == .forbidden)
            }
            // Reading is not refused: the browser keeps the answer from a page of another origin.
            #expect(try await client.send(.get, "/api/v1/plugins", headers: [.origin: "https://evil.example"]).status == .ok)
            // The testing client sends Host: localhost, so a web UI served here has origin http://localhost.
            #expect(try await client.send(.post, "/api/v1/marketplace/sources/infer-url", json: ["url": "anthropics/skills"], headers: [.origin: "http://localhost"]).status == .ok)
            #expect(try await client.send(.post, "/api/v1/marketplace/sources/infer-url", json: ["url": "anthropics/skills"], headers: [.origin: "https://app.example"]).status == .ok)
            #expect(try await client.send(.post, Self.sources, json: payload).status == .created)
        }
    }

    /// `fields` with a `Host` header; the testing client's authority is always `localhost`, and a
    /// second Host reaches the server as a header, as HTTP/1 delivers any Host after the first.
    static func host(_ value: String, _ fields: HTTPFields = [:]) -> HTTPFields {
        var fields = fields
        fields[.init("Host")!] = value
        return fields
    }
}
