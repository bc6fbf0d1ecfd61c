import Foundation
import SkillMeatTestSupport
import Testing

@Suite struct HostCommandTests {
    @Test("--version prints the version and exits 0")
    func version() async throws {
        let cli = try CLIHarness()
        defer { cli.home.remove() }
        let result = await cli.run("--version")
        #expect(result.status == 0)
        #expect(result.output.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
    }

    @Test("init then plugins list --json shows the three conflict strategies enabled")
    func initAndList() async throws {
        let cli = try CLIHarness()
        defer { cli.home.remove() }
        #expect(await cli.run("init").status == 0)
        #expect(FileManager.default.fileExists(atPath: cli.home.path("collections/default/collection.toml").path))
        #expect(FileManager.default.fileExists(atPath: cli.home.path("cache/cache.db").path))
        let result = await cli.run("plugins", "list", "--json")
        #expect(result.status == 0)
        let plugins = try #require(try cli.json(result) as? [[String: Any]])
        let strategies = plugins.filter { $0["kind"] as? String == "conflict_strategy" }
        #expect(Set(strategies.compactMap { $0["id"] as? String })
            == ["conflict_strategy/skip", "conflict_strategy/overwrite", "conflict_strategy/rename"])
        #expect(strategies.allSatisfy { $0["enabled"] as? Bool == true })
        #expect(strategies.allSatisfy { $0["default_enabled"] != nil && $0["reason"] != nil })
    }

    @Test("disabling a plugin in config.toml shows it disabled, with the reason")
    func disableInConfig() async throws {
        let cli = try CLIHarness()
        defer { cli.home.remove() }
        #expect(await cli.run("init").status == 0)
        try cli.home.write("config.toml", "[plugins]\ndisable = [\"conflict_strategy/rename\"]\n")
        let result = await cli.run("plugins", "list", "--json")
        let plugins = try #require(try cli.json(result) as? [[String: Any]])
        let rename = try #require(plugins.first { $0["id"] as? String == "conflict_strategy/rename" })
        #expect(rename["enabled"] as? Bool == false)
        #expect(rename["reason"] as? String == "disabled by plugins.disable")
        #expect(rename["enable_hint"] as? String == "remove 'conflict_strategy/rename' from plugins.disable in config.toml")
        #expect(rename.keys.contains("disabled_reason"))
        let text = await cli.run("plugins", "list")
        #expect(text.output.contains("To enable conflict_strategy/rename: remove 'conflict_strategy/rename' from plugins.disable in config.toml."))
        #expect(!text.output.contains("To enable conflict_strategy/skip"))
    }

    @Test("naming a disabled deployment profile fails, says why and how to enable it")
    func disabledProfile() async throws {
        let cli = try CLIHarness()
        defer { cli.home.remove() }
        #expect(await cli.run("init").status == 0)
        try cli.home.write("config.toml", "[plugins]\ndisable = [\"deployer/codex\"]\n")
        try cli.home.write("src/commands/todo.md", "---\ndescription: List TODOs\n---\nFind them.\n")
        #expect(await cli.run("add", cli.home.path("src/commands/todo.md").path).status == 0)
        let project = cli.home.path("project")
        try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
        let result = await cli.run("deploy", "todo", "--project", project.path, "--profile", "codex")
        #expect(result.status != 0)
        #expect(result.error.contains("The deployment profile 'codex' is disabled (disabled by plugins.disable); to use it, remove 'deployer/codex' from plugins.disable in config.toml."))
    }

    @Test("an unknown plugin id fails with a message naming the valid ids")
    func unknownPluginID() async throws {
        let cli = try CLIHarness()
        defer { cli.home.remove() }
        try cli.home.write("config.toml", "[plugins]\ndisable = [\"conflict_strategy/renam\"]\n")
        let result = await cli.run("plugins", "list")
        #expect(result.status == 1)
        #expect(result.error.contains("conflict_strategy/renam"))
        #expect(result.error.contains("conflict_strategy/rename, conflict_strategy/skip"))
        #expect(result.output.isEmpty)
    }

    @Test("config set refuses an unknown plugin id and leaves the file as it was")
    func configSetValidates() async throws {
        let cli = try CLIHarness()
        defer { cli.home.remove() }
        #expect(await cli.run("init").status == 0)
        let before = try cli.home.read("config.toml")
        let result = await cli.run("config", "set", "plugins.disable", "[\"nope/x\"]")
        #expect(result.status == 1)
        #expect(result.error.contains("valid ids"))
        #expect(try cli.home.read("config.toml") == before)
    }

    @Test("config set, get, list and unset, with tokens masked everywhere")
    func configRoundTrip() async throws {
        let cli = try CLIHarness()
        defer { cli.home.remove() }
        #expect(await cli.run("config", "set", "server.port", "9000").status == 0)
        #expect(await cli.run("config", "get", "server.port").output == "9000\n")
        #expect(await cli.run("config", "set", "server.token", "hunter2").output.contains("********"))
        let get = await cli.run("config", "get", "server.token")
        #expect(get.output == "********\n")
        let list = await cli.run("config", "list", "--json")
        #expect(!list.output.contains("hunter2"))
        let entries = try #require(try cli.json(list) as? [[String: Any]])
        let port = try #require(entries.first { $0["key"] as? String == "server.port" })
        #expect(port["value"] as? Int == 9000)
        #expect(port["origin"] as? String == "user")
        let server = await cli.run("config", "get", "server", "--json")
        #expect(!server.output.contains("hunter2"))
        #expect(await cli.run("config", "unset", "server.port").status == 0)
        #expect(await cli.run("config", "get", "server.port").output == "8080\n")
        let missing = await cli.run("config", "get", "server.nothing")
        #expect(missing.status == 1)
    }

    @Test("the environment overrides config.toml")
    func environmentOverride() async throws {
        var cli = try CLIHarness()
        defer { cli.home.remove() }
        #expect(await cli.run("config", "set", "server.port", "9000").status == 0)
        cli.environment["SKILLMEAT_SERVER__PORT"] = "9100"
        #expect(await cli.run("config", "get", "server.port").output == "9100\n")
    }

    @Test("usage errors exit 2 and say what was wrong", arguments: [
        ["plugins", "list", "--kind", "widget"],
        ["no-such-command"],
        ["config", "get"],
        ["plugins", "list", "--log-level", "loud"],
    ])
    func usageErrors(arguments: [String]) async throws {
        let cli = try CLIHarness()
        defer { cli.home.remove() }
        let result = await cli.run(arguments)
        #expect(result.status == 2)
        #expect(!result.error.isEmpty)
    }

    @Test("serving off loopback without a token is refused before anything starts")
    func serveNeedsToken() async throws {
        let cli = try CLIHarness()
        defer { cli.home.remove() }
        let result = await cli.run("serve", "--host", "0.0.0.0")
        #expect(result.status == 2)
        #expect(result.error.contains("token"))
    }
}
