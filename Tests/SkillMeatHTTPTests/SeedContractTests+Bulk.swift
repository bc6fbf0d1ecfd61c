import Foundation
import Hummingbird
import HummingbirdTesting
import SkillMeatTestSupport
import Testing

/// Seed 002's bulk and refresh responses (issue 15, item 7): counts and per-item errors.
extension SeedContractTests {
    /// The document's schema `name`: its properties and required fields.
    static func schema(_ name: String, _ client: some TestClientProtocol) async throws -> (properties: Set<String>, required: Set<String>) {
        let document = try await client.send(.get, "/api/v1/openapi.json")
        let schemas = try #require((document.object["components"] as? [String: Any])?["schemas"] as? [String: [String: Any]])
        let schema = try #require(schemas[name], "no schema \(name)")
        return (Set((schema["properties"] as? [String: Any] ?? [:]).keys), Set(schema["required"] as? [String] ?? []))
    }

    /// Every key of `object` is documented in `name` and every required one is there.
    static func expectConforms(_ object: [String: Any], to name: String, _ client: some TestClientProtocol) async throws {
        let schema = try await schema(name, client)
        let keys = Set(object.keys)
        #expect(keys.isSubset(of: schema.properties), "\(name) does not document \(keys.subtracting(schema.properties))")
        #expect(schema.required.isSubset(of: keys), "\(name) lacks \(schema.required.subtracting(keys))")
    }

    @Test("refresh-auto-tags counts tags_found, tags_added and tags_updated; bulk gives totals and reports an unknown id for itself")
    func autoTagCounts() async throws {
        let repository = try FakeGitHubRepository(owner: "acme", name: "tools", files: APITestWorld.sourceFiles, topics: ["claude", "skills"])
        try await FakeGitHub.withServer([repository]) { github in
            let world = try await APITestWorld(environment: ["SKILLMEAT_GITHUB_API_URL": github.apiURL.absoluteString])
            defer { world.remove() }
            try await world.test { client in
                #expect(try await client.send(.post, Self.sources, json: ["repo_url": "acme/tools"]).status == .created)
                let first = try await client.send(.post, Self.sources + "/acme-tools/refresh-auto-tags")
                #expect(first.status == .ok, "\(first.text)")
                #expect(first.object["tags_found"] as? Int == 2 && first.object["tags_added"] as? Int == 2 && first.object["tags_updated"] as? Int == 0)
                #expect(first.object["pending_tags"] as? [String] == ["claude", "skills"])
                try await Self.expectConforms(first.object, to: "SourceTagRefresh", client)

                // One accepted, one still pending, one new upstream.
                #expect(try await client.send(.patch, Self.sources + "/acme-tools", json: ["tags": ["claude"]]).status == .ok)
                github.serve(try FakeGitHubRepository(owner: "acme", name: "tools", files: APITestWorld.sourceFiles, topics: ["claude", "skills", "mcp"]))
                let bulk = try await client.send(.post, Self.sources + "/bulk-refresh-auto-tags", json: ["source_ids": ["acme-tools", "nope"]])
                #expect(bulk.status == .ok, "\(bulk.text)")
                try await Self.expectConforms(bulk.object, to: "TagRefreshBatch", client)
                #expect(bulk.object["total_count"] as? Int == 2)
                #expect(bulk.object["succeeded_count"] as? Int == 1 && bulk.object["failed_count"] as? Int == 1 && bulk.object["skipped_count"] as? Int == 0)
                let results = try #require(bulk.object["results"] as? [[String: Any]])
                let tools = try #require(results.first { $0["source_id"] as? String == "acme-tools" })
                #expect(tools["success"] as? Bool == true && tools["status"] as? String == "succeeded")
                #expect(tools["tags_found"] as? Int == 3 && tools["tags_added"] as? Int == 1 && tools["tags_updated"] as? Int == 1)
                #expect((tools["source"] as? [String: Any])?["pending_tags"] as? [String] == ["mcp", "skills"])
                let nope = try #require(results.first { $0["source_id"] as? String == "nope" })
                #expect(nope["success"] as? Bool == false && nope["status"] as? String == "failed")
                #expect((nope["error"] as? String)?.contains("no source 'nope'") == true, "\(nope)")
            }
        }
    }

    @Test("bulk rescan: after a rate limit the provider's remaining sources are skipped without a request and marked; others go on")
    func bulkRescanAfterRateLimit() async throws {
        let one = try FakeGitHubRepository(owner: "acme", name: "one", files: APITestWorld.sourceFiles)
        let two = try FakeGitHubRepository(owner: "acme", name: "two", files: APITestWorld.sourceFiles)
        try await FakeGitHub.withServer([one, two]) { github in
            let world = try await APITestWorld(environment: ["SKILLMEAT_GITHUB_API_URL": github.apiURL.absoluteString])
            defer { world.remove() }
            try await world.test { client in
                #expect(try await client.send(.post, Self.sources, json: ["repo_url": "acme/one"]).status == .created)
                #expect(try await client.send(.post, Self.sources, json: ["repo_url": "acme/two"]).status == .created)
                let local = try await Self.addSource(client, world)

                let all = try await client.send(.post, Self.sources + "/bulk-rescan")
                #expect(all.status == .ok, "\(all.text)")
                #expect(all.object["total_count"] as? Int == 3 && all.object["succeeded_count"] as? Int == 3)
                try await Self.expectConforms(all.object, to: "RescanBatch", client)
                let scanned = try #require((all.object["results"] as? [[String: Any]])?.first)
                #expect((scanned["scan"] as? [String: Any])?["unchanged_count"] as? Int == 3)

                github.setRateLimit(remaining: 0, resetAt: Date().addingTimeInterval(3600))
                github.clearRequests()
                let limited = try await client.send(.post, Self.sources + "/bulk-rescan", json: ["source_ids": ["acme-one", "acme-two", local, "nope"]])
                #expect(limited.status == .ok, "\(limited.text)")
                try await Self.expectConforms(limited.object, to: "RescanBatch", client)
                #expect(limited.object["total_count"] as? Int == 4)
                #expect(limited.object["succeeded_count"] as? Int == 1, "the local source is read without GitHub")
                #expect(limited.object["failed_count"] as? Int == 2, "acme-one hit the limit; 'nope' is no source")
                #expect(limited.object["skipped_count"] as? Int == 1)
                let results = try #require(limited.object["results"] as? [[String: Any]])
                for result in results { try await Self.expectConforms(result, to: "RescanBatch", client, item: true) }
                let skipped = try #require(results.first { $0["source_id"] as? String == "acme-two" })
                #expect(skipped["status"] as? String == "skipped" && skipped["success"] as? Bool == false)
                #expect((skipped["error"] as? String)?.contains("rate limit") == true, "\(skipped)")
                #expect(github.requestCount("/repos/acme/two") == 0, "no request for a source left out after the limit")
                #expect(results.first { $0["source_id"] as? String == "nope" }?["status"] as? String == "failed")
                #expect(results.first { $0["source_id"] as? String == local }?["status"] as? String == "succeeded")
                let marked = try await client.send(.get, Self.sources + "/acme-two")
                #expect(((marked.object["source"] as? [String: Any])?["last_error"] as? String)?.contains("rate limit") == true, "\(marked.text)")
            }
        }
    }
}

extension SeedContractTests {
    /// `expectConforms` for one item of a batch's `results`.
    static func expectConforms(_ object: [String: Any], to name: String, _ client: some TestClientProtocol, item: Bool) async throws {
        let document = try await client.send(.get, "/api/v1/openapi.json")
        let schemas = try #require((document.object["components"] as? [String: Any])?["schemas"] as? [String: [String: Any]])
        let results = try #require((schemas[name]?["properties"] as? [String: Any])?["results"] as? [String: Any])
        let schema = try #require(results["items"] as? [String: Any])
        let properties = Set((schema["properties"] as? [String: Any] ?? [:]).keys)
        let required = Set(schema["required"] as? [String] ?? [])
        #expect(Set(object.keys).isSubset(of: properties), "\(name) item does not document \(Set(object.keys).subtracting(properties))")
        #expect(required.isSubset(of: Set(object.keys)))
    }
}
