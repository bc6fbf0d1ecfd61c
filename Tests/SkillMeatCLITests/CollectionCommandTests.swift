import Foundation
import SkillMeatTestSupport
import Testing

@Suite struct CollectionCommandTests {
    /// A source folder with one artifact of each single-source kind.
    static func source(_ cli: CLIHarness) throws -> URL {
        try cli.home.write("src/skills/pdf/SKILL.md", "---\nname: pdf\ndescription: Work with PDFs\nlicense: MIT\nallowed-tools: Read, Bash\n---\nBody\n")
        try cli.home.write("src/skills/pdf/scripts/fill.py", "print('fill')\n")
        try cli.home.write("src/commands/deploy.md", "---\ndescription: Deploy the app\n---\nDeploy $ARGUMENTS\n")
        try cli.home.write("src/agents/reviewer.md", "---\nname: reviewer\ndescription: Reviews code\ntools: Read, Grep\n---\nYou review.\n")
        return cli.home.path("src")
    }

    @Test("add a skill folder, a command file and an agent file; list, show and remove them")
    func addListShowRemove() async throws {
        let cli = try CLIHarness()
        defer { cli.home.remove() }
        let source = try Self.source(cli)
        #expect(await cli.run("init").status == 0)
        #expect(await cli.run("add", source.appending(path: "skills/pdf").path, "--tag", "docs").status == 0)
        #expect(await cli.run("add", source.appending(path: "commands/deploy.md").path).status == 0)
        #expect(await cli.run("add", source.appending(path: "agents/reviewer.md").path).status == 0)
        #expect(FileManager.default.fileExists(atPath: cli.home.path("collections/default/skills/pdf/scripts/fill.py").path))
        #expect(FileManager.default.fileExists(atPath: cli.home.path("collections/default/commands/deploy.md").path))
        #expect(FileManager.default.fileExists(atPath: cli.home.path("collections/default/agents/reviewer.md").path))

        let list = try #require(try cli.json(await cli.run("list", "--json")) as? [[String: Any]])
        #expect(list.compactMap { $0["id"] as? String } == ["command:deploy", "agent:reviewer", "skill:pdf"].sorted())
        let pdf = try #require(list.first { $0["name"] as? String == "pdf" })
        #expect(pdf["description"] as? String == "Work with PDFs")
        #expect(pdf["license"] as? String == "MIT")
        #expect(pdf["tools"] as? [String] == ["Read", "Bash"])
        #expect(pdf["tags"] as? [String] == ["docs"])
        #expect((pdf["content_hash"] as? String)?.count == 64)
        #expect(pdf["deployments"] as? [Any] != nil)

        let lock = try cli.home.read("collections/default/collection.lock")
        #expect(lock.contains("[lock.entries.\"pdf::skill\"]"))
        let show = try #require(try cli.json(await cli.run("show", "pdf", "--json")) as? [String: Any])
        #expect((show["files"] as? [String])?.sorted() == ["SKILL.md", "scripts/fill.py"])

        #expect(await cli.run("list", "--type", "agent", "--json").output.contains("reviewer"))
        #expect(!(await cli.run("list", "--type", "agent", "--json").output.contains("command:deploy")))
        #expect(await cli.run("remove", "deploy").status == 0)
        #expect(!FileManager.default.fileExists(atPath: cli.home.path("collections/default/commands/deploy.md").path))
        #expect(await cli.run("show", "deploy").status == 1)
        let snapshots = try #require(try cli.json(await cli.run("snapshot", "list", "--json")) as? [[String: Any]])
        #expect(snapshots.count == 1)
    }

    @Test("skip, overwrite and rename on a folder artifact and on a single-file artifact", arguments: ["skills/pdf", "commands/deploy.md"])
    func strategies(relative: String) async throws {
        let cli = try CLIHarness()
        defer { cli.home.remove() }
        let source = try Self.source(cli)
        let path = source.appending(path: relative).path
        let stored = relative.hasPrefix("skills") ? "collections/default/skills/pdf/SKILL.md" : "collections/default/commands/deploy.md"
        #expect(await cli.run("init").status == 0)
        #expect(await cli.run("add", path).status == 0)
        // The collection copy is edited; skip must leave that edit alone.
        try cli.home.write(stored, "edited by hand\n")
        let skipped = await cli.run("add", path)
        #expect(skipped.status == 3)
        #expect(try cli.home.read(stored) == "edited by hand\n")

        let renamed = await cli.run("add", path, "--strategy", "rename", "--json")
        #expect(renamed.status == 0)
        let renamedResult = try #require(try cli.json(renamed) as? [String: Any])
        #expect(renamedResult["status"] as? String == "renamed")
        let newName = try #require(renamedResult["name"] as? String)
        #expect(newName.hasSuffix("-1"))
        #expect(try cli.home.read(stored) == "edited by hand\n")

        let overwritten = await cli.run("add", path, "--strategy", "overwrite", "--json")
        #expect((try cli.json(overwritten) as? [String: Any])?["status"] as? String == "overwritten")
        #expect(try cli.home.read(stored) != "edited by hand\n")
        let list = try #require(try cli.json(await cli.run("list", "--json")) as? [[String: Any]])
        #expect(list.count == 2)
    }

    @Test("bad input ends in one sentence and writes nothing", arguments: [
        ["add", "{src}/commands", "--type", "skill"],
        ["add", "{src}/skills/pdf", "--name", "Not Valid"],
        ["add", "{src}/skills/pdf", "--type", "command"],
        ["add", "{src}/nothing-here"],
        ["add", "{src}"],
    ])
    func badInput(arguments: [String]) async throws {
        let cli = try CLIHarness()
        defer { cli.home.remove() }
        let source = try Self.source(cli)
        #expect(await cli.run("init").status == 0)
        let before = try cli.home.snapshot().filter { $0.key.hasPrefix("collections/") }
        let result = await cli.run(arguments.map { $0.replacingOccurrences(of: "{src}", with: source.path) })
        #expect(result.status != 0)
        #expect(result.error.hasPrefix("error: "))
        #expect(result.error.split(separator: "\n").count == 1)
        let after = try cli.home.snapshot().filter { $0.key.hasPrefix("collections/") && !$0.key.contains("/.staging/") }
        #expect(after == before)
    }

    @Test("collections: create, use, list and remove; --collection picks one per command")
    func collections() async throws {
        let cli = try CLIHarness()
        defer { cli.home.remove() }
        let source = try Self.source(cli)
        #expect(await cli.run("init").status == 0)
        #expect(await cli.run("collection", "create", "work").status == 0)
        #expect(await cli.run("collection", "create", "work").status == 3)
        #expect(await cli.run("add", "-c", "work", source.appending(path: "commands/deploy.md").path).status == 0)
        #expect(await cli.run("list", "--json").output.contains("[]"))
        #expect(await cli.run("list", "-c", "work", "--json").output.contains("deploy"))
        #expect(await cli.run("collection", "use", "work").status == 0)
        #expect(await cli.run("list", "--json").output.contains("deploy"))
        let collections = try #require(try cli.json(await cli.run("collection", "list", "--json")) as? [[String: Any]])
        #expect(collections.first { $0["name"] as? String == "work" }?["active"] as? Bool == true)
        #expect(await cli.run("collection", "remove", "work").status == 2)
        #expect(await cli.run("collection", "use", "default").status == 0)
        #expect(await cli.run("collection", "remove", "work").status == 0)
        #expect(await cli.run("list", "-c", "work").status == 1)
    }

    @Test("cache rebuild, refresh and stats")
    func cacheCommands() async throws {
        let cli = try CLIHarness()
        defer { cli.home.remove() }
        let source = try Self.source(cli)
        #expect(await cli.run("init").status == 0)
        #expect(await cli.run("add", source.appending(path: "skills/pdf").path).status == 0)
        try FileManager.default.removeItem(at: cli.home.path("cache/cache.db"))
        #expect(await cli.run("cache", "rebuild").output.contains("1 artifacts"))
        let stats = try #require(try cli.json(await cli.run("cache", "stats", "--json")) as? [String: Any])
        #expect((stats["artifacts_by_collection"] as? [String: Int])?["default"] == 1)
        try cli.home.write("collections/default/skills/pdf/SKILL.md", "---\nname: pdf\ndescription: Changed\n---\n")
        #expect(await cli.run("cache", "refresh", "pdf").status == 0)
        #expect(await cli.run("show", "pdf", "--json").output.contains("Changed"))
    }
}
