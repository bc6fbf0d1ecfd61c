import Foundation
import SkillMeatPluginAPI
import SkillMeatTestSupport
import Testing

/// A plugin whose MCP servers run code shipped beside its `.mcp.json`: imported with those files and
/// deployed so that the command line in the project's configuration starts them.
@Suite struct MCPServerBundleCommandTests {
    static let files: [String: String] = [
        ".claude-plugin/marketplace.json": #"{"name": "m", "owner": {"name": "Ada"}, "plugins": [{"name": "runner", "source": "./plugins/runner"}]}"#,
        "plugins/runner/.claude-plugin/plugin.json": #"{"name": "runner", "description": "Runs servers"}"#,
        "plugins/runner/.mcp.json": #"""
            {"mcpServers": {
              "stub": {"command": "sh", "args": ["${CLAUDE_PLUGIN_ROOT}/server/start.sh", "--flag"]},
              "whole": {"command": "sh", "args": ["-c", "cd \"$0\" && sh ./serve.sh", "${CLAUDE_PLUGIN_ROOT}"]},
              "relative": {"command": "sh", "args": ["./server/start.sh", "relative"]},
              "remote": {"type": "http", "url": "https://example.com/mcp"},
              "package": {"command": "npx", "args": ["-y", "some-mcp-server"]}
            }}
            """#,
        "plugins/runner/server/start.sh": "#!/bin/sh\nprintf 'stub-started %s ' \"$1\"\ncat \"$(dirname \"$0\")/data.txt\"\n",
        "plugins/runner/server/data.txt": "bundled-data\n",
        "plugins/runner/serve.sh": "#!/bin/sh\nprintf 'whole-started '\ncat server/data.txt\n",
        "plugins/runner/commands/go.md": "---\ndescription: Go\n---\nGo.\n",
    ]

    /// `${VAR}` and `${VAR:-default}` expanded as Claude Code expands them in `.mcp.json`.
    static func expand(_ text: String, _ environment: [String: String]) -> String {
        var output = ""
        var rest = Substring(text)
        while let start = rest.range(of: "${") {
            output += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else { break }
            let body = rest[start.upperBound..<end]
            let parts = body.components(separatedBy: ":-")
            output += environment[parts[0]] ?? (parts.count > 1 ? parts[1] : "${\(body)}")
            rest = rest[rest.index(after: end)...]
        }
        return output + rest
    }

    /// Runs a server's command line as the platform would start it and returns what it printed.
    static func start(_ server: [String: Any], in directory: URL, environment: [String: String]) throws -> String {
        let command = expand(try #require(server["command"] as? String), environment)
        let args = (server["args"] as? [String] ?? []).map { expand($0, environment) }
        let result = try ExternalProgram.runBlocking(
            URL(fileURLWithPath: "/usr/bin/env"), [command] + args,
            environment: ProcessInfo.processInfo.environment.merging(environment) { _, new in new }, directory: directory
        )
        return String(decoding: result.standardOutput, as: UTF8.self)
    }

    static func world() async throws -> (CLIHarness, URL) {
        let cli = try CLIHarness()
        for (path, text) in files { try cli.home.write("market/\(path)", text) }
        #expect(await cli.run("init").status == 0)
        #expect(await cli.run("source", "add", cli.home.path("market").path, "--name", "market").status == 0)
        let imported = await cli.run("import", "--source", "market", "--all")
        #expect(imported.status == 0, "\(imported.output) \(imported.error)")
        let project = cli.home.path("project")
        try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
        return (cli, project)
    }

    @Test("a plugin server running ${CLAUDE_PLUGIN_ROOT} code is imported with its files and starts from the project's .mcp.json")
    func claudeCodeStartsIt() async throws {
        let (cli, project) = try await Self.world()
        defer { cli.home.remove() }
        let stored = cli.home.path("collections/default/mcp")
        #expect(FileManager.default.fileExists(atPath: stored.appending(path: "stub/bundle/server/start.sh").path))
        #expect(FileManager.default.fileExists(atPath: stored.appending(path: "whole/bundle/serve.sh").path))
        // A server that needs nothing beside it stays a bare configuration.
        for bare in ["remote", "package"] {
            #expect(try FileManager.default.contentsOfDirectory(atPath: stored.appending(path: bare).path) == ["server.json"])
        }
        let names = ["stub", "whole", "relative", "remote", "package"]
        let deployed = await cli.run(["deploy"] + names + ["--type", "mcp", "--project", project.path, "--profile", "claude_code", "--yes"])
        #expect(deployed.status == 0, "\(deployed.output) \(deployed.error)")
        let text = try String(contentsOf: project.appending(path: ".mcp.json"), encoding: .utf8)
        #expect(!text.contains("CLAUDE_PLUGIN_ROOT"))
        let servers = try #require((try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])?["mcpServers"] as? [String: [String: Any]])
        // Claude Code starts project servers in the project folder; with CLAUDE_PROJECT_DIR set, from anywhere.
        for environment in [[:], ["CLAUDE_PROJECT_DIR": project.path]] {
            let directory = environment.isEmpty ? project : URL(fileURLWithPath: "/")
            #expect(try Self.start(servers["stub"]!, in: directory, environment: environment) == "stub-started --flag bundled-data\n")
            #expect(try Self.start(servers["whole"]!, in: directory, environment: environment) == "whole-started bundled-data\n")
            #expect(try Self.start(servers["relative"]!, in: directory, environment: environment) == "stub-started relative bundled-data\n")
        }
        #expect(servers["package"]?["args"] as? [String] == ["-y", "some-mcp-server"])
        #expect(servers["remote"]?["url"] as? String == "https://example.com/mcp")
        #expect(!FileManager.default.fileExists(atPath: project.appending(path: ".claude/mcp/package").path))

        // Undeploy removes exactly what was written: the files and the folders SkillMeat created.
        for name in names {
            #expect(await cli.run("undeploy", name, "--type", "mcp", "--project", project.path, "--profile", "claude_code").status == 0)
        }
        #expect(!FileManager.default.fileExists(atPath: project.appending(path: ".claude/mcp").path))
        #expect(!FileManager.default.fileExists(atPath: project.appending(path: ".mcp.json").path))
    }

    @Test("for Codex the server's files go under .codex/mcp/<n>/ and config.toml names them by absolute path")
    func codexStartsIt() async throws {
        let (cli, project) = try await Self.world()
        defer { cli.home.remove() }
        let deployed = await cli.run("deploy", "stub", "package", "--type", "mcp", "--project", project.path, "--profile", "codex", "--yes")
        #expect(deployed.status == 0, "\(deployed.output) \(deployed.error)")
        let config = try String(contentsOf: project.appending(path: ".codex/config.toml"), encoding: .utf8)
        let script = project.standardizedFileURL.path + "/.codex/mcp/stub/server/start.sh"
        #expect(config.contains("\"\(script)\""), "\(config)")
        #expect(!config.contains("CLAUDE_PLUGIN_ROOT"))
        #expect(!FileManager.default.fileExists(atPath: project.appending(path: ".codex/mcp/package").path))
        let output = try Self.start(["command": "sh", "args": [script, "--flag"]], in: URL(fileURLWithPath: "/"), environment: [:])
        #expect(output == "stub-started --flag bundled-data\n")
        #expect(await cli.run("undeploy", "stub", "--type", "mcp", "--project", project.path, "--profile", "codex").status == 0)
        #expect(!FileManager.default.fileExists(atPath: project.appending(path: ".codex/mcp").path))
    }
}
