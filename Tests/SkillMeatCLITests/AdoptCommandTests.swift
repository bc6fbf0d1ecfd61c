import Foundation
import SkillMeatTestSupport
import Testing

@Suite struct AdoptCommandTests {
    /// A home whose collection holds `todo` and `commit-message`, and a project with every type for
    /// both profiles: `commit-message` deployed by SkillMeat, a byte-identical `todo`, a different
    /// `commit-message` for Codex, and hand-written artifacts of every type.
    static func world() async throws -> (CLIHarness, URL) {
        let (cli, project) = try await DeployCommandTests.world()
        let deploy = await cli.run("deploy", "commit-message", "--project", project.path, "--profile", "claude_code", "--yes")
        #expect(deploy.status == 0, "\(deploy.error)")
        let todo = try Data(contentsOf: DeployCommandTests.marketplace.appending(path: "commands/todo.md"))
        let files: [String: String] = [
            ".claude/skills/alpha/SKILL.md": "---\nname: alpha\ndescription: Does alpha things.\n---\n\nAlpha.\n",
            ".claude/skills/alpha/notes/extra.md": "More alpha.\n",
            ".claude/commands/greet.md": "---\ndescription: Say hello\n---\n\nSay hello to $ARGUMENTS.\n",
            ".claude/commands/todo.md": String(decoding: todo, as: UTF8.self),
            ".claude/agents/reviewer.md": "---\nname: reviewer\ndescription: Reviews code.\ntools: Read\n---\n\nReview it.\n",
            ".claude/settings.json": """
                {
                  "permissions": {"allow": ["Bash(ls)"]},
                  "hooks": {
                    "PreToolUse": [
                      {"matcher": "Bash", "hooks": [{"type": "command", "command": "sh $CLAUDE_PROJECT_DIR/.claude/hooks/guard.sh"}]}
                    ]
                  }
                }

                """,
            ".claude/hooks/guard.sh": "#!/bin/sh\nexit 0\n",
            ".mcp.json": "{\n  \"mcpServers\": {\n    \"search\": {\"command\": \"search-server\", \"args\": [\"--fast\"]},\n    \"other\": {\"command\": \"other-server\"}\n  }\n}\n",
            ".agents/skills/beta/SKILL.md": "---\nname: beta\ndescription: Does beta things.\n---\n\nBeta.\n",
            ".agents/skills/commit-message/SKILL.md": "---\nname: commit-message\ndescription: My own commit messages.\n---\n\nMine.\n",
            ".codex/agents/helper.toml": "name = \"helper\"\ndescription = \"Helps.\"\ndeveloper_instructions = \"\"\"\nHelp out.\n\"\"\"\n",
            ".codex/config.toml": "model = \"o3\"\n\n[mcp_servers.files]\ncommand = \"files-server\"\nargs = [\"--root\", \".\"]\n",
            ".codex/hooks.json": "{\n  \"hooks\": {\n    \"Stop\": [{\"hooks\": [{\"type\": \"command\", \"command\": \"echo done\"}]}]\n  }\n}\n",
        ]
        for (path, text) in files {
            let url = project.appending(path: path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return (cli, project)
    }

    static func discover(_ cli: CLIHarness, _ project: URL) async throws -> [String: [String: Any]] {
        let result = await cli.run("discover", "--project", project.path, "--json")
        #expect(result.status == 0, "\(result.error)")
        let report = try #require(try cli.json(result) as? [String: Any])
        let artifacts = try #require(report["artifacts"] as? [[String: Any]])
        var byKey: [String: [String: Any]] = [:]
        for artifact in artifacts {
            let key = "\(artifact["profile"] as? String ?? "") \(artifact["type"] as? String ?? ""):\(artifact["name"] as? String ?? "")"
            #expect(byKey[key] == nil, "\(key) listed twice")
            byKey[key] = artifact
        }
        return byKey
    }

    @Test("discover marks every artifact of both profiles managed, in_collection or unmanaged")
    func discoverMarks() async throws {
        let (cli, project) = try await Self.world()
        defer { cli.home.remove() }
        let found = try await Self.discover(cli, project)
        let expected: [String: (String, String?)] = [
            "claude_code skill:commit-message": ("managed", nil),
            "claude_code skill:alpha": ("unmanaged", nil),
            "claude_code command:greet": ("unmanaged", nil),
            "claude_code command:todo": ("in_collection", "same_content"),
            "claude_code agent:reviewer": ("unmanaged", nil),
            "claude_code hook:claude-settings": ("unmanaged", nil),
            "claude_code mcp_server:search": ("unmanaged", nil),
            "claude_code mcp_server:other": ("unmanaged", nil),
            "codex skill:beta": ("unmanaged", nil),
            "codex skill:commit-message": ("in_collection", "same_name_different_content"),
            "codex agent:helper": ("unmanaged", nil),
            "codex mcp_server:files": ("unmanaged", nil),
            "codex hook:codex-hooks": ("unmanaged", nil),
        ]
        #expect(Set(found.keys) == Set(expected.keys))
        for (key, (status, match)) in expected {
            #expect(found[key]?["status"] as? String == status, "\(key)")
            #expect(found[key]?["match"] as? String == match, "\(key)")
        }
        #expect(found["codex agent:helper"]?["path"] as? String == ".codex/agents/helper.toml")
        #expect(found["codex mcp_server:files"]?["entries"] as? [String] == [".codex/config.toml: mcp_servers.files"])
        #expect(found["claude_code hook:claude-settings"]?["files"] as? [String] == [".claude/hooks/guard.sh"])
    }

    @Test("adopt --all records everything as synced and a second adopt changes nothing")
    func adoptAllThenStatus() async throws {
        let (cli, project) = try await Self.world()
        defer { cli.home.remove() }
        let before = try DeployCommandTests.tree(project).filter { !$0.key.hasSuffix(".skillmeat-deployed.toml") }

        let adopt = await cli.run("adopt", "--all", "--project", project.path, "--strategy", "rename", "--json")
        #expect(adopt.status == 0, "\(adopt.output) \(adopt.error)")
        let report = try #require(try cli.json(adopt) as? [String: Any])
        let items = try #require(report["items"] as? [[String: Any]])
        #expect(items.count == 12)
        #expect(items.allSatisfy { ["adopted", "recorded"].contains($0["status"] as? String) }, "\(items)")

        // Nothing the person had was moved or rewritten.
        let after = try DeployCommandTests.tree(project).filter { !$0.key.hasSuffix(".skillmeat-deployed.toml") }
        #expect(after == before)

        let status = await cli.run("status", "--project", project.path, "--json")
        let rows = try #require(try cli.json(status) as? [[String: Any]])
        #expect(rows.count == 13)
        #expect(rows.allSatisfy { $0["state"] as? String == "synced" }, "\(rows.filter { $0["state"] as? String != "synced" })")

        let found = try await Self.discover(cli, project)
        #expect(found.values.allSatisfy { $0["status"] as? String == "managed" })

        // The collection has them, and the cache row carries the deployment.
        let list = await cli.run("list", "--json")
        #expect(list.output.contains("\"alpha\"") && list.output.contains("\"helper\"") && list.output.contains("commit-message-"))
        let show = await cli.run("show", "alpha", "--json")
        #expect(show.output.contains(project.standardizedFileURL.path))

        let recordsBefore = try DeployCommandTests.tree(project)
        let manifest = try DeployCommandTests.read(cli.home.path("collections/default/collection.toml"))
        let again = await cli.run("adopt", "--all", "--project", project.path, "--json")
        #expect(again.status == 0, "\(again.error)")
        let second = try #require(try cli.json(again) as? [String: Any])
        #expect((second["items"] as? [Any])?.isEmpty == true)
        #expect(try DeployCommandTests.tree(project) == recordsBefore)
        #expect(try DeployCommandTests.read(cli.home.path("collections/default/collection.toml")) == manifest)

        let projects = await cli.run("projects", "list", "--json")
        #expect(projects.output.contains(project.standardizedFileURL.path))
    }

    @Test("undeploying an adopted artifact removes exactly what its record lists")
    func adoptThenUndeploy() async throws {
        let (cli, project) = try await Self.world()
        defer { cli.home.remove() }
        let adopt = await cli.run("adopt", "alpha", "search", "claude-settings", "files", "--project", project.path)
        #expect(adopt.status == 0, "\(adopt.output) \(adopt.error)")
        let before = try DeployCommandTests.tree(project)

        for (name, profile) in [("alpha", "claude_code"), ("search", "claude_code"), ("claude-settings", "claude_code"), ("files", "codex")] {
            let result = await cli.run("undeploy", name, "--project", project.path, "--profile", profile)
            #expect(result.status == 0, "\(name): \(result.error)")
        }
        let after = try DeployCommandTests.tree(project)
        let gone = Set(before.keys).subtracting(after.keys)
        #expect(Set(gone.filter { !$0.hasSuffix(".skillmeat-deployed.toml") }) == Set([
            ".claude/skills/alpha", ".claude/skills/alpha/SKILL.md", ".claude/skills/alpha/notes", ".claude/skills/alpha/notes/extra.md",
            ".claude/hooks/guard.sh",
        ]))
        // Shared files keep everything else.
        let mcp = try DeployCommandTests.read(project.appending(path: ".mcp.json"))
        #expect(!mcp.contains("search") && mcp.contains("other-server"))
        let settings = try DeployCommandTests.read(project.appending(path: ".claude/settings.json"))
        #expect(!settings.contains("guard.sh") && settings.contains("Bash(ls)"))
        let config = try DeployCommandTests.read(project.appending(path: ".codex/config.toml"))
        #expect(!config.contains("files-server") && config.contains("model = \"o3\""))
        // Untouched artifacts are exactly as they were.
        for path in [".claude/commands/greet.md", ".agents/skills/beta/SKILL.md", ".codex/agents/helper.toml", ".claude/skills/commit-message/SKILL.md"] {
            #expect(after[path] == before[path], "\(path)")
        }
    }

    @Test("projects remove forgets a project and keeps its records")
    func projectsRemove() async throws {
        let (cli, project) = try await Self.world()
        defer { cli.home.remove() }
        #expect(await cli.run("projects", "remove", project.path).status == 0)
        #expect(!(await cli.run("projects", "list").output.contains(project.path)))
        #expect(FileManager.default.fileExists(atPath: project.appending(path: ".claude/.skillmeat-deployed.toml").path))
        #expect(await cli.run("projects", "remove", project.path).status == 1)
    }
}
