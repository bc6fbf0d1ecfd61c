import DeployerGemini
import Foundation
import Logging
import SkillMeatPluginAPI
import SkillMeatTestSupport
import Testing

@Suite struct GeminiDeployerTests {
    static func deployer() -> GeminiDeployer {
        GeminiDeployer(context: PluginContext(id: "deployer/gemini", logger: Logger(label: "test"), homeDirectory: URL(fileURLWithPath: "/tmp")))
    }

    static func plan(_ type: ArtifactType, _ name: String, _ files: [String: String], scope: DeploymentScope = .project) throws -> DeploymentPlan.Item {
        try deployer().planItem(type, name, files, scope: scope)
    }

    static func text(_ item: DeploymentPlan.Item) throws -> String {
        String(decoding: try #require(item.writes.first?.contents), as: UTF8.self)
    }

    @Test("a command becomes a TOML command file; $ARGUMENTS becomes {{args}}; a namespaced name a subfolder")
    func command() throws {
        let item = try Self.plan(.command, "git:commit", ["commit.md": "---\ndescription: Commit \"staged\" work\n---\n\nWrite a message for $ARGUMENTS.\n"])
        #expect(item.writes.map(\.path.string) == [".gemini/commands/git/commit.toml"])
        #expect(try Self.text(item) == "description = \"Commit \\\"staged\\\" work\"\nprompt = \"\"\"\nWrite a message for {{args}}.\n\"\"\"\n")
        #expect(item.notes.contains("$ARGUMENTS became {{args}}"))
        let parsed = try TOMLReader.parse(try Self.text(item))
        #expect(parsed["prompt"]?.stringValue == "Write a message for {{args}}.\n")
    }

    @Test("an agent becomes a local subagent; a Claude model alias and Claude tool names are left out")
    func agent() throws {
        let item = try Self.plan(.agent, "test-writer", ["a.md": "---\nname: test-writer\ndescription: Writes tests.\ntools: Read, Bash\nmodel: sonnet\n---\n\nYou write tests.\n"])
        #expect(item.writes.map(\.path.string) == [".gemini/agents/test-writer.md"])
        #expect(try Self.text(item) == "---\nname: test-writer\ndescription: \"Writes tests.\"\nkind: local\n---\n\nYou write tests.\n")
        #expect(item.notes.count == 2)
        #expect(throws: PluginError.self) { try Self.plan(.agent, "Test_Writer", ["a.md": "---\ndescription: x\n---\nx\n"]) }
        #expect(throws: PluginError.self) { try Self.plan(.agent, "nodesc", ["a.md": "---\nname: nodesc\n---\nx\n"]) }
    }

    @Test("MCP servers go to settings.json mcpServers; HTTP servers take httpUrl, SSE ones url")
    func servers() throws {
        let stdio = try Self.plan(.mcpServer, "docs", ["server.json": #"{"command": "npx", "args": ["-y", "x"], "env": {"A": "b"}}"#])
        #expect(stdio.merges.map(\.file.string) == [".gemini/settings.json"])
        #expect(stdio.merges.first?.keyPath == ["mcpServers", "docs"])
        #expect(stdio.merges.first?.value == .object(["command": .string("npx"), "args": .array([.string("-y"), .string("x")]), "env": .object(["A": .string("b")])]))
        let http = try Self.plan(.mcpServer, "issues", ["server.json": #"{"type": "http", "url": "https://x/mcp", "headers": {"Authorization": "Bearer ${TOKEN}"}}"#])
        #expect(http.merges.first?.value == .object(["httpUrl": .string("https://x/mcp"), "headers": .object(["Authorization": .string("Bearer ${TOKEN}")])]))
        let sse = try Self.plan(.mcpServer, "events", ["server.json": #"{"type": "sse", "url": "https://x/sse"}"#])
        #expect(sse.merges.first?.value == .object(["url": .string("https://x/sse")]))
    }

    @Test("hooks take Gemini CLI's event and tool names, timeouts in milliseconds, scripts under .gemini/hooks/<n>/")
    func hooks() throws {
        let hooks = #"{"hooks": {"PreToolUse": [{"matcher": "Edit|Write", "hooks": [{"type": "command", "command": "sh ${CLAUDE_PLUGIN_ROOT}/hooks/guard.sh", "timeout": 5}]}]}}"#
        let item = try Self.plan(.hook, "guard", ["hooks.json": hooks, "hooks/guard.sh": "exit 0\n"])
        #expect(item.writes.map(\.path.string) == [".gemini/hooks/guard/guard.sh"])
        #expect(item.merges.first?.keyPath == ["hooks", "BeforeTool"])
        #expect(item.merges.first?.operation == .append)
        #expect(item.merges.first?.value == .object([
            "matcher": .string("replace|write_file"),
            "hooks": .array([.object(["type": .string("command"), "command": .string(#"sh "$GEMINI_PROJECT_DIR"/.gemini/hooks/guard/guard.sh"#), "timeout": .int(5000)])]),
        ]))
        let user = try Self.plan(.hook, "guard", ["hooks.json": hooks, "hooks/guard.sh": "exit 0\n"], scope: .user)
        #expect(user.commands == [#"sh "$HOME"/.gemini/hooks/guard/guard.sh"#])
    }

    @Test("hooks on events Gemini CLI lacks are not supported by this profile")
    func unsupportedHook() throws {
        let item = try Self.plan(.hook, "sub", ["hooks.json": #"{"hooks": {"SubagentStop": [{"hooks": [{"type": "command", "command": "echo"}]}]}}"#])
        #expect(item.unsupportedReason?.contains("SubagentStop") == true)
        #expect(item.writes.isEmpty && item.merges.isEmpty)
    }

    @Test("settings.json hooks are offered as .gemini/hooks.json mapped back to settings.json; a broken file is a warning")
    func readBack() throws {
        let settings = #"{"theme": "dark", "hooks": {"enabled": true, "disabled": ["x"], "BeforeTool": [{"matcher": "replace", "hooks": [{"type": "command", "command": "echo"}]}]}, "mcpServers": {"a": {"command": "a"}}}"#
        let readBack = Self.deployer().readBack(try .hosted([".gemini/settings.json": settings, ".gemini/commands/x.toml": "prompt = \"x\"\n"]))
        let hooks = try RelativePath(validating: ".gemini/hooks.json")
        let value = try JSONValue.parse(try #require(readBack.files[hooks]))
        #expect(value["hooks"]?.objectValue?.keys.sorted() == ["BeforeTool"])
        #expect(readBack.realPath(of: hooks).string == ".gemini/settings.json")
        #expect(readBack.files[try RelativePath(validating: ".gemini/settings.json")] == Data(settings.utf8))
        #expect(readBack.files.count == 3)
        let broken = Self.deployer().readBack(try .hosted([".gemini/settings.json": "{"]))
        #expect(broken.diagnostics.count == 1 && broken.files.count == 1)
    }
}
