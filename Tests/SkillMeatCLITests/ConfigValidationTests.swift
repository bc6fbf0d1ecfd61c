import Foundation
import SkillMeatCore
import SkillMeatPluginAPI
import SkillMeatTestSupport
import Testing

/// Every known key takes a value of its kind and range; unknown keys are reported with the nearest one.
@Suite struct ConfigValidationTests {
    @Test("values of the wrong kind or out of range are refused and the file is untouched", arguments: [
        ["server.port", "notanumber"], ["server.port", "70000"], ["server.port", "0"], ["log.level", "loud"],
        ["server.host", "[1, 2]"], ["server.cors_origins", "[1]"], ["deploy.default_profiles", "true"], ["server.idle_timeout_seconds", "0"],
        ["server.idle_timeout_seconds", "soon"],
    ])
    func refused(_ pair: [String]) async throws {
        let cli = try CLIHarness()
        defer { cli.home.remove() }
        #expect(await cli.run("init").status == 0)
        #expect(await cli.run("config", "set", "server.port", "9000").status == 0)
        let before = try cli.home.read("config.toml")
        let result = await cli.run("config", "set", pair[0], pair[1])
        #expect(result.status != 0)
        #expect(result.error.contains(pair[0]) && result.error.contains("takes"), "\(result.error)")
        #expect(try cli.home.read("config.toml") == before)
    }

    @Test("a value of the right kind is accepted")
    func accepted() async throws {
        let cli = try CLIHarness()
        defer { cli.home.remove() }
        for (key, value) in [("server.port", "65535"), ("log.level", "DEBUG"), ("server.cors_origins", #"["http://localhost:3000"]"#)] {
            let result = await cli.run("config", "set", key, value)
            #expect(result.status == 0, "\(key): \(result.error)")
        }
    }

    @Test("an unknown key is written with a warning naming the nearest known key")
    func unknownKey() async throws {
        let cli = try CLIHarness()
        defer { cli.home.remove() }
        let result = await cli.run("config", "set", "sever.port", "9000")
        #expect(result.status == 0)
        #expect(result.error.contains("did you mean server.port"), "\(result.error)")
        #expect(await cli.run("config", "list").error.contains("did you mean server.port"))
        // A plugin's own table is its own business.
        #expect(!(await cli.run("config", "set", "plugins.\"source/github\".api_url", "http://127.0.0.1:1").error.contains("api_url")))
    }

    @Test("unset of a key never set changes nothing")
    func unsetNeverSet() async throws {
        let cli = try CLIHarness()
        defer { cli.home.remove() }
        #expect(await cli.run("config", "set", "server.port", "9000").status == 0)
        let url = cli.home.path("config.toml")
        try "# mine\n[server]\nport = 9000   # keep\n".write(to: url, atomically: true, encoding: .utf8)
        let result = await cli.run("config", "unset", "log.level")
        #expect(result.status == 0)
        #expect(result.output.contains("nothing was changed"))
        #expect(try cli.home.read("config.toml") == "# mine\n[server]\nport = 9000   # keep\n")
    }

    @Test("the schema knows every key of the defaults")
    func schemaCoversDefaults() throws {
        let home = try TemporaryDirectory(prefix: "skillmeat-home")
        defer { home.remove() }
        let configuration = try Configuration.load(home: SkillMeatHome(root: home.url), environment: [:])
        let (errors, warnings) = ConfigurationSchema.builtIn.check(configuration)
        #expect(errors.isEmpty && warnings.isEmpty, "\(errors) \(warnings)")
    }
}
