import Foundation
import SkillMeatTestSupport
import Testing

/// "Nothing was changed" is never said after something was changed.
@Suite struct HonestFailureTests {
    @Test("deploy with a damaged projects.toml writes nothing into the project")
    func damagedProjectsFile() async throws {
        let (cli, _) = try await RecordsKeptTests.deployedTodo()
        defer { cli.home.remove() }
        let project = cli.home.path("second-project")
        try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
        _ = try cli.home.write("projects.toml", "[[[damaged\n")

        let deploy = await cli.run("deploy", "todo", "--project", project.path, "--yes")
        #expect(deploy.status == 1)
        #expect(deploy.error.contains("projects.toml"), "\(deploy.error)")
        #expect(!FileManager.default.fileExists(atPath: project.appending(path: ".claude").path), "the deploy stopped before writing")
    }

    @Test("undeploy with a damaged collection.toml removes the files and does not claim nothing was changed")
    func damagedManifestAfterUndeploy() async throws {
        let (cli, project) = try await RecordsKeptTests.deployedTodo()
        defer { cli.home.remove() }
        let manifest = cli.home.path("collections/default/collection.toml")
        try (try String(contentsOf: manifest, encoding: .utf8) + "\ngarbage [[\n").write(to: manifest, atomically: true, encoding: .utf8)

        let undeploy = await cli.run("undeploy", "todo", "--project", project.path)
        #expect(undeploy.status == 0, "\(undeploy.error)")
        #expect(!FileManager.default.fileExists(atPath: project.appending(path: ".claude/commands/todo.md").path))
        #expect(!(undeploy.output + undeploy.error).contains("nothing was changed"), "\(undeploy.error)")
    }
}
