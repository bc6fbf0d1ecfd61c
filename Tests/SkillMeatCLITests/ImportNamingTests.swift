import Foundation
import GRDB
import SkillMeatTestSupport
import Testing

/// A marketplace whose plugins ship components of the same name: every entry gets a name of its own,
/// shown before import, and deploys side by side.
@Suite struct ImportNamingTests {
    static func plugin(_ name: String) -> [String: String] {
        [
            "plugins/\(name)/.claude-plugin/plugin.json": #"{"name": "\#(name)", "description": "The \#(name) plugin"}"#,
            "plugins/\(name)/commands/help.md": "---\ndescription: Help for \(name)\n---\nExplain how \(name) works.\n",
            "plugins/\(name)/skills/review/SKILL.md": "---\nname: review\ndescription: Review with \(name)\n---\nReview the \(name) way.\n",
            "plugins/\(name)/agents/reviewer.md": "---\nname: reviewer\ndescription: Reviews for \(name)\n---\nYou review for \(name).\n",
            "plugins/\(name)/hooks/hooks.json":
                #"{"hooks": {"Stop": [{"hooks": [{"type": "command", "command": "echo \#(name) done"}]}]}}"#,
        ]
    }

    static let files: [String: String] = {
        var files = plugin("alpha").merging(plugin("beta")) { first, _ in first }
        // A Cursor hooks file named after the plugin too, as the Claude Code one is.
        files["plugins/alpha/.cursor/hooks.json"] = #"{"version": 1, "hooks": {"stop": [{"command": "echo cursor done"}]}}"#
        files[".claude-plugin/marketplace.json"] = #"""
            {"name": "twins", "owner": {"name": "Ada"}, "plugins": [
              {"name": "alpha", "source": "./plugins/alpha"}, {"name": "beta", "source": "./plugins/beta"}]}
            """#
        return files
    }()

    static func world() async throws -> CLIHarness {
        let cli = try CLIHarness()
        for (path, text) in files { try cli.home.write("twins/\(path)", text) }
        #expect(await cli.run("init").status == 0)
        let added = await cli.run("source", "add", cli.home.path("twins").path, "--name", "twins")
        #expect(added.status == 0, "\(added.error)")
        return cli
    }

    @Test("import --all of a marketplace with same-named components imports every entry under the name the catalog showed, exit 0")
    func importsEveryEntry() async throws {
        let cli = try await Self.world()
        defer { cli.home.remove() }
        let before = try await ImportCommandTests.entries(cli)
        let importable = before.filter { $0["status"] as? String != "excluded" }
        // Four components in each of two plugins, and the Cursor hooks file.
        #expect(importable.count == 9)
        let shown = Dictionary(uniqueKeysWithValues: importable.map { ($0["id"] as! String, "\($0["artifact_type"]!):\($0["import_name"]!)") })
        #expect(Set(shown.values).count == shown.count, "import names collide: \(shown.values.sorted())")
        #expect(Set(shown.values).isSuperset(of: [
            "command:alpha:help", "command:beta:help", "skill:alpha-review", "skill:beta-review", "agent:alpha-reviewer",
            "agent:beta-reviewer", "hook:alpha", "hook:cursor-alpha", "hook:beta",
        ]))

        let result = await cli.run("import", "--source", "twins", "--all", "--json")
        #expect(result.status == 0, "\(result.output) \(result.error)")
        let report = try #require(try cli.json(result) as? [String: Any])
        let results = try #require(report["results"] as? [[String: Any]])
        #expect(results.count == importable.count)
        #expect(results.allSatisfy { $0["status"] as? String == "imported" }, "\(results)")
        // Each went in under the name the catalog showed before the import.
        #expect(Set(results.compactMap { $0["entry_id"] as? String }.map { shown[$0] }) == Set(shown.values.map(Optional.some)))
        #expect(Set(results.compactMap { $0["artifact_id"] as? String }) == Set(shown.values))
        let after = try await ImportCommandTests.entries(cli)
        #expect(after.filter { $0["status"] as? String != "excluded" }.allSatisfy { $0["status"] as? String == "imported" })
        let table = await cli.run("catalog", "list", "--source", "twins")
        #expect(table.output.contains("IMPORTS AS") && table.output.contains("alpha:help"))
    }

    @Test("two commands named help from different plugins deploy side by side: Claude Code command subfolders, Codex skills")
    func deploySideBySide() async throws {
        let cli = try await Self.world()
        defer { cli.home.remove() }
        #expect(await cli.run("import", "--source", "twins", "--all").status == 0)
        let project = cli.home.path("project")
        try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
        let deployed = await cli.run(
            "deploy", "alpha:help", "beta:help", "--type", "command", "--project", project.path, "--all-profiles", "--yes"
        )
        #expect(deployed.status == 0, "\(deployed.output) \(deployed.error)")
        let alpha = try String(contentsOf: project.appending(path: ".claude/commands/alpha/help.md"), encoding: .utf8)
        let beta = try String(contentsOf: project.appending(path: ".claude/commands/beta/help.md"), encoding: .utf8)
        #expect(alpha.contains("alpha works") && beta.contains("beta works"))
        #expect(try String(contentsOf: project.appending(path: ".agents/skills/alpha-help/SKILL.md"), encoding: .utf8).contains("alpha works"))
        #expect(try String(contentsOf: project.appending(path: ".agents/skills/beta-help/SKILL.md"), encoding: .utf8).contains("beta works"))
        let status = try #require(try cli.json(await cli.run("status", "--project", project.path, "--json")) as? [[String: Any]])
        #expect(status.count == 4 && status.allSatisfy { $0["state"] as? String == "synced" }, "\(status)")
        #expect(await cli.run("undeploy", "alpha:help", "--type", "command", "--project", project.path, "--profile", "claude_code").status == 0)
        #expect(!FileManager.default.fileExists(atPath: project.appending(path: ".claude/commands/alpha").path))
        #expect(FileManager.default.fileExists(atPath: project.appending(path: ".claude/commands/beta/help.md").path))
    }

    @Test("a name taken by another source's artifact stays a conflict, and the message names both sources")
    func crossSourceConflict() async throws {
        let cli = try await Self.world()
        defer { cli.home.remove() }
        try cli.home.write("other/commands/alpha:help.md", "---\ndescription: Someone else's help\n---\nOther help.\n")
        try cli.home.write("other/skills/alpha-review/SKILL.md", "---\nname: alpha-review\ndescription: Another review\n---\nOther.\n")
        #expect(await cli.run("source", "add", cli.home.path("other").path, "--name", "other").status == 0)
        #expect(await cli.run("import", "--source", "twins", "--all").status == 0)
        let skipped = await cli.run("import", "--source", "other", "--all", "--json")
        #expect(skipped.status == 3)
        let results = try #require((try cli.json(skipped) as? [String: Any])?["results"] as? [[String: Any]])
        let review = try #require(results.first { ($0["message"] as? String)?.contains("alpha-review") == true })
        #expect(review["status"] as? String == "skipped")
        let message = try #require(review["message"] as? String)
        #expect(message.contains("'other'") && message.contains("'twins'"), "\(message)")
        let renamed = await cli.run("import", "--source", "other", "--all", "--strategy", "rename", "--json")
        #expect(renamed.status == 0, "\(renamed.output)")
        let renamedResults = try #require((try cli.json(renamed) as? [String: Any])?["results"] as? [[String: Any]])
        #expect(renamedResults.allSatisfy { $0["status"] as? String == "renamed" && ($0["message"] as? String)?.contains("'twins'") == true }, "\(renamedResults)")
    }

    /// Entry path → import name as `catalog list` shows it, every status included.
    static func shownNames(_ cli: CLIHarness) async throws -> [String: String] {
        let entries = try await ImportCommandTests.entries(cli)
        return Dictionary(uniqueKeysWithValues: entries.map { ($0["path"] as! String, $0["import_name"] as! String) })
    }

    @Test("import names stored with the catalog follow exclude, restore, rename and rescan, and a catalog without stored names gets them")
    func storedNamesFollowChanges() async throws {
        let cli = try await Self.world()
        defer { cli.home.remove() }
        let alpha = "plugins/alpha/commands/help.md", beta = "plugins/beta/commands/help.md"
        #expect(try await Self.shownNames(cli)[alpha] == "alpha:help")
        let entries = try await ImportCommandTests.entries(cli)
        let id = { (path: String) in entries.first { $0["path"] as? String == path }!["id"] as! String }
        // Beta's help set aside: alpha's is the only live help and keeps the plain name.
        #expect(await cli.run("catalog", "exclude", id(beta)).status == 0)
        var names = try await Self.shownNames(cli)
        #expect(names[alpha] == "help" && names[beta] == "beta:help")
        #expect(await cli.run("catalog", "restore", id(beta)).status == 0)
        names = try await Self.shownNames(cli)
        #expect(names[alpha] == "alpha:help" && names[beta] == "beta:help")
        // A name of the user's own frees the plain name for the other.
        #expect(await cli.run("catalog", "rename", id(alpha), "ahelp").status == 0)
        names = try await Self.shownNames(cli)
        #expect(names[alpha] == "ahelp" && names[beta] == "help")
        // A rescan that finds a third plugin's help names the live ones apart again.
        try cli.home.write("twins/plugins/gamma/commands/help.md", "---\ndescription: Help for gamma\n---\nExplain gamma.\n")
        #expect(await cli.run("source", "scan", "twins").status == 0)
        names = try await Self.shownNames(cli)
        #expect(names[alpha] == "ahelp" && names[beta] == "beta:help" && names["plugins/gamma/commands/help.md"] == "gamma:help")
        // A catalog whose names were never stored (a database from before they were) is named when shown.
        let database = try DatabaseQueue(path: cli.home.path("cache/cache.db").path)
        try await database.write { try $0.execute(sql: "UPDATE catalog_entry SET import_name = NULL") }
        #expect(try await Self.shownNames(cli) == names)
        #expect(try await database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM catalog_entry WHERE import_name IS NULL") } == 0)
    }
}
