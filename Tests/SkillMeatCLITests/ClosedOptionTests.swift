import Foundation
import SkillMeatTestSupport
import Testing

/// Closed option sets are enums on the command line too: help lists their values and a bad value is
/// a usage error naming them, before anything runs.
@Suite struct ClosedOptionTests {
    @Test("help lists the values of --strategy, --scope, --type and --kind", arguments: [
        (["deploy", "--help"], ["skip", "overwrite", "rename", "project", "user", "mcp_server"]),
        (["plugins", "list", "--help"], ["conflict_strategy", "deployer"]),
        (["update", "--help"], ["skip", "overwrite"]),
    ])
    func helpListsValues(arguments: [String], values: [String]) async throws {
        let cli = try CLIHarness()
        defer { cli.home.remove() }
        let help = await cli.run(arguments)
        #expect(help.status == 0)
        for value in values { #expect(help.output.contains(value), "\(value) in \(help.output)") }
    }

    @Test("a value outside the set is a usage error (2) that names the valid ones", arguments: [
        ["deploy", "x", "--strategy", "sideways"],
        ["add", "x", "--strategy", "merge"],
        ["deploy", "x", "--scope", "galaxy"],
        ["list", "--type", "widget"],
        ["plugins", "list", "--kind", "gizmo"],
        ["update", "--strategy", "rename"],
        ["list", "--log-level", "loud"],
    ])
    func badValue(arguments: [String]) async throws {
        let cli = try CLIHarness()
        defer { cli.home.remove() }
        #expect(await cli.run("init").status == 0)
        let result = await cli.run(arguments)
        #expect(result.status == 2, "\(result.error)")
        #expect(result.error.contains("Please provide one of"), "\(result.error)")
    }

    @Test("--type still takes the spellings people use; --map reads PATH=TYPE and refuses anything else")
    func lenientTypeAndMap() async throws {
        let cli = try CLIHarness()
        defer { cli.home.remove() }
        #expect(await cli.run("init").status == 0)
        #expect(await cli.run("list", "--type", "MCP").status == 0)
        try cli.home.write("repo/README.md", "# Deploy\n")
        let noEquals = await cli.run("scan", cli.home.path("repo").path, "--map", "README.md")
        #expect(noEquals.status == 2 && noEquals.error.contains("is not PATH=TYPE"), "\(noEquals.error)")
        let badType = await cli.run("scan", cli.home.path("repo").path, "--map", "README.md=novel")
        #expect(badType.status == 2 && badType.error.contains("'novel'"), "\(badType.error)")
        let mapped = await cli.run("scan", cli.home.path("repo").path, "--map", "README.md=command", "--json")
        #expect(mapped.status == 0, "\(mapped.error)")
        #expect(mapped.output.contains("README.md"))
    }
}
