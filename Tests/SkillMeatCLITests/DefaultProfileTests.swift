import Foundation
import SkillMeatTestSupport
import Testing

@Suite struct DefaultProfileTests {
    @Test("deploy without --profile goes to deploy.default_profiles, built in as claude_code")
    func builtInDefault() async throws {
        let (cli, project) = try await DeployCommandTests.world()
        defer { cli.home.remove() }
        let deploy = await cli.run("deploy", "commit-message", "--project", project.path)
        #expect(deploy.status == 0, "\(deploy.error)")
        #expect(FileManager.default.fileExists(atPath: project.appending(path: ".claude/skills/commit-message/SKILL.md").path))
        #expect(!FileManager.default.fileExists(atPath: project.appending(path: ".agents").path))
    }

    @Test("a configured default replaces the built-in one; several defaults deploy to each")
    func configuredDefaults() async throws {
        let (cli, project) = try await DeployCommandTests.world()
        defer { cli.home.remove() }
        #expect(await cli.run("config", "set", "deploy.default_profiles", #"["codex"]"#).status == 0)
        #expect(await cli.run("deploy", "commit-message", "--project", project.path).status == 0)
        #expect(FileManager.default.fileExists(atPath: project.appending(path: ".agents/skills/commit-message/SKILL.md").path))
        #expect(!FileManager.default.fileExists(atPath: project.appending(path: ".claude").path))

        #expect(await cli.run("config", "set", "deploy.default_profiles", #"["claude_code", "codex"]"#).status == 0)
        #expect(await cli.run("deploy", "todo", "--project", project.path).status == 0)
        #expect(FileManager.default.fileExists(atPath: project.appending(path: ".claude/commands/todo.md").path))
        #expect(FileManager.default.fileExists(atPath: project.appending(path: ".agents/skills/todo/SKILL.md").path))
    }

    @Test("a default that is not an enabled profile is refused, naming the enabled ones, and nothing is written")
    func disabledDefault() async throws {
        let (cli, project) = try await DeployCommandTests.world()
        defer { cli.home.remove() }
        #expect(await cli.run("config", "set", "plugins.disable", #"["deployer/claude_code"]"#).status == 0)
        let deploy = await cli.run("deploy", "commit-message", "--project", project.path)
        #expect(deploy.status != 0)
        #expect(deploy.error.contains("deploy.default_profiles names 'claude_code'"), "\(deploy.error)")
        #expect(deploy.error.contains("enabled: codex"), "\(deploy.error)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: project.path).isEmpty)
        // Naming a profile still works.
        #expect(await cli.run("deploy", "commit-message", "--project", project.path, "--profile", "codex").status == 0)
    }
}
