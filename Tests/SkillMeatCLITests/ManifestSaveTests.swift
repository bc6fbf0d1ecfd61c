import Foundation
import SkillMeatTestSupport
import Testing

@Suite struct ManifestSaveTests {
    @Test("deploy --save lists the artifact in skillmeat.toml and its lock; undeploy --save takes it off; adopt --save lists what it adopted")
    func saveKeepsManifestInStep() async throws {
        let cli = try CLIHarness()
        defer { cli.home.remove() }
        _ = try cli.home.write("repo/commands/deploy.md", "---\ndescription: Deploy\n---\nDeploy\n")
        _ = try cli.home.write("repo/commands/test.md", "---\ndescription: Test\n---\nTest\n")
        #expect(await cli.run("init").status == 0)
        #expect(await cli.run("source", "add", cli.home.path("repo").path, "--name", "local").status == 0)
        #expect(await cli.run("import", "--source", "local", "--all").status == 0)
        let project = cli.home.path("app").path
        try FileManager.default.createDirectory(atPath: project, withIntermediateDirectories: true)

        #expect(await cli.run("deploy", "deploy", "test", "--save", "--project", project).status == 0)
        let manifest = try cli.home.read("app/skillmeat.toml")
        #expect(manifest.contains("[commands.deploy]") && manifest.contains("[commands.test]"))
        #expect(try cli.home.read("app/skillmeat.lock").contains("[commands.deploy]"))
        #expect(await cli.run("sync", "--frozen", "--project", project).status == 0)

        #expect(await cli.run("undeploy", "test", "--save", "--project", project).status == 0)
        #expect(!(try cli.home.read("app/skillmeat.toml")).contains("[commands.test]"))
        #expect(!(try cli.home.read("app/skillmeat.lock")).contains("[commands.test]"))
        #expect(await cli.run("sync", "--frozen", "--project", project).status == 0)

        _ = try cli.home.write("app/.claude/commands/mine.md", "---\ndescription: Mine\n---\nMine\n")
        let adopted = await cli.run("adopt", "--all", "--save", "--project", project)
        #expect(adopted.status == 0, "\(adopted.output)\(adopted.error)")
        #expect(try cli.home.read("app/skillmeat.toml").contains("[commands.mine]"))
        let frozen = await cli.run("sync", "--frozen", "--project", project)
        #expect(frozen.status == 0, "\(frozen.output)\(frozen.error)")
    }
}
