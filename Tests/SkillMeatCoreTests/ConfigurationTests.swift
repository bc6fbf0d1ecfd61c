import Foundation
import SkillMeatCore
import SkillMeatPluginAPI
import SkillMeatTestSupport
import Testing

@Suite struct ConfigurationTests {
    @Test("user file overrides defaults and the environment overrides both, key by key")
    func layering() throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        try home.write("config.toml", """
            [server]
            port = 9000
            host = "0.0.0.0"

            [plugins."source/github"]
            api_url = "https://ghe.example/api/v3"
            """)
        let configuration = try Configuration.load(
            home: SkillMeatHome(root: home.url),
            environment: ["SKILLMEAT_SERVER__HOST": "127.0.0.2", "SKILLMEAT_LOG__LEVEL": "debug", "SKILLMEAT_GITHUB_TOKEN": "x"]
        )
        #expect(configuration.value(at: ConfigKeyPath(["server", "port"])) == .int(9000))
        #expect(configuration.value(at: ConfigKeyPath(["server", "host"])) == .string("127.0.0.2"))
        #expect(configuration.logLevel == "debug")
        #expect(configuration.value(at: ConfigKeyPath(["collection", "default"])) == .string("default"))
        #expect(configuration.origins[ConfigKeyPath(["server", "port"])] == .user)
        #expect(configuration.origins[ConfigKeyPath(["server", "host"])] == .environment)
        #expect(configuration.origins[ConfigKeyPath(["collection", "default"])] == .defaults)
        #expect(configuration.plugins.settings["source/github"]?["api_url"] == .string("https://ghe.example/api/v3"))
        // Variables without '__' belong to plugins (tokens), not to the configuration tree.
        #expect(configuration.values["github_token"] == nil)
    }

    @Test("a malformed user file names the file and the line")
    func malformedFile() throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        try home.write("config.toml", "[server]\nport = 80\nhost = \n")
        #expect {
            try Configuration.load(home: SkillMeatHome(root: home.url), environment: [:])
        } throws: { error in
            guard case .malformedFile(let path, let line, _) = error as? SkillMeatError else { return false }
            return path.hasSuffix("config.toml") && line == 3
        }
    }

    @Test("environment values are read as TOML when they parse, else as text", arguments: [
        ("9000", JSONValue.int(9000)), ("true", .bool(true)), ("[\"a\", \"b\"]", .array([.string("a"), .string("b")])),
        ("hello world", .string("hello world")), ("\"quoted\"", .string("quoted")),
    ])
    func scalarParsing(raw: String, expected: JSONValue) {
        #expect(Configuration.parseScalar(raw) == expected)
    }

    @Test("dotted keys may quote parts that contain dots or slashes")
    func keyPaths() throws {
        #expect(try ConfigKeyPath(parsing: "server.port").components == ["server", "port"])
        #expect(try ConfigKeyPath(parsing: "plugins.\"source/github\".token").components == ["plugins", "source/github", "token"])
        #expect(try ConfigKeyPath(parsing: "plugins.\"source/github\".token").isSecret)
        #expect(!(try ConfigKeyPath(parsing: "server.port").isSecret))
        #expect(throws: SkillMeatError.self) { try ConfigKeyPath(parsing: "server..port") }
        #expect(throws: SkillMeatError.self) { try ConfigKeyPath(parsing: "plugins.\"open") }
    }

    @Test("the editor writes atomically and refuses an invalid result without touching the file")
    func editor() throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let editor = ConfigurationEditor(home: SkillMeatHome(root: home.url))
        try editor.set(ConfigKeyPath(["server", "port"]), to: "9001", environment: [:]) { _ in }
        let before = try home.read("config.toml")
        #expect(before.contains("port = 9001"))
        struct Refused: Error {}
        #expect(throws: Refused.self) {
            try editor.set(ConfigKeyPath(["server", "port"]), to: "1", environment: [:]) { _ in throw Refused() }
        }
        #expect(try home.read("config.toml") == before)
        try editor.unset(ConfigKeyPath(["server", "port"]), environment: [:]) { _ in }
        #expect(!(try home.read("config.toml")).contains("port"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: home.url.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test("server settings refuse a non-loopback address without a token")
    func serverSettings() throws {
        var settings = ServerSettings(host: "0.0.0.0", port: 8080, token: nil, corsOrigins: [])
        #expect(throws: SkillMeatError.self) { try settings.validate() }
        settings.token = "secret"
        try settings.validate()
        settings = ServerSettings(host: "127.0.0.1", port: 70000, token: nil, corsOrigins: [])
        #expect(throws: SkillMeatError.self) { try settings.validate() }
    }
}
