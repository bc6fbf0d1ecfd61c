import Foundation
import SkillMeatTestSupport
import Testing

@Suite struct DeployAllTests {
    @Test("deploy --all deploys every artifact of the collection through one deploy, and ends with a count line")
    func deployAll() async throws {
        let (cli, project) = try await DeployCommandTests.world()
        defer { cli.home.remove() }
        let result = await cli.run("deploy", "--all", "--project", project.path, "--profile", "claude_code", "--yes")
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("Deployed 5 of 5"), "\(result.output)")
        let status = await cli.run("status", "--project", project.path, "--json")
        let text = status.output
        for name in DeployCommandTests.all { #expect(text.contains(":\(name)\""), "\(name) deployed") }
    }

    @Test("deploy --type T deploys every artifact of that type only; --json keeps its shape")
    func deployType() async throws {
        let (cli, project) = try await DeployCommandTests.world()
        defer { cli.home.remove() }
        let result = await cli.run("deploy", "--type", "command", "--project", project.path, "--profile", "claude_code", "--json")
        #expect(result.status == 0, "\(result.error)")
        let report = try #require(try cli.json(result) as? [String: Any])
        let items = try #require(report["items"] as? [[String: Any]])
        #expect(items.count == 1)
        #expect(!result.output.contains("Deployed "))
        #expect(FileManager.default.fileExists(atPath: project.appending(path: ".claude/commands/todo.md").path))
        #expect(!FileManager.default.fileExists(atPath: project.appending(path: ".claude/skills/commit-message").path))
    }

    @Test("deploy with neither names, --all nor --type is a usage error; names with --all too")
    func deployNeedsSelection() async throws {
        let (cli, project) = try await DeployCommandTests.world()
        defer { cli.home.remove() }
        #expect(await cli.run("deploy", "--project", project.path).status == 2)
        #expect(await cli.run("deploy", "todo", "--all", "--project", project.path).status == 2)
    }
}
