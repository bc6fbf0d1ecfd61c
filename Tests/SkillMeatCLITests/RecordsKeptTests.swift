import Foundation
import SkillMeatTestSupport
import Testing

/// Records are never dropped while their files stay.
@Suite struct RecordsKeptTests {
    /// A home with one command deployed into a project.
    static func deployedTodo() async throws -> (CLIHarness, URL) {
        let cli = try CLIHarness()
        #expect(await cli.run("init").status == 0)
        let file = try cli.home.write("incoming/todo.md", "---\ndescription: Todo\n---\nList todos.\n")
        #expect(await cli.run("add", file.path).status == 0)
        let project = cli.home.path("project")
        try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
        #expect(await cli.run("deploy", "todo", "--project", project.path, "--yes").status == 0)
        return (cli, project)
    }

    @Test("undeploy of an edited copy keeps it tracked as modified, and --force can still remove it")
    func editedCopyStaysTracked() async throws {
        let (cli, project) = try await Self.deployedTodo()
        defer { cli.home.remove() }
        _ = try cli.home.write("project/.claude/commands/todo.md", "my own words\n")

        let undeploy = await cli.run("undeploy", "todo", "--project", project.path)
        #expect(undeploy.error.contains("kept"), "\(undeploy.error)")
        #expect(try cli.home.read("project/.claude/commands/todo.md") == "my own words\n")
        let status = try #require(try cli.json(await cli.run("status", "--project", project.path, "--json")) as? [[String: Any]])
        #expect(status.map { $0["state"] as? String } == ["modified"])
        let listed = await cli.run("list", "--json").output
        #expect(listed.contains(project.path))

        #expect(await cli.run("undeploy", "todo", "--project", project.path, "--force").status == 0)
        #expect(!FileManager.default.fileExists(atPath: project.appending(path: ".claude/commands/todo.md").path))
        let after = try #require(try cli.json(await cli.run("status", "--project", project.path, "--json")) as? [[String: Any]])
        #expect(after.isEmpty)
        #expect(!(await cli.run("list", "--json").output.contains(project.path)))
    }

    @Test("a deleted project is reported by status --all and can be forgotten")
    func deletedProject() async throws {
        let (cli, project) = try await Self.deployedTodo()
        defer { cli.home.remove() }
        try FileManager.default.removeItem(at: project)

        let status = await cli.run("status", "--all")
        #expect(status.error.contains("\(project.path) no longer exists"), "\(status.error)")
        #expect(await cli.run("projects", "remove", project.path).status == 0)
        #expect(!(await cli.run("status", "--all").error.contains("no longer exists")))
    }
}
