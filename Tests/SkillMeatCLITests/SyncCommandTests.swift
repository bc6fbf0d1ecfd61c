import Foundation
import SkillMeatPluginAPI
import SkillMeatTestSupport
import Testing

@Suite struct SyncCommandTests {
    /// The same upstream repository as `install`'s tests: a skill with a script, a command, an agent, an MCP server.
    static let files = InstallCommandTests.files
    /// What a person wrote in the project before SkillMeat came (committed with it).
    static let ownMCP = "{\n  \"mcpServers\": {\n    \"mine\": {\"command\": \"my-server\"}\n  }\n}\n"
    static let ownCodex = "# my settings\nmodel = \"o3\"\n"

    /// The project's files under `prefix/`, without SkillMeat's per-machine deployment records.
    static func tree(_ home: TemporaryDirectory, _ prefix: String) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for (path, data) in try home.snapshot() where path.hasPrefix(prefix + "/") && !path.hasSuffix(".skillmeat-deployed.toml") {
            result[String(path.dropFirst(prefix.count + 1))] = data
        }
        return result
    }

    static func writeOwnFiles(_ home: TemporaryDirectory, _ prefix: String) throws {
        _ = try home.write("\(prefix)/.mcp.json", ownMCP)
        _ = try home.write("\(prefix)/.codex/config.toml", ownCodex)
        _ = try home.write("\(prefix)/README.md", "# app\n")
    }

    /// Home A: the artifacts imported from the fake GitHub and deployed into `p1` for both profiles with --save.
    static func firstHome(_ github: FakeGitHub) async throws -> CLIHarness {
        let cli = try CLIHarness(github: github)
        #expect(await cli.run("init").status == 0)
        #expect(await cli.run("source", "add", "acme/tools").status == 0)
        #expect(await cli.run("import", "--source", "acme-tools", "--all").status == 0)
        try writeOwnFiles(cli.home, "p1")
        let deployed = await cli.run(
            "deploy", "pdf", "deploy", "reviewer", "github", "--all-profiles", "--yes", "--save", "--project", cli.home.path("p1").path
        )
        #expect(deployed.status == 0, "\(deployed.error)")
        return cli
    }

    /// `text` without the TOML table `header` (and its keys).
    static func dropTable(_ header: String, from text: String) -> String {
        var kept: [Substring] = []
        var skipping = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("[") { skipping = line == header }
            if !skipping { kept.append(line) }
        }
        return kept.joined(separator: "\n")
    }

    @Test("two homes, one committed manifest: sync on the second gives byte-identical profile folders and merged entries, and status says synced")
    func secondMachine() async throws {
        let repository = try FakeGitHubRepository(owner: "acme", name: "tools", files: Self.files)
        try await FakeGitHub.withServer([repository]) { github in
            let first = try await Self.firstHome(github)
            defer { first.home.remove() }
            let manifest = try first.home.read("p1/skillmeat.toml")
            #expect(manifest.contains("[skills.pdf]") && manifest.contains("source = \"acme/tools\""))
            #expect(try first.home.read("p1/skillmeat.lock").contains("content_hash"))
            // The first machine is in sync with what it saved.
            let check = await first.run("sync", "--frozen", "--project", first.home.path("p1").path)
            #expect(check.status == 0, "\(check.output)\(check.error)")

            // A new machine: an empty home, and the project as committed (manifest, lock, a person's own files).
            let second = try CLIHarness(github: github)
            defer { second.home.remove() }
            #expect(await second.run("init").status == 0)
            try Self.writeOwnFiles(second.home, "p1")
            for name in ["skillmeat.toml", "skillmeat.lock"] { _ = try second.home.write("p1/\(name)", try first.home.read("p1/\(name)")) }
            let lockBefore = try second.home.read("p1/skillmeat.lock")
            let project = second.home.path("p1").path

            // Frozen: a difference is an error, and nothing changes.
            func files() throws -> [String: Data] {
                try second.home.snapshot().filter { $0.key.hasPrefix("p1/") || ($0.key.hasPrefix("collections/") && !$0.key.contains("/.staging")) }
            }
            let before = try files()
            let frozen = await second.run("sync", "--frozen", "--project", project)
            #expect(frozen.status == 1)
            #expect(try files() == before)
            let plan = try #require(try second.json(await second.run("sync", "--dry-run", "--json", "--project", project)) as? [String: Any])
            #expect(plan["in_sync"] as? Bool == false && plan["applied"] as? Bool == false)

            let synced = await second.run("sync", "--yes", "--project", project)
            #expect(synced.status == 0, "\(synced.output)\(synced.error)")
            let firstTree = try Self.tree(first.home, "p1")
            let secondTree = try Self.tree(second.home, "p1")
            #expect(Set(firstTree.keys) == Set(secondTree.keys))
            for (path, data) in firstTree where secondTree[path] != data {
                Issue.record("\(path) differs: \(String(decoding: data, as: UTF8.self)) vs \(String(decoding: secondTree[path] ?? Data(), as: UTF8.self))")
            }
            #expect(firstTree.keys.contains { $0.hasPrefix(".claude/skills/pdf/") } && firstTree.keys.contains { $0.hasPrefix(".agents/skills/") })
            #expect(firstTree.keys.contains { $0.hasPrefix(".codex/agents/") })
            #expect(String(decoding: secondTree[".mcp.json"] ?? Data(), as: UTF8.self).contains("\"mine\""))
            #expect(String(decoding: secondTree[".codex/config.toml"] ?? Data(), as: UTF8.self).contains("mcp_servers"))
            #expect(try second.home.read("p1/skillmeat.lock") == lockBefore)
            let status = try #require(try second.json(await second.run("status", "--json", "--project", project)) as? [[String: Any]])
            #expect(status.count == 8 && status.allSatisfy { $0["state"] as? String == "synced" })
            let again = await second.run("sync", "--frozen", "--project", project)
            #expect(again.status == 0, "\(again.output)\(again.error)")

            // A clone that committed the deployed files too: sync takes them over without a conflict.
            let third = try CLIHarness(github: github)
            defer { third.home.remove() }
            #expect(await third.run("init").status == 0)
            for (path, data) in firstTree { _ = try third.home.write("p1/\(path)", data) }
            let taken = await third.run("sync", "--yes", "--project", third.home.path("p1").path)
            #expect(taken.status == 0, "\(taken.output)\(taken.error)")
            #expect(try Self.tree(third.home, "p1") == firstTree)
        }
    }

    @Test("an artifact taken off the manifest is undeployed by sync, exactly what it deployed and nothing else")
    func removeFromManifest() async throws {
        let repository = try FakeGitHubRepository(owner: "acme", name: "tools", files: Self.files)
        try await FakeGitHub.withServer([repository]) { github in
            let cli = try await Self.firstHome(github)
            defer { cli.home.remove() }
            let project = cli.home.path("p1").path
            let records = try cli.home.read("p1/.claude/.skillmeat-deployed.toml") + (try cli.home.read("p1/.codex/.skillmeat-deployed.toml"))
            #expect(records.contains("artifact_name = \"deploy\""))
            let before = try Self.tree(cli.home, "p1")
            _ = try cli.home.write("p1/skillmeat.toml", Self.dropTable("[commands.deploy]", from: try cli.home.read("p1/skillmeat.toml")))

            let frozen = await cli.run("sync", "--frozen", "--project", project)
            #expect(frozen.status == 1)
            let synced = await cli.run("sync", "--yes", "--project", project)
            #expect(synced.status == 0, "\(synced.output)\(synced.error)")
            let after = try Self.tree(cli.home, "p1")
            let removed = Set(before.keys).subtracting(after.keys)
            #expect(removed == [".claude/commands/deploy.md", ".agents/skills/deploy/SKILL.md"], "\(removed.sorted())")
            for (path, data) in after where path != "skillmeat.toml" && path != "skillmeat.lock" {
                #expect(before[path] == data, "\(path) changed")
            }
            #expect(!(try cli.home.read("p1/skillmeat.lock")).contains("[commands.deploy]"))
            #expect(await cli.run("sync", "--frozen", "--project", project).status == 0)
        }
    }

    @Test("update NAME and sync change only what was named or listed")
    func neverWidens() async throws {
        let repository = try FakeGitHubRepository(owner: "acme", name: "tools", files: Self.files)
        try await FakeGitHub.withServer([repository]) { github in
            let cli = try await Self.firstHome(github)
            defer { cli.home.remove() }
            let project = cli.home.path("p1").path
            // Upstream moves on for every artifact.
            var moved = Self.files
            for (path, text) in Self.files where path.hasSuffix(".md") { moved[path] = text + "Changed upstream.\n" }
            try github.setBranch("acme/tools", "main", files: moved)
            let collectionBefore = try cli.home.snapshot().filter { $0.key.hasPrefix("collections/default/") && !$0.key.hasSuffix(".toml") && !$0.key.hasSuffix(".lock") }
            let projectBefore = try Self.tree(cli.home, "p1")

            // sync follows the lock, not the moved branch: nothing changes.
            let synced = await cli.run("sync", "--yes", "--project", project)
            #expect(synced.status == 0, "\(synced.output)\(synced.error)")
            #expect(try Self.tree(cli.home, "p1") == projectBefore)

            // update names one artifact: only its collection copy changes.
            let updated = await cli.run("update", "reviewer")
            #expect(updated.status == 0, "\(updated.output)\(updated.error)")
            let collectionAfter = try cli.home.snapshot().filter { $0.key.hasPrefix("collections/default/") && !$0.key.hasSuffix(".toml") && !$0.key.hasSuffix(".lock") }
            let changed = Set(collectionAfter.keys.filter { collectionAfter[$0] != collectionBefore[$0] })
            #expect(changed == ["collections/default/agents/reviewer.md"], "\(changed.sorted())")

            // Its deployed copies followed (update refreshes copies nobody edited), and nothing else in the project.
            let projectAfter = try Self.tree(cli.home, "p1")
            let touched = Set(projectAfter.keys.filter { projectAfter[$0] != projectBefore[$0] })
            #expect(!touched.isEmpty && touched.allSatisfy { $0.contains("reviewer") }, "\(touched.sorted())")

            // outdated: the other artifacts are behind upstream; a collection copy changed by hand puts its deployments behind.
            _ = try cli.home.write("collections/default/skills/pdf/SKILL.md", "---\nname: pdf\ndescription: Work with PDFs\n---\nEdited.\n")
            let report = try #require(try cli.json(await cli.run("outdated", "--json")) as? [String: Any])
            let items = try #require(report["items"] as? [[String: Any]])
            let upstream = Set(items.filter { $0["kind"] as? String == "collection_vs_upstream" }.compactMap { $0["artifact"] as? String })
            #expect(upstream.isSuperset(of: ["skill:pdf", "command:deploy"]) && !upstream.contains("agent:reviewer"), "\(upstream)")
            let deployments = items.filter { $0["kind"] as? String == "project_vs_collection" }
            #expect(deployments.count == 2 && deployments.allSatisfy { $0["artifact"] as? String == "skill:pdf" && $0["action"] as? String == "sync_project" }, "\(deployments)")
            #expect((report["catalogs"] as? [[String: Any]])?.first?["age_seconds"] as? Int != nil)
            let table = await cli.run("outdated")
            #expect(table.output.contains("skillmeat update pdf") && table.output.contains("skillmeat sync --project"), "\(table.output)")
        }
    }
}
