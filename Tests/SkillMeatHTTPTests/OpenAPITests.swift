import Foundation
import Hummingbird
import HummingbirdTesting
import SkillMeatCore
import SkillMeatHTTP
import SkillMeatTestSupport
import Testing

@Suite struct OpenAPITests {
    @Test("every route of the router is in the OpenAPI document, and every documented operation is routed")
    func documentMatchesRouter() async throws {
        let world = try await APITestWorld()
        defer { world.remove() }
        let router = SkillMeatServer.router(runtime: try world.runtime())
        let routed = Set(router.routes.map { route in
            let path = route.path.description.split(separator: "/", omittingEmptySubsequences: false)
                .map { $0 == "**" ? "{path}" : ($0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0)) }
                .joined(separator: "/")
            return "\(route.method.rawValue.lowercased()) \(path.hasPrefix("/") ? path : "/" + path)"
        })
        try await Application(router: router).test(.router) { client in
            let response = try await client.send(.get, "/api/v1/openapi.json")
            #expect(response.status == .ok)
            #expect(response.object["openapi"] as? String == "3.1.0")
            let paths = try #require(response.object["paths"] as? [String: [String: Any]])
            var documented: Set<String> = []
            for (path, operations) in paths {
                for (method, operation) in operations {
                    documented.insert("\(method) \(path)")
                    let responses = (operation as? [String: Any])?["responses"] as? [String: Any]
                    #expect(responses?["500"] != nil, "\(method) \(path) documents no 500")
                    // Every path parameter in the template is described.
                    let parameters = ((operation as? [String: Any])?["parameters"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
                    for segment in path.split(separator: "/") where segment.hasPrefix("{") {
                        #expect(parameters.contains(String(segment.dropFirst().dropLast())), "\(method) \(path) lacks \(segment)")
                    }
                }
            }
            #expect(routed == documented, "only routed: \(routed.subtracting(documented)); only documented: \(documented.subtracting(routed))")
            let schemas = try #require((response.object["components"] as? [String: Any])?["schemas"] as? [String: Any])
            #expect(schemas["Artifact"] != nil && schemas["Error"] != nil)
        }
    }

    @Test("documented response fields are the fields responses really have")
    func schemaFieldsMatch() async throws {
        try await APITestWorld.withClient { world, client in
            let document = try await client.send(.get, "/api/v1/openapi.json")
            let schemas = try #require((document.object["components"] as? [String: Any])?["schemas"] as? [String: [String: Any]])
            func properties(_ name: String) -> Set<String> {
                Set(((schemas[name]?["properties"]) as? [String: Any] ?? [:]).keys)
            }
            /// Every key is documented and every required key is there.
            func conforms(_ object: [String: Any]?, to name: String) -> Bool {
                let keys = Set((object ?? [:]).keys)
                let required = Set(schemas[name]?["required"] as? [String] ?? [])
                return keys.isSubset(of: properties(name)) && required.isSubset(of: keys)
            }
            let sourceID = try await client.addSourceAndImport(world)
            let page = try await client.send(.get, "/api/v1/artifacts?limit=1")
            let artifact = try #require((page.object["items"] as? [[String: Any]])?.first)
            #expect(Set(artifact.keys) == properties("Artifact"))
            let source = try await client.send(.get, "/api/v1/marketplace/sources/\(sourceID)")
            #expect(conforms(source.object["source"] as? [String: Any], to: "Source"))
            let catalog = try await client.send(.get, "/api/v1/marketplace/sources/\(sourceID)/artifacts?limit=1")
            #expect(Set(catalog.object.keys) == properties("CatalogList"))
            let entry = try #require((catalog.object["entries"] as? [[String: Any]])?.first)
            #expect(conforms(entry, to: "CatalogEntry"))
            let rescan = try await client.send(.post, "/api/v1/marketplace/sources/\(sourceID)/rescan")
            #expect(Set(rescan.object.keys) == properties("ScanReport"))
            let stats = try await client.send(.get, "/api/v1/cache/stats")
            #expect(Set(stats.object.keys) == properties("CacheStats"))
            let detail = try await client.send(.get, "/api/v1/artifacts/skill:pdf")
            #expect(Set(detail.object.keys) == properties("ArtifactDetail"))
            let plugins = try await client.send(.get, "/api/v1/plugins")
            #expect(Set(plugins.array.first.map { Array($0.keys) } ?? []) == properties("Plugin"))
        }
    }

    @Test("the validator refuses responses that do not fit the document", arguments: [
        ("GET", "/health", 200, #"{"status":"ok"}"#, "required field 'version'"),
        ("GET", "/health", 200, #"{"status":"ok","version":1}"#, "an integer where the document says string"),
        ("GET", "/health", 200, #"{"status":"ok","version":"1","extra":true}"#, "field 'extra' is not declared"),
        ("GET", "/health", 201, #"{"status":"ok","version":"1"}"#, "status 201 is not declared"),
        ("GET", "/health", 200, "not json", "not JSON"),
        ("GET", "/api/v1/artifacts", 200, #"{"items":[],"next_cursor":7}"#, "$.next_cursor"),
        ("GET", "/api/v1/projects", 200, #"[{"path":"/p","scope":"galaxy","added":"x"}]"#, "is not one of"),
        ("GET", "/api/v1/projects", 200, #"[{"path":null,"scope":"project","added":"x"}]"#, "null where the document says string"),
        ("DELETE", "/api/v1/marketplace/sources/s1", 204, #"{"detail":"x"}"#, "declares no body"),
        ("POST", "/api/v1/marketplace/sources/infer-url", 400, #"{"message":"x"}"#, "required field 'detail'"),
        ("GET", "/api/v1/nowhere", 200, "{}", "no documented operation"),
    ])
    func validatorRefuses(method: String, uri: String, status: Int, body: String, expected: String) throws {
        let problems = try OpenAPIValidator.shared.problems(method: method, uri: uri, status: status, contentType: "application/json", body: Data(body.utf8))
        #expect(problems.contains { $0.contains(expected) }, "\(problems)")
    }

    @Test("the validator accepts responses that fit the document")
    func validatorAccepts() throws {
        let validator = try OpenAPIValidator.shared
        #expect(validator.problems(method: "GET", uri: "/health", status: 200, contentType: "application/json", body: Data(#"{"status":"ok","version":"1"}"#.utf8)).isEmpty)
        #expect(validator.problems(method: "GET", uri: "/api/v1/artifacts?limit=1", status: 200, contentType: "application/json", body: Data(#"{"items":[],"next_cursor":null}"#.utf8)).isEmpty)
        #expect(validator.template(for: "/api/v1/marketplace/sources/infer-url") == "/api/v1/marketplace/sources/infer-url")
        #expect(validator.template(for: "/api/v1/marketplace/sources/abc/artifacts/e1/files/a/b/c.md") == "/api/v1/marketplace/sources/{id}/artifacts/{entry}/files/{path}")
        #expect(validator.problems(method: "GET", uri: "/api/v1/artifacts", status: 200, contentType: "text/plain", body: Data("{}".utf8)).contains { $0.contains("Content-Type") })
    }
}
