import Foundation
import Hummingbird
import HummingbirdTesting
import SkillMeatCore
import SkillMeatHTTP
import SkillMeatRegistry
import SkillMeatTestSupport
import Testing

/// The seeds' API contract (SkillMeat's design notes, issue 15): each test sends a request the
/// seeds show, checks the response's shape field by field, and then the state it left.
@Suite struct SeedContractTests {
    static let sources = "/api/v1/marketplace/sources"

    /// Runs `body` with a client of a new world whose folder (`files`) was added as a source, and its id.
    static func withSource(
        files: [String: String] = APITestWorld.sourceFiles, _ body: @Sendable (any TestClientProtocol, APITestWorld, String) async throws -> Void
    ) async throws {
        let world = try await APITestWorld(files: files)
        defer { world.remove() }
        try await world.test { client in try await body(client, world, try await addSource(client, world)) }
    }

    /// Adds the world's folder as a source; returns its id.
    static func addSource(_ client: some TestClientProtocol, _ world: APITestWorld) async throws -> String {
        let created = try await client.send(.post, sources, json: ["url": world.source.url.path])
        #expect(created.status == .created, "\(created.text)")
        return try #require((created.object["source"] as? [String: Any])?["id"] as? String)
    }

    @Test("catalog list pages as {entries, total, page, page_size} with counts, filtered by status and artifact_type")
    func catalogPages() async throws {
        try await Self.withSource { client, world, id in
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
        try await Self.withSource { client, world, id in
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
        try await Self.withSource { client, world, id in
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

extension SeedContractTests {
    @Test("import {entry_ids} answers {results: [{entry_id, success, artifact_id, import_date}]} with counts; an unknown id fails alone")
    func importResults() async throws {
        try await Self.withSource { client, world, id in
            let catalog = try await client.send(.get, Self.sources + "/\(id)/artifacts")
            let ids = ((catalog.object["entries"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }
            let response = try await client.send(.post, Self.sources + "/\(id)/import", json: ["entry_ids": ids + ["no-such-entry"]])
            #expect(response.status == .ok, "\(response.text)")
            let results = try #require(response.object["results"] as? [[String: Any]])
            #expect(results.count == 4)
            #expect(response.object["total_count"] as? Int == 4)
            #expect(response.object["imported_count"] as? Int == 3)
            #expect(response.object["failed_count"] as? Int == 1)
            #expect(response.object["skipped_count"] as? Int == 0)
            for result in results where result["entry_id"] as? String != "no-such-entry" {
                #expect(result["success"] as? Bool == true)
                #expect(result["artifact_id"] is String && result["import_date"] is String)
            }
            let failed = try #require(results.first { $0["entry_id"] as? String == "no-such-entry" })
            #expect(failed["success"] as? Bool == false)
            #expect(failed["artifact_id"] is NSNull && failed["import_date"] is NSNull)
            #expect((failed["error"] as? String)?.isEmpty == false)
            let list = try await client.send(.get, "/api/v1/artifacts")
            #expect((list.object["items"] as? [[String: Any]])?.count == 3)
        }
    }

    @Test("re-import records a new import_id and import_date; a failed re-import is an error status with detail")
    func reimportRecordsAnImport() async throws {
        try await Self.withSource { client, world, id in
            let catalog = try await client.send(.get, Self.sources + "/\(id)/artifacts?search=pdf")
            let pdf = try #require((catalog.object["entries"] as? [[String: Any]])?.first?["id"] as? String)
            _ = try await client.send(.post, Self.sources + "/\(id)/import", json: ["entry_ids": [pdf]])
            func entry() async throws -> [String: Any] {
                let list = try await client.send(.get, Self.sources + "/\(id)/artifacts?status=imported")
                return try #require((list.object["entries"] as? [[String: Any]])?.first)
            }
            let before = try await entry()
            try await Task.sleep(for: .milliseconds(1100))
            let reimported = try await client.send(.post, Self.sources + "/\(id)/entries/\(pdf)/reimport", json: [String: Any]())
            #expect(reimported.status == .ok, "\(reimported.text)")
            let after = try await entry()
            #expect(after["import_id"] as? String != before["import_id"] as? String)
            #expect(after["import_date"] as? String != before["import_date"] as? String)

            // Gone upstream: the re-import fails with a status and one sentence, no staging path.
            try FileManager.default.removeItem(at: world.source.path("skills/pdf"))
            #expect(try await client.send(.post, Self.sources + "/\(id)/rescan").status == .ok)
            let failed = try await client.send(.post, Self.sources + "/\(id)/entries/\(pdf)/reimport", json: [String: Any]())
            #expect(failed.status == .badRequest, "\(failed.text)")
            let detail = try #require(failed.detail)
            #expect(detail.contains("no longer in the source"), "\(detail)")
            #expect(!detail.contains("staging") && !detail.contains(world.home.url.path), "\(detail)")
            #expect(failed.object["success"] == nil)
        }
    }

    @Test("importing an entry removed upstream fails that entry with one sentence, even when its path now holds another type")
    func importRemovedEntry() async throws {
        try await Self.withSource { client, world, id in
            let catalog = try await client.send(.get, Self.sources + "/\(id)/artifacts?artifact_type=command")
            let deploy = try #require((catalog.object["entries"] as? [[String: Any]])?.first?["id"] as? String)
            // The command's file becomes an agent: the command entry is removed, an agent entry is new.
            try FileManager.default.removeItem(at: world.source.path("commands/deploy.md"))
            _ = try world.source.write("agents/deploy.md", "---\nname: deploy\ndescription: Deploys\n---\nDeploy\n")
            #expect(try await client.send(.post, Self.sources + "/\(id)/rescan").status == .ok)
            let response = try await client.send(.post, Self.sources + "/\(id)/import", json: ["entry_ids": [deploy]])
            #expect(response.status == .ok, "\(response.text)")
            let result = try #require((response.object["results"] as? [[String: Any]])?.first)
            #expect(result["success"] as? Bool == false)
            let message = try #require(result["message"] as? String)
            #expect(message.contains("no longer in the source"), "\(message)")
            #expect(!message.contains("staging") && !message.contains(world.home.url.path), "\(message)")
            let list = try await client.send(.get, "/api/v1/artifacts")
            #expect((list.object["items"] as? [[String: Any]])?.isEmpty == true)
        }
    }
}

extension SeedContractTests {
    @Test("rescan answers ScanResultDTO: artifacts_found, new/updated/removed/unchanged counts, duplicates, totals, duration, time")
    func rescanResult() async throws {
        var files = APITestWorld.sourceFiles
        files["plugins/copy/skills/pdf/SKILL.md"] = files["skills/pdf/SKILL.md"]
        files["plugins/copy/skills/pdf/reference.md"] = files["skills/pdf/reference.md"]
        try await Self.withSource(files: files) { client, world, id in
            try FileManager.default.removeItem(at: world.source.path("commands/deploy.md"))
            _ = try world.source.write("skills/xlsx/SKILL.md", "---\nname: xlsx\ndescription: Spreadsheets, now with charts\n---\n")
            _ = try world.source.write("agents/reviewer.md", "---\nname: reviewer\ndescription: Reviews\n---\nReview\n")
            let rescan = try await client.send(.post, Self.sources + "/\(id)/rescan")
            #expect(rescan.status == .ok, "\(rescan.text)")
            let scan = rescan.object
            #expect(scan["new_count"] as? Int == 1)
            #expect(scan["updated_count"] as? Int == 1)
            #expect(scan["removed_count"] as? Int == 1)
            #expect(scan["unchanged_count"] as? Int == 2, "pdf and its duplicate, seen again")
            #expect(scan["duplicates_within_source"] as? Int == 1)
            #expect(scan["duplicates_cross_source"] as? Int == 0)
            #expect(scan["total_detected"] as? Int == 4)
            #expect(scan["total_unique"] as? Int == 3 && scan["artifacts_found"] as? Int == 3)
            #expect((scan["scan_duration_ms"] as? Int).map { $0 >= 0 } == true)
            #expect(scan["scanned_at"] is String)
            #expect(scan["upstream_changes"] is [String] && scan["source_id"] as? String == id)
        }
    }

    @Test("rename an entry: PATCH {name} validates it, the import uses it, a rescan keeps it, and a taken name is refused")
    func renameEntry() async throws {
        try await Self.withSource { client, world, id in
            let catalog = try await client.send(.get, Self.sources + "/\(id)/artifacts?artifact_type=skill")
            let entries = try #require(catalog.object["entries"] as? [[String: Any]])
            let pdf = try #require(entries.first { $0["name"] as? String == "pdf" }?["id"] as? String)
            let path = Self.sources + "/\(id)/artifacts/\(pdf)"

            #expect(try await client.send(.patch, path, json: ["name": "Not A Skill Name"]).status == .badRequest)
            #expect(try await client.send(.patch, path, json: ["name": "xlsx"]).status == .conflict)
            #expect(try await client.send(.patch, path, json: [String: Any]()).status == .unprocessableContent)
            let renamed = try await client.send(.patch, path, json: ["name": "pdf-tools"])
            #expect(renamed.status == .ok, "\(renamed.text)")
            #expect(renamed.object["name"] as? String == "pdf-tools")
            #expect(renamed.object["detected_name"] as? String == "pdf")
            #expect(renamed.object["import_name"] as? String == "pdf-tools")

            _ = try world.source.write("skills/pdf/SKILL.md", "---\nname: pdf\ndescription: Work with PDFs, faster\n---\nBody\n")
            #expect(try await client.send(.post, Self.sources + "/\(id)/rescan").status == .ok)
            let after = try await client.send(.get, Self.sources + "/\(id)/artifacts?search=pdf")
            let entry = try #require((after.object["entries"] as? [[String: Any]])?.first { $0["id"] as? String == pdf })
            #expect(entry["name"] as? String == "pdf-tools" && entry["status"] as? String == "updated")

            let imported = try await client.send(.post, Self.sources + "/\(id)/import", json: ["entry_ids": [pdf]])
            #expect((imported.object["results"] as? [[String: Any]])?.first?["artifact_id"] as? String == "skill:pdf-tools", "\(imported.text)")
            #expect(try await client.send(.get, "/api/v1/artifacts/skill:pdf-tools").status == .ok)
        }
    }
}

extension SeedContractTests {
    @Test("file tree and content addressed by the entry's path (seed 004): entries with path and type; content with truncated, original_size, cached")
    func filesByPath() async throws {
        var files = APITestWorld.sourceFiles
        files["skills/pdf/scripts/fill.py"] = "print('fill')\n"
        try await Self.withSource(files: files) { client, world, id in
            let base = Self.sources + "/\(id)/artifacts/skills%2Fpdf/files"
            let tree = try await client.send(.get, base)
            #expect(tree.status == .ok, "\(tree.text)")
            let entries = try #require(tree.object["entries"] as? [[String: Any]])
            let nodes = entries.map { "\($0["type"] as? String ?? "?") \($0["path"] as? String ?? "?")" }
            #expect(nodes == ["file SKILL.md", "file reference.md", "directory scripts", "file scripts/fill.py"])

            let content = try await client.send(.get, base + "/SKILL.md")
            #expect(content.status == .ok, "\(content.text)")
            #expect((content.object["content"] as? String)?.contains("Work with PDFs") == true)
            #expect(content.object["truncated"] as? Bool == false)
            #expect(content.object["original_size"] as? Int == content.object["size"] as? Int)
            #expect(content.object["cached"] as? Bool == false)
            #expect(content.object["cache_age_seconds"] is NSNull)
            #expect(try await client.send(.get, base + "/scripts/fill.py").status == .ok)

            let command = try await client.send(.get, Self.sources + "/\(id)/artifacts/commands%2Fdeploy.md/files/deploy.md")
            #expect(command.status == .ok, "\(command.text)")
            #expect(try await client.send(.get, Self.sources + "/\(id)/artifacts/skills%2Fnope/files").status == .notFound)
        }
    }
}

extension SeedContractTests {
    @Test("source create takes repo_url, root_hint, trust_level and SkillMeat's {type: [paths]} manual map; an unknown field is a 400")
    func createSourceAsSkillMeat() async throws {
        var files = APITestWorld.sourceFiles
        files["tools/notes/extra.md"] = "---\ndescription: Extra\n---\nExtra\n"
        let world = try await APITestWorld(files: files)
        defer { world.remove() }
        try await world.test { client in
            let unknown = try await client.send(.post, Self.sources, json: ["repo_url": world.source.url.path, "enable_magic": true])
            #expect(unknown.status == .badRequest)
            #expect(unknown.detail?.contains("'enable_magic'") == true, "\(unknown.text)")
            #expect(try await client.send(.post, Self.sources, json: ["repo_url": world.source.url.path, "url": "/elsewhere"]).status == .badRequest)
            #expect(try await client.send(.post, Self.sources, json: ["root_hint": "skills"]).status == .unprocessableContent)

            let created = try await client.send(.post, Self.sources, json: [
                "repo_url": world.source.url.path, "trust_level": "verified", "manual_map": ["command": ["tools/notes/extra.md"]],
            ])
            #expect(created.status == .created, "\(created.text)")
            let source = try #require(created.object["source"] as? [String: Any])
            #expect(source["trust"] as? String == "trusted")
            #expect((source["manual_map"] as? [String: String])?["tools/notes/extra.md"] == "command")
            let id = try #require(source["id"] as? String)
            #expect(try await client.send(.delete, Self.sources + "/\(id)").status == .noContent)

            let rooted = try await client.send(.post, Self.sources, json: ["repo_url": world.source.url.path, "root_hint": "skills"])
            #expect(rooted.status == .created, "\(rooted.text)")
            #expect((rooted.object["source"] as? [String: Any])?["root"] as? String == "skills")
            #expect((rooted.object["scan"] as? [String: Any])?["new_count"] as? Int == 2)
        }
    }
}

extension SeedContractTests {
    @Test("DELETE /artifacts/{type:name} answers 204, finds the collection that has it when none is named, and resets the entry to new")
    func deleteFromAnyCollection() async throws {
        try await Self.withSource { client, world, id in
            let catalog = try await client.send(.get, Self.sources + "/\(id)/artifacts?search=pdf")
            let pdf = try #require((catalog.object["entries"] as? [[String: Any]])?.first?["id"] as? String)
            // Into a collection other than the default one.
            try CollectionStore(home: try world.runtime().home, name: "work").create()
            let imported = try await client.send(.post, Self.sources + "/\(id)/import", json: ["entry_ids": [pdf], "collection": "work"])
            #expect(imported.status == .ok, "\(imported.text)")
            let removed = try await client.send(.delete, "/api/v1/artifacts/skill:pdf")
            #expect(removed.status == .noContent, "\(removed.text)")
            #expect(removed.text.isEmpty)
            let entry = try await client.send(.get, Self.sources + "/\(id)/artifacts?search=pdf")
            #expect((entry.object["entries"] as? [[String: Any]])?.first?["status"] as? String == "new")
            #expect(try await client.send(.delete, "/api/v1/artifacts/skill:pdf").status == .notFound)
        }
    }
}

extension SeedContractTests {
    @Test("/artifacts items carry source (a link to the source and entry), origin, origin_source, synced_at and DeploymentSummary deployments")
    func artifactItems() async throws {
        try await Self.withSource { client, world, sourceID in
            let project = try TemporaryDirectory(prefix: "skillmeat-http-project")
            defer { project.remove() }
            let catalog = try await client.send(.get, Self.sources + "/\(sourceID)/artifacts")
            let ids = ((catalog.object["entries"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }
            #expect(try await client.send(.post, Self.sources + "/\(sourceID)/import", json: ["entry_ids": ids]).status == .ok)
            #expect(try await client.send(.post, "/api/v1/projects", json: ["path": project.url.path]).status == .created)
            let deployed = try await client.send(.post, "/api/v1/deploy", json: ["names": ["pdf"], "project_path": project.url.path, "profiles": ["claude_code"]])
            #expect(deployed.status == .ok, "\(deployed.text)")
            let list = try await client.send(.get, "/api/v1/artifacts?type=skill&search=pdf")
            let item = try #require((list.object["items"] as? [[String: Any]])?.first)
            #expect(item["origin"] as? String == "marketplace")
            #expect(item.keys.contains("origin_source") && item["synced_at"] is String)
            let source = try #require(item["source"] as? [String: Any])
            #expect(source["source_id"] as? String == sourceID)
            let entryID = try #require(source["entry_id"] as? String)
            #expect(try await client.send(.get, Self.sources + "/\(sourceID)/artifacts/\(entryID)/files").status == .ok)
            let deployment = try #require((item["deployments"] as? [[String: Any]])?.first)
            for field in ["project_path", "project_name", "deployed_at", "content_hash", "deployment_profile_id", "local_modifications", "platform"] {
                #expect(deployment.keys.contains(field), "DeploymentSummary lacks \(field)")
            }
            #expect(deployment["project_name"] as? String == project.url.lastPathComponent)
            #expect(deployment["deployment_profile_id"] as? String == "claude_code")

            let local = try await client.send(.get, "/api/v1/artifacts?type=command")
            #expect((local.object["items"] as? [[String: Any]])?.first?["source"] is [String: Any])
        }
    }
}
