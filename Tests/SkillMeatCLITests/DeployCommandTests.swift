import Foundation
import SkillMeatTestSupport
import Testing

@Suite struct DeployCommandTests {
    static let marketplace = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "examples/marketplace")

    /// A home with every kind of artifact from examples/marketplace in the default collection, and
    /// an empty project folder.
    static func world() async throws -> (CLIHarness, URL) {
        let cli = try CLIHarness()
        #expect(await cli.run("init").status == 0)
        for arguments in [
            ["skills/commit-message"], ["commands/todo.md"], ["agents/test-writer.md"],
            ["", "--type", "hook", "--name", "protect-lockfiles"], ["", "--type", "mcp", "--name", "docs-search"],
        ] {
            let source = arguments[0].isEmpty ? marketplace : marketplace.appending(path: arguments[0])
            let result = await cli.run(["add", source.path] + arguments.dropFirst())
            #expect(result.status == 0, "add \(arguments): \(result.error)")
        }
        let project = cli.home.path("project")
        try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
        return (cli, project)
    }

    static let all = ["commit-message", "todo", "test-writer", "protect-lockfiles", "docs-search"]

    /// Every file and folder under `root` with its bytes (folders as nil), for byte-for-byte comparison.
    static func tree(_ root: URL) throws -> [String: Data?] { try FolderTree.snapshot(root) }

    static func read(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    @Test("every artifact type deploys to both profiles in both scopes and undeploys without a trace", arguments: ["claude_code", "codex"], ["project", "user"])
    func roundTrip(profile: String, scope: String) async throws {
        let (cli, project) = try await Self.world()
        defer { cli.home.remove() }
        let root = scope == "project" ? project : cli.home.url
        // Hand-written configuration that must survive, in place.
        let userConfig = profile == "claude_code" ? (scope == "project" ? ".mcp.json" : ".claude.json") : ".codex/config.toml"
        let handWritten = profile == "claude_code"
            ? "{\n    \"theme\": \"dark\",\n    \"mcpServers\": {\n        \"mine\": {\"command\": \"my-server\"}\n    }\n}\n"
            : "# my settings\nmodel = \"o3\"\n\n[mcp_servers.mine]\ncommand = \"my-server\"\n"
        _ = try cli.home.write(String(root.path.dropFirst(cli.home.url.path.count + 1)) + "/" + userConfig, handWritten)
        let before = try Self.tree(root).filter { !$0.key.hasPrefix("collections") && !$0.key.hasPrefix("cache") && !$0.key.hasPrefix(".locks") && !$0.key.hasPrefix("project") && $0.key != "config.toml" && $0.key != "projects.toml" && !$0.key.hasPrefix("snapshots") }

        let deploy = await cli.run(["deploy"] + Self.all + ["--project", project.path, "--profile", profile, "--scope", scope, "--yes", "--json"])
        #expect(deploy.status == 0, "\(deploy.error)")
        let report = try #require(try cli.json(deploy) as? [String: Any])
        let items = try #require(report["items"] as? [[String: Any]])
        let actions = Dictionary(uniqueKeysWithValues: items.map { ($0["artifact"] as? String ?? "", $0["action"] as? String ?? "") })
        #expect(actions["skill:commit-message"] == "deploy")
        #expect(actions["mcp_server:docs-search"] == "deploy")

        let config = try Self.read(root.appending(path: userConfig))
        let kept = profile == "claude_code" ? String(handWritten.prefix(through: handWritten.firstIndex(of: "}")!)) : handWritten
        #expect(config.hasPrefix(kept), "hand-written entries stay first, byte for byte")
        if profile == "claude_code" {
            let base = scope == "project" ? project.appending(path: ".claude") : cli.home.url.appending(path: ".claude")
            #expect(FileManager.default.fileExists(atPath: base.appending(path: "skills/commit-message/SKILL.md").path))
            #expect(FileManager.default.fileExists(atPath: base.appending(path: "commands/todo.md").path))
            #expect(FileManager.default.fileExists(atPath: base.appending(path: "agents/test-writer.md").path))
            #expect(FileManager.default.isExecutableFile(atPath: base.appending(path: "hooks/protect-lockfiles/protect-lockfiles.sh").path))
            let settings = try Self.read(base.appending(path: "settings.json"))
            let variable = scope == "project" ? "$CLAUDE_PROJECT_DIR" : "$HOME"
            #expect(settings.contains("sh \\\"\(variable)\\\"/.claude/hooks/protect-lockfiles/protect-lockfiles.sh"))
            #expect(config.contains("\n        \"docs-search\": {\n            \"args\": ["))
        } else {
            let agents = scope == "project" ? project.appending(path: ".agents") : cli.home.url.appending(path: ".agents")
            let codex = scope == "project" ? project.appending(path: ".codex") : cli.home.url.appending(path: ".codex")
            #expect(FileManager.default.fileExists(atPath: agents.appending(path: "skills/commit-message/SKILL.md").path))
            #expect(try Self.read(agents.appending(path: "skills/todo/SKILL.md")).hasPrefix("---\nname: todo\ndescription: "))
            #expect(try Self.read(codex.appending(path: "agents/test-writer.toml")).contains("developer_instructions = \"\"\""))
            #expect(config.contains("\n\n[mcp_servers.docs-search]\nargs = [\"-y\", \"@example/docs-search-mcp\"]\ncommand = \"npx\"\n"))
            #expect(try Self.read(codex.appending(path: "hooks.json")).contains("PreToolUse"))
        }
        let record = try Self.read(root.appending(path: profile == "claude_code" ? ".claude/.skillmeat-deployed.toml" : ".codex/.skillmeat-deployed.toml"))
        #expect(record.contains("[[deployed]]") && record.contains("deployed_files") && record.contains("merged_entries"))

        // deployments_json equals what a rebuild finds.
        // When a row was written (`synced_at`) is the one field a rebuild changes.
        func withoutSyncTime(_ text: String) -> String { text.replacingOccurrences(of: #""synced_at"[^\n]*"#, with: "", options: .regularExpression) }
        let listed = withoutSyncTime(await cli.run("list", "--json").output)
        #expect(await cli.run("cache", "rebuild").status == 0)
        #expect(withoutSyncTime(await cli.run("list", "--json").output) == listed)
        #expect(listed.contains("\"project_path\""))

        let status = try #require(try cli.json(await cli.run("status", "--project", root.path, "--json")) as? [[String: Any]])
        #expect(status.count == 5)
        #expect(status.allSatisfy { $0["state"] as? String == "synced" })

        for name in Self.all {
            let result = await cli.run("undeploy", name, "--project", project.path, "--profile", profile, "--scope", scope)
            #expect(result.status == 0, "\(name): \(result.error)")
        }
        let after = try Self.tree(root).filter { before.keys.contains($0.key) || (!$0.key.hasPrefix("collections") && !$0.key.hasPrefix("cache") && !$0.key.hasPrefix(".locks") && !$0.key.hasPrefix("project") && $0.key != "config.toml" && $0.key != "projects.toml" && !$0.key.hasPrefix("snapshots")) }
        #expect(after == before)
        let emptied = try #require(try cli.json(await cli.run("list", "--json")) as? [[String: Any]])
        #expect(emptied.allSatisfy { ($0["deployments"] as? [Any])?.isEmpty == true })
    }

    @Test("each drift state: synced, modified, outdated, conflict, missing")
    func drift() async throws {
        let (cli, project) = try await Self.world()
        defer { cli.home.remove() }
        #expect(await cli.run("deploy", "todo", "test-writer", "commit-message", "--project", project.path).status == 0)
        func state(_ artifact: String) async throws -> String? {
            let rows = try #require(try cli.json(await cli.run("status", "--project", project.path, "--json")) as? [[String: Any]])
            return rows.first { $0["artifact"] as? String == artifact }?["state"] as? String
        }
        #expect(try await state("command:todo") == "synced")
        _ = try cli.home.write("project/.claude/commands/todo.md", "changed here\n")
        #expect(try await state("command:todo") == "modified")
        _ = try cli.home.write("collections/default/agents/test-writer.md", "---\ndescription: changed\n---\nNew.\n")
        #expect(try await state("agent:test-writer") == "outdated")
        _ = try cli.home.write("collections/default/commands/todo.md", "changed in the collection\n")
        #expect(try await state("command:todo") == "conflict")
        try FileManager.default.removeItem(at: project.appending(path: ".claude/skills/commit-message/SKILL.md"))
        #expect(try await state("skill:commit-message") == "missing")

        // Deploying again updates the outdated copy; the modified one is a conflict the default strategy skips.
        let again = await cli.run("deploy", "test-writer", "todo", "--project", project.path, "--json")
        #expect(again.status == 3)
        #expect(try await state("agent:test-writer") == "synced")
        #expect(try Self.read(project.appending(path: ".claude/commands/todo.md")) == "changed here\n")
        #expect(await cli.run("deploy", "todo", "--project", project.path, "--strategy", "overwrite").status == 0)
        #expect(try await state("command:todo") == "synced")
    }

    @Test("a file a person wrote is a conflict: skip leaves it, rename deploys beside it, undeploy keeps changed copies")
    func conflicts() async throws {
        let (cli, project) = try await Self.world()
        defer { cli.home.remove() }
        _ = try cli.home.write("project/.claude/commands/todo.md", "mine\n")
        #expect(await cli.run("deploy", "todo", "--project", project.path).status == 3)
        #expect(try Self.read(project.appending(path: ".claude/commands/todo.md")) == "mine\n")
        #expect(await cli.run("deploy", "todo", "--project", project.path, "--strategy", "rename").status == 0)
        #expect(FileManager.default.fileExists(atPath: project.appending(path: ".claude/commands/todo-1.md").path))
        _ = try cli.home.write("project/.claude/commands/todo-1.md", "edited\n")
        #expect(await cli.run("undeploy", "todo", "--project", project.path).status == 0)
        #expect(try Self.read(project.appending(path: ".claude/commands/todo-1.md")) == "edited\n")
        #expect(try Self.read(project.appending(path: ".claude/commands/todo.md")) == "mine\n")
    }

    @Test("hooks and MCP servers are not written without --yes when nobody can be asked")
    func confirmation() async throws {
        let (cli, project) = try await Self.world()
        defer { cli.home.remove() }
        let result = await cli.run("deploy", "docs-search", "--project", project.path)
        #expect(result.status == 3)
        #expect(result.error.contains("--yes"))
        #expect(try Self.tree(project).isEmpty)
        let dry = await cli.run("deploy", "docs-search", "protect-lockfiles", "--project", project.path, "--dry-run")
        #expect(dry.status == 0)
        #expect(dry.output.contains("runs   npx -y @example/docs-search-mcp"))
        #expect(try Self.tree(project).isEmpty)
    }

    @Test("merges are insensitive to formatting: a compact file keeps its style and gets its bytes back")
    func compactJSON() async throws {
        let (cli, project) = try await Self.world()
        defer { cli.home.remove() }
        let original = #"{"mcpServers":{"a":{"command":"x"}},"other":[1,2]}"#
        _ = try cli.home.write("project/.mcp.json", original)
        #expect(await cli.run("deploy", "docs-search", "--project", project.path, "--yes").status == 0)
        let merged = try Self.read(project.appending(path: ".mcp.json"))
        #expect(merged.hasPrefix(#"{"mcpServers":{"a":{"command":"x"}, "docs-search": "#))
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(merged.utf8)) as? [String: Any])
        #expect((parsed["mcpServers"] as? [String: Any])?.count == 2)
        #expect(await cli.run("undeploy", "docs-search", "--project", project.path).status == 0)
        #expect(try Self.read(project.appending(path: ".mcp.json")) == original)
    }

    @Test("paths that leave the project are refused with nothing written", arguments: ["symlink", "name"])
    func escapes(kind: String) async throws {
        let (cli, project) = try await Self.world()
        defer { cli.home.remove() }
        let outside = cli.home.path("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        if kind == "symlink" {
            try FileManager.default.createSymbolicLink(at: project.appending(path: ".claude"), withDestinationURL: outside)
        } else {
            // A hand-edited manifest whose entry name climbs out of the project.
            let manifest = try cli.home.read("collections/default/collection.toml")
            _ = try cli.home.write("collections/default/collection.toml", manifest.replacingOccurrences(of: "name = \"todo\"", with: "name = \"../../escape\""))
        }
        let before = try Self.tree(cli.home.url).filter { !$0.key.hasPrefix("cache") && !$0.key.hasPrefix(".locks") }
        let result = await cli.run("deploy", kind == "symlink" ? "todo" : "../../escape", "--project", project.path)
        #expect(result.status != 0)
        #expect(result.error.hasPrefix("error: "))
        #expect(try Self.tree(outside).isEmpty)
        let after = try Self.tree(cli.home.url).filter { !$0.key.hasPrefix("cache") && !$0.key.hasPrefix(".locks") }
        #expect(after == before)
    }

    @Test("Codex limits are refused before anything is written")
    func codexLimits() async throws {
        let (cli, project) = try await Self.world()
        defer { cli.home.remove() }
        let long = String(repeating: "x", count: 1100)
        _ = try cli.home.write("src/commands/long.md", "---\ndescription: \(long)\n---\nBody\n")
        #expect(await cli.run("add", cli.home.path("src/commands/long.md").path).status == 0)
        let result = await cli.run("deploy", "todo", "long", "--project", project.path, "--profile", "codex")
        #expect(result.status == 1)
        #expect(result.error.contains("1024"))
        #expect(try Self.tree(project).isEmpty)
    }

    @Test("projects list shows the folders deployed to")
    func projects() async throws {
        let (cli, project) = try await Self.world()
        defer { cli.home.remove() }
        #expect(await cli.run("deploy", "todo", "--project", project.path).status == 0)
        let projects = try #require(try cli.json(await cli.run("projects", "list", "--json")) as? [[String: Any]])
        #expect(projects.compactMap { $0["path"] as? String } == [project.standardizedFileURL.path])
    }
}
