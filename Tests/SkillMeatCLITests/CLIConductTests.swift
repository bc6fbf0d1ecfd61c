import Foundation
import SkillMeatTestSupport
import Testing
@testable import SkillMeatCLI

@Suite struct CLIConductTests {
    @Test("tables fit a terminal's width with an ellipsis and never wrap; a pipe gets full rows")
    func tablesFit() async throws {
        let (cli, _) = try await DeployCommandTests.world()
        defer { cli.home.remove() }
        let narrow = await cli.runOnTerminal(width: 40, "list")
        #expect(narrow.status == 0)
        let lines = narrow.output.split(separator: "\n")
        #expect(lines.count == 6, "one line per artifact and the header: \(narrow.output)")
        for line in lines { #expect(line.count <= 40, "\(line)") }
        #expect(narrow.output.contains("…"))
        let piped = await cli.run("list")
        #expect(piped.output.split(separator: "\n").contains { $0.count > 40 })
        #expect(!piped.output.contains("…"))
    }

    @Test("column widths shrink the widest column first, down to its title")
    func columnWidths() {
        #expect(Output.columnWidths(["A", "BB"], [["xxxxxxxxxx", "yyyy"]], fitting: 12) == [6, 4])
        #expect(Output.columnWidths(["A", "BB"], [["xxxxxxxxxx", "yyyy"]], fitting: nil) == [10, 4])
    }

    @Test("a mistyped subcommand is a usage error that suggests the nearest one", arguments: [
        (["lsit"], "list"), (["source", "ad", "x"], "add"), (["deplyo", "x"], "deploy"), (["catalog", "exlude", "x"], "exclude"),
    ])
    func didYouMean(arguments: [String], suggestion: String) async throws {
        let cli = try CLIHarness()
        defer { cli.home.remove() }
        let result = await cli.run(arguments)
        #expect(result.status == 2)
        #expect(result.error.contains("Did you mean '\(suggestion)'?"), "\(result.error)")
    }

    @Test("edit distance counts swaps as one")
    func editDistance() {
        #expect(GlobalArguments.editDistance("lsit", "list") == 1)
        #expect(GlobalArguments.editDistance("", "abc") == 3)
        #expect(GlobalArguments.suggestions(for: "zzzzzz", among: ["list", "show"]).isEmpty)
    }

    @Test("global options work before the subcommand as well as after it")
    func globalsBefore() async throws {
        let cli = try CLIHarness()
        defer { cli.home.remove() }
        let other = cli.home.path("other-home")
        let initialized = await cli.run("--home", other.path, "-q", "init")
        #expect(initialized.status == 0, "\(initialized.error)")
        #expect(FileManager.default.fileExists(atPath: other.appending(path: "collections/default/collection.toml").path))
        let listed = await cli.run("-v", "--home", other.path, "--no-color", "collection", "list", "--json")
        #expect(listed.status == 0, "\(listed.error)")
        #expect(listed.output.contains("default"))
        let after = await cli.run("collection", "list", "--home", other.path, "--json")
        #expect(after.output == listed.output)
        let nested = await cli.run("collection", "-q", "--home", other.path, "list")
        #expect(nested.status == 0, "\(nested.error)")
    }

    @Test("the ids the CLI prints (type:name) name artifacts in show, deploy, undeploy and remove")
    func idsAccepted() async throws {
        let (cli, project) = try await DeployCommandTests.world()
        defer { cli.home.remove() }
        let shown = await cli.run("show", "command:todo")
        #expect(shown.status == 0, "\(shown.error)")
        #expect(shown.output.contains("command:todo"))
        #expect(await cli.run("show", "skill:todo").status != 0, "the type in the id counts")
        let deployed = await cli.run("deploy", "command:todo", "skill:commit-message", "--project", project.path, "--profile", "claude_code")
        #expect(deployed.status == 0, "\(deployed.error)")
        let undeployed = await cli.run("undeploy", "command:todo", "--project", project.path)
        #expect(undeployed.status == 0, "\(undeployed.error)")
        #expect(!FileManager.default.fileExists(atPath: project.appending(path: ".claude/commands/todo.md").path))
        let removed = await cli.run("remove", "agent:test-writer")
        #expect(removed.status == 0, "\(removed.error)")
    }
}
