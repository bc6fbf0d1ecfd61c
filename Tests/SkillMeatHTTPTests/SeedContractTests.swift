import Foundation
import Hummingbird
import HummingbirdTesting
import SkillMeatHTTP
import SkillMeatTestSupport
import Testing

/// The seeds' API contract (SkillMeat's design notes, issue 15): each test sends a request the
/// seeds show, checks the response's shape field by field, and then the state it left.
@Suite struct SeedContractTests {
    static let sources = "/api/v1/marketplace/sources"

    /// Adds the world's folder as a source; returns its id.
    static func addSource(_ client: some TestClientProtocol, _ world: APITestWorld) async throws -> String {
        let created = try await client.send(.post, sources, json: ["url": world.source.url.path])
        #expect(created.status == .created, "\(created.text)")
        return try #require((created.object["source"] as? [String: Any])?["id"] as? String)
    }

    @Test("catalog list pages as {entries, total, page, page_size} with counts, filtered by status and artifact_type")
    func catalogPages() async throws {
        let world = try await APITestWorld()
        defer { world.remove() }
        try await world.test { client in
            let id = try await Self.addSource(client, world)
            let first = try await client.send(.get, Self.sources + "/\(id)/artifacts?status=new,updated&artifact_type=&page=1&page_size=2")
            #expect(first.status == .ok, "\(first.text)")
            #expect(first.object["total"] as? Int == 3)
            #expect(first.object["page"] as? Int == 1)
            #expect(first.object["page_size"] as? Int == 2)
            #expect((first.object["entries"] as? [[String: Any]])?.count == 2)
            #expect((first.object["counts_by_status"] as? [String: Int])?["new"] == 3)
            #expect((first.object["counts_by_type"] as? [String: Int])?["skill"] == 2)
            let second = try await client.send(.get, Self.sources + "/\(id)/artifacts?page=2&page_size=2")
            #expect(second.object["page"] as? Int == 2)
            #expect(second.object["total"] as? Int == 3)
            let names = ((first.object["entries"] as? [[String: Any]]) ?? []) + ((second.object["entries"] as? [[String: Any]]) ?? [])
            #expect(Set(names.compactMap { $0["name"] as? String }) == ["deploy", "pdf", "xlsx"])
            let skills = try await client.send(.get, Self.sources + "/\(id)/artifacts?artifact_type=skill")
            #expect(skills.object["total"] as? Int == 2)
            #expect(((skills.object["entries"] as? [[String: Any]]) ?? []).allSatisfy { $0["artifact_type"] as? String == "skill" })
            let imported = try await client.send(.get, Self.sources + "/\(id)/artifacts?status=imported")
            #expect(imported.object["total"] as? Int == 0)
            #expect(try await client.send(.get, Self.sources + "/\(id)/artifacts?page=0").status == .badRequest)
            #expect(try await client.send(.get, Self.sources + "/\(id)/artifacts?page=2&cursor=x").status == .badRequest)
        }
    }

    @Test("a query parameter an endpoint does not take is a 400 that names it, on every endpoint")
    func unknownQueryParameters() async throws {
        let world = try await APITestWorld()
        defer { world.remove() }
        try await world.test { client in
            let id = try await Self.addSource(client, world)
            let misspelt = try await client.send(.get, Self.sources + "/\(id)/artifacts?artifact_typ=skill")
            #expect(misspelt.status == .badRequest)
            #expect(misspelt.detail?.contains("'artifact_typ'") == true, "\(misspelt.text)")
            #expect(try await client.send(.get, "/api/v1/artifacts?colection=default").status == .badRequest)
            #expect(try await client.send(.get, Self.sources + "/\(id)?verbose=1").status == .badRequest)
            #expect(try await client.send(.get, "/health?x=1").status == .badRequest)
            #expect(try await client.send(.get, "/api/v1/artifacts?collection=default").status == .ok)
        }
    }

    @Test("a catalog entry has SkillMeat's CatalogEntry fields, absent values as null, and the artifact it was imported as")
    func catalogEntryFields() async throws {
        let world = try await APITestWorld()
        defer { world.remove() }
        try await world.test { client in
            let id = try await Self.addSource(client, world)
            let list = try await client.send(.get, Self.sources + "/\(id)/artifacts?artifact_type=skill&search=pdf")
            let entry = try #require((list.object["entries"] as? [[String: Any]])?.first)
            for field in [
                "id", "source_id", "artifact_type", "name", "path", "upstream_url", "status", "import_date", "import_id",
                "confidence_score", "score_breakdown", "detected_version", "detected_sha", "detected_at", "artifact_id",
            ] {
                #expect(entry.keys.contains(field), "CatalogEntry lacks \(field)")
            }
            #expect(entry["type"] == nil && entry["confidence"] == nil, "the old names are gone where the seeds name the field")
            #expect(entry["artifact_type"] as? String == "skill")
            #expect(entry["confidence_score"] is Int)
            #expect(entry["import_date"] is NSNull && entry["import_id"] is NSNull && entry["artifact_id"] is NSNull)
            #expect((entry["score_breakdown"] as? [String: Any])?["reasons"] is [String])
            let entryID = try #require(entry["id"] as? String)
            let imported = try await client.send(.post, Self.sources + "/\(id)/import", json: ["entry_ids": [entryID]])
            #expect(imported.status == .ok, "\(imported.text)")
            let after = try await client.send(.get, Self.sources + "/\(id)/artifacts?status=imported")
            let importedEntry = try #require((after.object["entries"] as? [[String: Any]])?.first)
            #expect(importedEntry["artifact_id"] as? String == "skill:pdf")
            #expect(importedEntry["import_id"] is String && importedEntry["import_date"] is String)
        }
    }
}
