import Foundation
import SkillMeatTestSupport
import Testing

@Suite struct DryRunTests {
    /// Every file under the home and the project with its bytes, leaving out the cache database (a
    /// cache, which reading may touch) and lock files (taken and released by readers too).
    static func files(_ cli: CLIHarness) throws -> [String: Data?] {
        try DeployCommandTests.tree(cli.home.url).filter { key, _ in
            !key.hasPrefix("cache/") && !key.hasPrefix(".locks") && key != "cache"
        }
    }

    /// A home with every kind of artifact, the example marketplace as the source `examples` with one
    /// entry imported and one excluded, a second collection, a snapshot, and a project with deployments.
    static func world() async throws -> (CLIHarness, URL, [String: String]) {
        let (cli, project) = try await DeployCommandTests.world()
        func ok(_ arguments: String...) async {
            let result = await cli.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.error)")
        }
        await ok("source", "add", DeployCommandTests.marketplace.path, "--name", "examples")
        let listed = await cli.run("catalog", "list", "--source", "examples", "--json")
        let page = try #require(try cli.json(listed) as? [String: Any])
        let entries = try #require(page["entries"] as? [[String: Any]])
        var ids: [String: String] = [:]
        for entry in entries { ids[entry["name"] as? String ?? ""] = entry["id"] as? String }
        let imported = try #require(ids["release-notes"])
        let excluded = try #require(ids.first { $0.key != "release-notes" && !DeployCommandTests.all.contains($0.key) }?.value)
        await ok("import", imported)
        await ok("catalog", "exclude", excluded)
        await ok("collection", "create", "spare")
        await ok("snapshot", "create", "kept")
        await ok("deploy", "commit-message", "todo", "--project", project.path, "--profile", "claude_code")
        return (cli, project, ["imported": imported, "excluded": excluded])
    }

    @Test("every command that writes takes --dry-run, says what it would do, and writes nothing")
    func dryRunsWriteNothing() async throws {
        let (cli, project, ids) = try await Self.world()
        defer { cli.home.remove() }
        let other = cli.home.path("other-project")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        let snapshots = await cli.run("snapshot", "list", "--json")
        let snapshot = try #require((try cli.json(snapshots) as? [[String: Any]])?.first?["id"] as? String)
        let marketplace = DeployCommandTests.marketplace
        let runs: [[String]] = [
            ["init"],
            ["add", marketplace.appending(path: "commands/todo.md").path, "--name", "todo-copy"],
            ["add", marketplace.appending(path: "commands/todo.md").path, "--strategy", "overwrite"],
            ["import", "--source", "examples", "--all"],
            ["import", ids["imported"]!],
            ["reimport", ids["imported"]!],
            ["remove", "todo"],
            ["remove", "command:todo", "--undeploy"],
            ["deploy", "--all", "--project", project.path, "--yes"],
            ["undeploy", "todo", "--project", project.path],
            ["adopt", "--all", "--project", project.path],
            ["source", "add", marketplace.appending(path: "skills").path, "--name", "more"],
            ["source", "update", "examples", "--description", "changed"],
            ["source", "remove", "examples"],
            ["catalog", "exclude", ids["imported"]!],
            ["catalog", "restore", ids["excluded"]!],
            ["catalog", "rename", ids["excluded"]!, "renamed-entry"],
            ["collection", "create", "work"],
            ["collection", "use", "spare"],
            ["collection", "remove", "spare"],
            ["config", "set", "server.port", "9000"],
            ["config", "unset", "server.port"],
            ["cache", "rebuild", "--all"],
            ["cache", "refresh"],
            ["projects", "add", other.path],
            ["projects", "remove", project.path],
            ["snapshot", "create", "now"],
            ["rollback", snapshot],
            ["install"],
            // These read their sources to compare; what they learn stays in memory.
            ["update"],
            ["update", "release-notes", "--strategy", "overwrite"],
            ["collection", "refresh"],
            ["collection", "refresh", "--check"],
            ["collection", "refresh", "--sync"],
        ]
        for arguments in runs {
            let before = try Self.files(cli)
            let projectBefore = try DeployCommandTests.tree(project)
            let catalogBefore = await cli.run("catalog", "list", "--include-excluded", "--json").output
            let result = await cli.run(arguments + ["--dry-run"])
            #expect(result.status == 0, "\(arguments): \(result.error)")
            #expect(!result.output.isEmpty, "\(arguments) says nothing")
            let after = try Self.files(cli)
            #expect(before == after, "\(arguments) --dry-run changed \(Set(before.keys).symmetricDifference(after.keys).sorted()) \(before.keys.filter { before[$0] != after[$0] }.sorted())")
            #expect(try DeployCommandTests.tree(project) == projectBefore, "\(arguments) --dry-run changed the project")
            #expect(await cli.run("catalog", "list", "--include-excluded", "--json").output == catalogBefore, "\(arguments) --dry-run changed the catalog")
        }
    }

    @Test("a dry run says what would happen in words")
    func words() async throws {
        let (cli, project, ids) = try await Self.world()
        defer { cli.home.remove() }
        let imported = await cli.run("import", "--source", "examples", "--all", "--dry-run")
        #expect(imported.output.contains("Would import "), "\(imported.output)")
        let removed = await cli.run("remove", "todo", "--dry-run")
        #expect(removed.output.contains("Would remove command:todo"), "\(removed.output)")
        let undeployed = await cli.run("undeploy", "todo", "--project", project.path, "--dry-run")
        #expect(undeployed.output.contains("Would undeploy command:todo"), "\(undeployed.output)")
        let excluded = await cli.run("catalog", "exclude", ids["imported"]!, "--dry-run")
        #expect(excluded.output.hasPrefix("Would exclude"), "\(excluded.output)")
        let set = await cli.run("config", "set", "server.port", "70000", "--dry-run")
        #expect(set.status != 0, "a dry run still refuses a bad value")
    }
}
