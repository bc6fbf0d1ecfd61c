import DeployerCursor
import Foundation
import Logging
import SkillMeatPluginAPI
import SkillMeatTestSupport
import Testing

@Suite struct CursorDeployerTests {
    static func deployer() -> CursorDeployer {
        CursorDeployer(context: PluginContext(id: "deployer/cursor", logger: Logger(label: "test"), homeDirectory: URL(fileURLWithPath: "/tmp")))
    }

    static func plan(_ type: ArtifactType, _ name: String, _ files: [String: String], scope: DeploymentScope = .project) throws -> DeploymentPlan.Item {
        try deployer().planItem(type, name, files, scope: scope)
    }

    @Test("commands are markdown in .cursor/commands; a namespaced name is flattened with a hyphen")
    func commands() throws {
        let text = "---\ndescription: Commit\n---\nWrite a message for $ARGUMENTS.\n"
        let item = try Self.plan(.command, "git:commit", ["commit.md": text])
        #expect(item.writes.map(\.path.string) == [".cursor/commands/git-commit.md"])
        #expect(item.writes.first?.contents == Data(text.utf8))
        #expect(item.notes.count == 1)
    }

    @Test("an agent becomes a Cursor subagent; a Claude model alias becomes inherit")
    func agent() throws {
        let item = try Self.plan(.agent, "test-writer", ["a.md": "---\nname: test-writer\ndescription: Writes tests.\ntools: Read\nmodel: sonnet\n---\n\nYou write tests.\n"])
        #expect(item.writes.map(\.path.string) == [".cursor/agents/test-writer.md"])
        #expect(String(decoding: try #require(item.writes.first?.contents), as: UTF8.self)
            == "---\nname: test-writer\ndescription: \"Writes tests.\"\nmodel: inherit\n---\n\nYou write tests.\n")
        #expect(throws: PluginError.self) { try Self.plan(.agent, "x", ["a.md": "---\nname: x\n---\nx\n"]) }
    }

    @Test("MCP servers go to .cursor/mcp.json; ${VAR} becomes ${env:VAR}; bundled files are named from ${workspaceFolder}")
    func servers() throws {
        let http = try Self.plan(.mcpServer, "issues", ["server.json": #"{"type": "http", "url": "https://x/mcp", "headers": {"Authorization": "Bearer ${TOKEN}"}}"#])
        #expect(http.merges.map(\.file.string) == [".cursor/mcp.json"])
        #expect(http.merges.first?.keyPath == ["mcpServers", "issues"])
        #expect(http.merges.first?.value == .object(["type": .string("http"), "url": .string("https://x/mcp"), "headers": .object(["Authorization": .string("Bearer ${env:TOKEN}")])]))
        let bundled = try Self.plan(.mcpServer, "local", ["server.json": #"{"command": "node", "args": ["./server.js"]}"#, "bundle/server.js": "x"])
        #expect(bundled.writes.map(\.path.string) == [".cursor/mcp/local/server.js"])
        #expect(bundled.merges.first?.value["args"] == .array([.string("${workspaceFolder}/.cursor/mcp/local/server.js")]))
        let user = try Self.plan(.mcpServer, "local", ["server.json": #"{"command": "node", "args": ["./server.js"]}"#, "bundle/server.js": "x"], scope: .user)
        #expect(user.merges.first?.value["args"] == .array([.string("${userHome}/.cursor/mcp/local/server.js")]))
    }

    @Test("hooks are not supported by this profile, and say why")
    func hooks() throws {
        let item = try Self.plan(.hook, "guard", ["hooks.json": #"{"hooks": {"PreToolUse": [{"hooks": [{"type": "command", "command": "echo"}]}]}}"#])
        #expect(item.unsupportedReason?.hasPrefix("not supported by this profile") == true)
        #expect(item.writes.isEmpty && item.merges.isEmpty)
    }
}
