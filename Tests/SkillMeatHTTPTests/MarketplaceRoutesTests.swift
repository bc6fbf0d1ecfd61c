import Foundation
import Hummingbird
import HummingbirdTesting
import SkillMeatCore
import SkillMeatHTTP
import SkillMeatTestSupport
import Testing

@Suite struct MarketplaceRoutesTests {
    static let sources = "/api/v1/marketplace/sources"

    @Test("sources: create (201, scanned), list with a cursor, show with counts, patch, rescan with true counts, delete")
    func sourceLifecycle() async throws {
        try await APITestWorld.withClient { world, client in
            let created = try await client.send(.post, Self.sources, json: ["url": world.source.url.path, "name": "local tools", "tags": ["mine"]])
            #expect(created.status == .created, "\(created.text)")
            let source = try #require(created.object["source"] as? [String: Any])
            let id = try #require(source["id"] as? String)
            #expect((created.object["scan"] as? [String: Any])?["new_count"] as? Int == 3)
            #expect(source["artifact_count"] as? Int == 3)

            let duplicate = try await client.send(.post, Self.sources, json: ["url": world.source.url.path])
            #expect(duplicate.status == .conflict)

            let other = try TemporaryDirectory(prefix: "skillmeat-http-other")
            defer { other.remove() }
            _ = try other.write("commands/hello.md", "---\ndescription: Hi\n---\nHello\n")
            #expect(try await client.send(.post, Self.sources, json: ["url": other.url.path]).status == .created)

            let page = try await client.send(.get, Self.sources + "?limit=1")
            #expect((page.object["items"] as? [[String: Any]])?.count == 1)
            let cursor = try #require(page.object["next_cursor"] as? String)
            let rest = try await client.send(.get, Self.sources + "?limit=1&cursor=\(cursor)")
            #expect((rest.object["items"] as? [[String: Any]])?.count == 1)
            #expect(rest.object["next_cursor"] is NSNull)

            let shown = try await client.send(.get, Self.sources + "/\(id)")
            #expect(shown.status == .ok)
            let counts = try #require(shown.object["counts"] as? [String: Any])
            #expect((counts["counts_by_status"] as? [String: Int])?["new"] == 3)
            #expect(try await client.send(.get, Self.sources + "/nope").status == .notFound)

            let patched = try await client.send(.patch, Self.sources + "/\(id)", json: ["description": "Local", "trust": "trusted", "tags": ["a", "b"]])
            #expect(patched.status == .ok, "\(patched.text)")
            #expect(patched.object["trust"] as? String == "trusted")
            #expect(patched.object["tags"] as? [String] == ["a", "b"])
            let cleared = try await client.send(.patch, Self.sources + "/\(id)", json: ["description": NSNull()])
            #expect(cleared.status == .ok)
            #expect(cleared.object["description"] == nil)
            #expect(try await client.send(.patch, Self.sources + "/\(id)", json: ["trust": "total"]).status == .badRequest)
            #expect(try await client.send(.patch, Self.sources + "/\(id)", json: ["tags": "a"]).status == .unprocessableContent)

            _ = try world.source.write("agents/reviewer.md", "---\nname: reviewer\ndescription: Reviews\n---\nReview\n")
            try FileManager.default.removeItem(at: world.source.path("commands/deploy.md"))
            let rescan = try await client.send(.post, Self.sources + "/\(id)/rescan")
            #expect(rescan.status == .ok, "\(rescan.text)")
            #expect(rescan.object["new_count"] as? Int == 1)
            #expect(rescan.object["removed_count"] as? Int == 1)
            #expect(rescan.object["unchanged_count"] as? Int == 2)

            #expect(try await client.send(.delete, Self.sources + "/\(id)").status == .noContent)
            #expect(try await client.send(.get, Self.sources + "/\(id)").status == .notFound)
            #expect(try await client.send(.delete, Self.sources + "/\(id)").status == .notFound)
        }
    }

    @Test("infer-url names the provider and the parts; a GitHub tree URL splits into repo, ref and root")
    func inferURL() async throws {
        try await APITestWorld.withClient { world, client in
            let github = try await client.send(.post, Self.sources + "/infer-url", json: ["url": "https://github.com/acme/tools/tree/main/skills/pdf"])
            #expect(github.status == .ok, "\(github.text)")
            #expect(github.object["provider"] as? String == "source/github")
            #expect(github.object["location"] as? String == "acme/tools")
            #expect(github.object["ref"] as? String == "main")
            #expect(github.object["root"] as? String == "skills/pdf")
            #expect(github.object["suggested_name"] as? String == "acme/tools")

            let folder = try await client.send(.post, Self.sources + "/infer-url", json: ["url": world.source.url.path])
            #expect(folder.object["provider"] as? String == "source/git")
            #expect(folder.object["location"] as? String == world.source.url.path)

            #expect(try await client.send(.post, Self.sources + "/infer-url", json: ["url": "https://github.com/acme"]).status == .badRequest)
            #expect(try await client.send(.post, Self.sources + "/infer-url", json: ["url": ""]).status == .badRequest)
            #expect(try await client.send(.post, Self.sources + "/infer-url", json: ["link": "x"]).status == .unprocessableContent)
            #expect(try await client.send(.post, Self.sources + "/infer-url", body: "{not json", headers: [.contentType: "application/json"]).status == .unprocessableContent)
        }
    }

    @Test("catalog: filters, sort, counts and cursor pagination; exclude with a reason and restore")
    func catalog() async throws {
        try await APITestWorld.withClient { world, client in
            let created = try await client.send(.post, Self.sources, json: ["url": world.source.url.path])
            let id = try #require((created.object["source"] as? [String: Any])?["id"] as? String)
            let base = Self.sources + "/\(id)/artifacts"

            let first = try await client.send(.get, base + "?limit=2")
            #expect(first.status == .ok)
            #expect((first.object["entries"] as? [[String: Any]])?.map { $0["name"] as? String } == ["deploy", "pdf"])
            #expect((first.object["counts_by_status"] as? [String: Int])?["new"] == 3)
            #expect((first.object["counts_by_type"] as? [String: Int])?["skill"] == 2)
            let cursor = try #require(first.object["next_cursor"] as? String)
            let second = try await client.send(.get, base + "?limit=2&cursor=\(cursor)")
            #expect((second.object["entries"] as? [[String: Any]])?.map { $0["name"] as? String } == ["xlsx"])
            #expect(second.object["next_cursor"] is NSNull)

            let skills = try await client.send(.get, base + "?type=skill&search=pdf&min_confidence=10&sort=confidence")
            let entries = try #require(skills.object["entries"] as? [[String: Any]])
            #expect(entries.map { $0["name"] as? String } == ["pdf"])
            // The name import will give it, shown before import.
            #expect(entries.map { $0["import_name"] as? String } == ["pdf"])
            let entryID = try #require(entries.first?["id"] as? String)

            for bad in ["?status=lost", "?min_confidence=101", "?sort=size", "?include_excluded=maybe", "?type=widget"] {
                #expect(try await client.send(.get, base + bad).status == .badRequest, "\(bad)")
            }

            let excluded = try await client.send(.patch, base + "/\(entryID)/exclude", json: ["reason": "not needed"])
            #expect(excluded.status == .ok)
            #expect(excluded.object["status"] as? String == "excluded")
            #expect(excluded.object["excluded_reason"] as? String == "not needed")
            let hidden = try await client.send(.get, base)
            #expect((hidden.object["entries"] as? [[String: Any]])?.count == 2)
            let shownAll = try await client.send(.get, base + "?include_excluded=true&status=excluded")
            #expect((shownAll.object["entries"] as? [[String: Any]])?.count == 1)
            // No body at all is fine: the reason is optional.
            #expect(try await client.send(.patch, base + "/\(entryID)/exclude").status == .ok)

            let restored = try await client.send(.delete, base + "/\(entryID)/exclude")
            #expect(restored.object["status"] as? String == "new")
            #expect(try await client.send(.delete, base + "/\(entryID)/exclude").status == .badRequest)
            #expect(try await client.send(.patch, base + "/nope/exclude").status == .notFound)
            #expect(try await client.send(.get, Self.sources + "/nope/artifacts").status == .notFound)
        }
    }

    @Test("an entry's file tree and a file's content, large files truncated, unknown paths 404")
    func files() async throws {
        var files = APITestWorld.sourceFiles
        files["skills/pdf/big.txt"] = String(repeating: "é", count: 200 * 1024)
        let world = try await APITestWorld(files: files)
        defer { world.remove() }
        try await world.test { client in
            let created = try await client.send(.post, Self.sources, json: ["url": world.source.url.path])
            let id = try #require((created.object["source"] as? [String: Any])?["id"] as? String)
            let catalog = try await client.send(.get, Self.sources + "/\(id)/artifacts?search=pdf")
            let entryID = try #require((catalog.object["entries"] as? [[String: Any]])?.first?["id"] as? String)
            let base = Self.sources + "/\(id)/artifacts/\(entryID)/files"

            let tree = try await client.send(.get, base)
            #expect(tree.status == .ok, "\(tree.text)")
            let paths = (tree.object["files"] as? [[String: Any]])?.compactMap { $0["path"] as? String }
            #expect(paths == ["skills/pdf/SKILL.md", "skills/pdf/big.txt", "skills/pdf/reference.md"])

            let skill = try await client.send(.get, base + "/skills/pdf/SKILL.md")
            #expect(skill.status == .ok)
            #expect((skill.object["content"] as? String)?.contains("Work with PDFs") == true)
            #expect(skill.object["truncated"] as? Bool == false)
            #expect(skill.object["encoding"] as? String == "utf-8")

            let big = try await client.send(.get, base + "/skills/pdf/big.txt")
            #expect(big.object["truncated"] as? Bool == true)
            #expect(big.object["size"] as? Int == 400 * 1024)
            let content = try #require(big.object["content"] as? String)
            #expect(content.utf8.count <= 256 * 1024 && content.utf8.count > 255 * 1024)

            #expect(try await client.send(.get, base + "/README.md").status == .notFound)
            #expect(try await client.send(.get, base + "/skills/pdf/missing.md").status == .notFound)
        }
    }

    @Test("import: per-entry results, an unknown entry fails alone, bad strategy 400; reimport keeps deployments")
    func importAndReimport() async throws {
        try await APITestWorld.withClient { world, client in
            let created = try await client.send(.post, Self.sources, json: ["url": world.source.url.path])
            let id = try #require((created.object["source"] as? [String: Any])?["id"] as? String)
            let catalog = try await client.send(.get, Self.sources + "/\(id)/artifacts")
            let entries = try #require(catalog.object["entries"] as? [[String: Any]])
            let pdf = try #require(entries.first { $0["name"] as? String == "pdf" }?["id"] as? String)

            #expect(try await client.send(.post, Self.sources + "/\(id)/import", json: ["entry_ids": [pdf], "conflict_strategy": "merge"]).status == .badRequest)
            #expect(try await client.send(.post, Self.sources + "/\(id)/import", json: ["entry_ids": []]).status == .badRequest)
            #expect(try await client.send(.post, Self.sources + "/\(id)/import", json: ["entry_ids": "all"]).status == .unprocessableContent)
            // Not hex, so never a prefix of an entry id (ids hash a random source id; "ffff" once matched one).
            let unknown = try await client.send(.post, Self.sources + "/\(id)/import", json: ["entry_ids": ["no-such-entry"]])
            #expect(unknown.status == .ok)
            #expect((unknown.object["results"] as? [[String: Any]])?.first?["success"] as? Bool == false)

            let imported = try await client.send(.post, Self.sources + "/\(id)/import", json: ["entry_ids": [pdf]])
            #expect(imported.status == .ok, "\(imported.text)")
            let results = try #require(imported.object["results"] as? [[String: Any]])
            #expect(results.first?["status"] as? String == "imported")
            #expect(results.first?["artifact_id"] as? String == "skill:pdf")
            let again = try await client.send(.post, Self.sources + "/\(id)/import", json: ["entry_ids": [pdf], "conflict_strategy": "skip"])
            #expect((again.object["results"] as? [[String: Any]])?.first?["status"] as? String == "skipped")

            let reimported = try await client.send(.post, Self.sources + "/\(id)/entries/\(pdf)/reimport", json: ["keep_deployments": true])
            #expect(reimported.status == .ok, "\(reimported.text)")
            #expect(reimported.object["success"] as? Bool == true)
            #expect(reimported.object["artifact_id"] as? String == "skill:pdf")
            #expect(reimported.object["deployments_restored"] as? Int == 0)
            #expect((reimported.object["message"] as? String)?.isEmpty == false)

            let xlsx = try #require(entries.first { $0["name"] as? String == "xlsx" }?["id"] as? String)
            #expect(try await client.send(.post, Self.sources + "/\(id)/entries/\(xlsx)/reimport").status == .badRequest)
            #expect(try await client.send(.post, Self.sources + "/\(id)/entries/nope/reimport").status == .notFound)
        }
    }

    @Test("refresh-auto-tags takes GitHub topics as pending tags; bulk refresh goes on past a failing source")
    func autoTags() async throws {
        let repository = try FakeGitHubRepository(owner: "acme", name: "tools", files: APITestWorld.sourceFiles, topics: ["claude", "skills"])
        try await FakeGitHub.withServer([repository]) { github in
            let world = try await APITestWorld(environment: ["SKILLMEAT_GITHUB_API_URL": github.apiURL.absoluteString])
            defer { world.remove() }
            try await world.test { client in
                let created = try await client.send(.post, Self.sources, json: ["url": "acme/tools"])
                #expect(created.status == .created, "\(created.text)")
                let one = try await client.send(.post, Self.sources + "/acme-tools/refresh-auto-tags")
                #expect(one.status == .ok, "\(one.text)")
                #expect(one.object["pending_tags"] as? [String] == ["claude", "skills"])

                // A second source whose repository disappears: its refresh fails, the other's does not.
                let gone = try FakeGitHubRepository(owner: "acme", name: "gone", files: ["commands/x.md": "---\ndescription: X\n---\n"])
                github.serve(gone)
                #expect(try await client.send(.post, Self.sources, json: ["url": "acme/gone"]).status == .created)
                github.fail("/repos/acme/gone", times: 10, status: 404)
                let bulk = try await client.send(.post, Self.sources + "/bulk-refresh-auto-tags")
                #expect(bulk.status == .ok, "\(bulk.text)")
                let results = try #require(bulk.object["results"] as? [[String: Any]])
                #expect(results.count == 2)
                #expect(results.first { $0["source_id"] as? String == "acme-tools" }?["success"] as? Bool == true)
                let failed = try #require(results.first { $0["source_id"] as? String == "acme-gone" })
                #expect(failed["success"] as? Bool == false)
                #expect((failed["error"] as? String)?.isEmpty == false)

                let chosen = try await client.send(.post, Self.sources + "/bulk-refresh-auto-tags", json: ["source_ids": ["acme-tools"]])
                #expect((chosen.object["results"] as? [[String: Any]])?.count == 1)
                let unknown = try await client.send(.post, Self.sources + "/bulk-refresh-auto-tags", json: ["source_ids": ["nope"]])
                #expect(unknown.status == .ok, "an unknown id is reported for itself")
                #expect((unknown.object["results"] as? [[String: Any]])?.first?["status"] as? String == "failed")
            }
        }
    }
}
