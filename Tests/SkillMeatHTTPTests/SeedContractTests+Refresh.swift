import Foundation
import Hummingbird
import HummingbirdTesting
import SkillMeatCore
import SkillMeatRegistry
import SkillMeatTestSupport
import Testing

/// Refresh from upstream (seed 002, issue 15 item 3): `POST /user-collections/{id}/refresh` and its rollback.
extension SeedContractTests {
    static let refresh = "/api/v1/user-collections/default/refresh"

    /// The collection's pdf skill as the API shows it.
    static func pdf(_ client: some TestClientProtocol) async throws -> [String: Any] {
        let detail = try await client.send(.get, "/api/v1/artifacts/skill:pdf")
        return try #require(detail.object["artifact"] as? [String: Any], "\(detail.text)")
    }

    @Test("refresh: check_only and dry_run report changes and write nothing; metadata_only rewrites chosen fields, not files; rollback restores")
    func refreshMetadata() async throws {
        try await Self.withSource { client, world, id in
            let catalog = try await client.send(.get, Self.sources + "/\(id)/artifacts")
            let ids = ((catalog.object["entries"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }
            #expect(try await client.send(.post, Self.sources + "/\(id)/import", json: ["entry_ids": ids]).status == .ok)
            let collectionFile = try world.runtime().home.collectionDirectory("default").appending(path: "skills/pdf/SKILL.md")
            let before = try String(contentsOf: collectionFile, encoding: .utf8)
            _ = try world.source.write("skills/pdf/SKILL.md", "---\nname: pdf\ndescription: PDFs, all of them\nauthor: Ada\nlicense: MIT\n---\nNew body\n")

            let check = try await client.send(.post, Self.refresh, json: ["mode": "check_only"])
            #expect(check.status == .ok, "\(check.text)")
            try await Self.expectConforms(check.object, to: "UpstreamRefresh", client)
            let changes = try #require(check.object["changes"] as? [[String: Any]])
            #expect(Set(changes.compactMap { $0["field"] as? String }) == ["description", "author", "license"])
            let description = try #require(changes.first { $0["field"] as? String == "description" })
            #expect(description["artifact_id"] as? String == "skill:pdf")
            #expect(description["old"] as? String == "Work with PDFs" && description["new"] as? String == "PDFs, all of them")
            #expect(check.object["refreshed_count"] as? Int == 1 && check.object["unchanged_count"] as? Int == 2)
            #expect(check.object["skipped_count"] as? Int == 0 && (check.object["errors"] as? [Any])?.isEmpty == true)
            #expect(check.object["snapshot_id"] is NSNull && check.object["duration_seconds"] is Double)
            #expect((check.object["updates"] as? [[String: Any]])?.first { $0["artifact"] as? String == "skill:pdf" }?["status"] as? String == "update_available")
            #expect(try await Self.pdf(client)["description"] as? String == "Work with PDFs")

            let dry = try await client.send(.post, Self.refresh, json: ["dry_run": true])
            #expect(dry.object["mode"] as? String == "metadata_only" && dry.object["refreshed_count"] as? Int == 1 && dry.object["snapshot_id"] is NSNull)
            #expect(try await Self.pdf(client)["description"] as? String == "Work with PDFs")

            let chosen = try await client.send(.post, Self.refresh, json: ["mode": "metadata_only", "artifact_type": "skill", "name_glob": "p*", "fields": ["description", "author"]])
            #expect(chosen.status == .ok, "\(chosen.text)")
            #expect(chosen.object["refreshed_count"] as? Int == 1 && chosen.object["unchanged_count"] as? Int == 0, "only pdf matches")
            #expect(Set(((chosen.object["changes"] as? [[String: Any]]) ?? []).compactMap { $0["field"] as? String }) == ["description", "author"])
            let snapshot = try #require(chosen.object["snapshot_id"] as? String)
            let refreshed = try await Self.pdf(client)
            #expect(refreshed["description"] as? String == "PDFs, all of them" && refreshed["author"] as? String == "Ada")
            #expect(refreshed["license"] as? String == nil, "a field not asked for is left alone")
            #expect(try String(contentsOf: collectionFile, encoding: .utf8) == before, "metadata_only touches no file")

            let rolledBack = try await client.send(.post, Self.refresh + "/rollback", json: [String: Any]())
            #expect(rolledBack.status == .ok, "\(rolledBack.text)")
            try await Self.expectConforms(rolledBack.object, to: "RefreshRollback", client)
            #expect(rolledBack.object["snapshot_id"] as? String == snapshot && rolledBack.object["scope"] as? String == "manifest")
            let restored = try await Self.pdf(client)
            #expect(restored["description"] as? String == "Work with PDFs" && restored["author"] as? String == nil)
            #expect(try await client.send(.get, "/api/v1/artifacts").object["items"] is [Any])
        }
    }

    @Test("refresh sync also updates the files (through update), after a snapshot of the collection; bad input is a 400")
    func refreshSync() async throws {
        try await Self.withSource { client, world, id in
            #expect(try await client.send(.post, Self.refresh + "/rollback", json: [String: Any]()).status == .notFound)
            let catalog = try await client.send(.get, Self.sources + "/\(id)/artifacts?artifact_type=skill")
            let ids = ((catalog.object["entries"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }
            #expect(try await client.send(.post, Self.sources + "/\(id)/import", json: ["entry_ids": ids]).status == .ok)
            _ = try world.source.write("skills/pdf/SKILL.md", "---\nname: pdf\ndescription: PDFs, all of them\n---\nNew body\n")

            #expect(try await client.send(.post, Self.refresh, json: ["mode": "everything"]).status == .badRequest)
            #expect(try await client.send(.post, Self.refresh, json: ["fields": ["colour"]]).status == .badRequest)
            #expect(try await client.send(.post, Self.refresh, json: ["modes": "sync"]).status == .badRequest)
            #expect(try await client.send(.post, Self.refresh, json: ["artifact_type": "widget"]).status == .badRequest)
            #expect(try await client.send(.post, "/api/v1/user-collections/nope/refresh", json: [String: Any]()).status == .notFound)

            let sync = try await client.send(.post, Self.refresh, json: ["mode": "sync"])
            #expect(sync.status == .ok, "\(sync.text)")
            try await Self.expectConforms(sync.object, to: "UpstreamRefresh", client)
            #expect(sync.object["refreshed_count"] as? Int == 1 && sync.object["unchanged_count"] as? Int == 1)
            #expect((sync.object["updates"] as? [[String: Any]])?.first { $0["artifact"] as? String == "skill:pdf" }?["status"] as? String == "updated")
            #expect(sync.object["snapshot_id"] is String)
            let file = try world.runtime().home.collectionDirectory("default").appending(path: "skills/pdf/SKILL.md")
            #expect(try String(contentsOf: file, encoding: .utf8).contains("New body"))
            #expect(try await Self.pdf(client)["description"] as? String == "PDFs, all of them")

            let rolledBack = try await client.send(.post, Self.refresh + "/rollback", json: ["snapshot_id": try #require(sync.object["snapshot_id"] as? String)])
            #expect(rolledBack.status == .ok, "\(rolledBack.text)")
            #expect(rolledBack.object["scope"] as? String == "collection")
            #expect(try String(contentsOf: file, encoding: .utf8).contains("Body\n") && !(try String(contentsOf: file, encoding: .utf8).contains("New body")))
            #expect(try await Self.pdf(client)["description"] as? String == "Work with PDFs")
        }
    }
}
