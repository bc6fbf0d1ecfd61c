import Foundation
import SkillMeatTestSupport
import Testing

/// The deployers that are off by default, through the CLI: `plugins list` says why and how to turn
/// them on, naming one fails until then, and once enabled `deploy --profile`, `--all-profiles`,
/// `status` and `discover` take it.
@Suite struct OptionalProfileTests {
    /// Each optional profile and the file `todo` becomes there.
    static let profiles: [(profile: String, command: String)] = [
        ("gemini", ".gemini/commands/todo.toml"),
        ("cursor", ".cursor/commands/todo.md"),
    ]

    @Test("off by default: plugins list says why and how to enable it; --profile fails with the same hint", arguments: profiles.map(\.profile))
    func disabled(profile: String) async throws {
        let (cli, project) = try await DeployCommandTests.world()
        defer { cli.home.remove() }
        let plugins = try #require(try cli.json(await cli.run("plugins", "list", "--json")) as? [[String: Any]])
        let row = try #require(plugins.first { $0["id"] as? String == "deployer/\(profile)" })
        #expect(row["enabled"] as? Bool == false && row["default_enabled"] as? Bool == false)
        #expect((row["reason"] as? String)?.hasPrefix("disabled by default: ") == true)
        #expect(row["disabled_reason"] as? String != nil)
        #expect(row["enable_hint"] as? String == "add 'deployer/\(profile)' to plugins.enable in config.toml")
        #expect(await cli.run("plugins", "list").output.contains("To enable deployer/\(profile): add 'deployer/\(profile)' to plugins.enable in config.toml."))

        let result = await cli.run("deploy", "todo", "--project", project.path, "--profile", profile)
        #expect(result.status != 0)
        #expect(result.error.contains("The deployment profile '\(profile)' is disabled (disabled by default: "))
        #expect(result.error.contains("to use it, add 'deployer/\(profile)' to plugins.enable in config.toml."))
        #expect(try DeployCommandTests.tree(project).isEmpty)
        // --all-profiles and discover leave a disabled profile alone.
        #expect(await cli.run("deploy", "todo", "--project", project.path, "--all-profiles").status == 0)
        #expect(!FileManager.default.fileExists(atPath: project.appending(path: "." + profile).path))
    }

    @Test("enabled: deploy --profile, --all-profiles, status and discover take it", arguments: profiles.map(\.profile))
    func enabled(profile: String) async throws {
        let command = try #require(Self.profiles.first { $0.profile == profile }?.command)
        let (cli, project) = try await DeployCommandTests.world()
        defer { cli.home.remove() }
        try cli.home.write("config.toml", "[plugins]\nenable = [\"deployer/\(profile)\"]\n")
        let dry = await cli.run("deploy", "todo", "--project", project.path, "--profile", profile, "--dry-run")
        #expect(dry.status == 0 && dry.output.contains(command))
        #expect(try DeployCommandTests.tree(project).isEmpty)
        let deploy = await cli.run("deploy", "todo", "--project", project.path, "--profile", profile)
        #expect(deploy.status == 0, "\(deploy.error)")
        #expect(FileManager.default.fileExists(atPath: project.appending(path: command).path))
        let status = try #require(try cli.json(await cli.run("status", "--project", project.path, "--json")) as? [[String: Any]])
        #expect(status.map { $0["profile"] as? String } == [profile] && status.first?["state"] as? String == "synced")
        let discovered = try #require(try cli.json(await cli.run("discover", "--project", project.path, "--json")) as? [String: Any])
        let artifacts = try #require(discovered["artifacts"] as? [[String: Any]])
        #expect(artifacts.contains { $0["profile"] as? String == profile && $0["status"] as? String == "managed" })

        let all = await cli.run("deploy", "test-writer", "--project", project.path, "--all-profiles", "--json")
        #expect(all.status == 0, "\(all.error)")
        let items = try #require((try cli.json(all) as? [String: Any])?["items"] as? [[String: Any]])
        #expect(Set(items.compactMap { $0["profile"] as? String }) == ["claude_code", "codex", profile])
        #expect(await cli.run("undeploy", "todo", "--project", project.path, "--profile", profile).status == 0)
        #expect(!FileManager.default.fileExists(atPath: project.appending(path: command).path))
    }
}
