import Foundation
import SkillMeatPluginAPI
import SkillMeatTestSupport
import Testing

/// Runs of the built `skillmeat` binary, as a user would start it.
@Suite struct EndToEndTests {
    static func binary() throws -> URL {
        try BuiltProduct.executable("skillmeat")
    }

    static func start(
        _ arguments: [String], home: URL, environment extra: [String: String] = [:],
        output: FileHandle = .nullDevice, error: FileHandle = .nullDevice
    ) throws -> ChildProcess {
        let environment = ["SKILLMEAT_HOME": home.path, "HOME": home.path, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
            .merging(extra) { _, new in new }
        return try ChildProcess.start(binary(), arguments, environment: environment, output: .handle(output), error: .handle(error))
    }

    @Test("--version and an unknown command, through the real binary")
    func versionAndUsage() throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        #expect(try Self.start(["--version"], home: home.url).waitUntilExit() == .exited(0))
        #expect(try Self.start(["frobnicate"], home: home.url).waitUntilExit() == .exited(2))
    }

    @Test("two processes adding at the same time both land")
    func concurrentAdds() throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        try #require(try Self.start(["init"], home: home.url).waitUntilExit() == .exited(0))
        for index in 0..<8 {
            try home.write("src/c\(index).md", "Command \(index) $ARGUMENTS\n")
        }
        let processes = try (0..<8).map { try Self.start(["add", home.path("src/c\($0).md").path], home: home.url) }
        #expect(processes.map { $0.waitUntilExit() } == Array(repeating: .exited(0), count: 8))
        let manifest = try home.read("collections/default/collection.toml")
        for index in 0..<8 { #expect(manifest.contains("name = \"c\(index)\"")) }
        let lock = try home.read("collections/default/collection.lock")
        #expect(lock.components(separatedBy: "::command").count == 9)
    }
}

@Suite struct QuickstartTests {
    @Test("quickstart adds the example marketplace, imports it, deploys it for both profiles, and everything is synced")
    func quickstart() async throws {
        let cli = try CLIHarness()
        defer { cli.home.remove() }
        let folder = cli.home.path("qs")
        let result = await cli.run("quickstart", "--directory", folder.path)
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("$ skillmeat import --source examples --all"))
        // The closing text names what each deployed profile declares as its roots.
        let closing = try #require(result.output.components(separatedBy: "Done. Look around:").last)
        #expect(closing.contains(folder.appending(path: "project/.claude").path))
        #expect(closing.contains(folder.appending(path: "project/.agents/skills").path))
        #expect(closing.contains("Codex: skills in .agents/skills"))
        var inner = cli
        inner.environment["SKILLMEAT_HOME"] = folder.appending(path: "home").path
        let status = try #require(try inner.json(await inner.run("status", "--project", folder.appending(path: "project").path, "--json")) as? [[String: Any]])
        #expect(status.count == 16)
        #expect(status.allSatisfy { $0["state"] as? String == "synced" })
        #expect(FileManager.default.fileExists(atPath: folder.appending(path: "project/.claude/skills/release-notes/SKILL.md").path))
        #expect(FileManager.default.fileExists(atPath: folder.appending(path: "project/.codex/config.toml").path))
        #expect(await cli.run("quickstart", "--directory", folder.path).status == 3)
    }

    @Test("quickstart --profile deploys for that profile only, enabling it in the temporary home; a disabled or unknown profile is refused before anything is written")
    func quickstartProfile() async throws {
        let cli = try CLIHarness()
        defer { cli.home.remove() }
        let refused = cli.home.path("refused")
        let disabled = await cli.run("quickstart", "--directory", refused.path, "--profile", "gemini")
        #expect(disabled.status == 2)
        #expect(disabled.error.contains("The deployment profile 'gemini' is disabled"))
        #expect(disabled.error.contains("deployer/gemini"))
        let unknown = await cli.run("quickstart", "--directory", refused.path, "--profile", "no_such_agent")
        #expect(unknown.status == 2)
        #expect(unknown.error.contains("There is no deployment profile 'no_such_agent'"))
        #expect(!FileManager.default.fileExists(atPath: refused.path))

        #expect(await cli.run("config", "set", "plugins.enable", "[\"deployer/gemini\"]").status == 0)
        let folder = cli.home.path("qs")
        let result = await cli.run("quickstart", "--directory", folder.path, "--profile", "gemini")
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("$ skillmeat config set plugins.enable [\"deployer/gemini\"]"))
        #expect(result.output.contains("--profile gemini --yes"))
        #expect(result.output.contains(folder.appending(path: "project/.gemini").path))
        #expect(result.output.components(separatedBy: "Done. Look around:").last?.contains("/project/.claude") == false)
        var inner = cli
        inner.environment["SKILLMEAT_HOME"] = folder.appending(path: "home").path
        let status = try #require(try inner.json(await inner.run("status", "--project", folder.appending(path: "project").path, "--json")) as? [[String: Any]])
        #expect(!status.isEmpty)
        #expect(status.allSatisfy { $0["profile"] as? String == "gemini" })
        #expect(status.allSatisfy { $0["state"] as? String == "synced" })
        #expect(FileManager.default.fileExists(atPath: folder.appending(path: "project/.gemini").path))
        #expect(!FileManager.default.fileExists(atPath: folder.appending(path: "project/.claude").path))
    }
}
