import Foundation
import DeployerCodex
import Logging
import SkillMeatPluginAPI
import SkillMeatTestSupport
import Testing

@Suite struct CodexDeployerTests {
    static func deployer() -> CodexDeployer {
        CodexDeployer(context: PluginContext(id: "deployer/codex", logger: Logger(label: "test"), homeDirectory: URL(fileURLWithPath: "/tmp")))
    }

    static func plan(_ type: ArtifactType, _ name: String, _ files: [String: String]) throws -> DeploymentPlan.Item {
        try deployer().planItem(type, name, files)
    }

    /// The plan of an artifact that becomes one written file: the item, that file's path and its text.
    static func written(_ type: ArtifactType, _ name: String, _ files: [String: String]) throws -> (item: DeploymentPlan.Item, path: String, text: String) {
        let item = try plan(type, name, files)
        #expect(item.writes.count == 1)
        let write = try #require(item.writes.first)
        return (item, write.path.string, String(decoding: write.contents, as: UTF8.self))
    }

    @Test("a command becomes a skill with name and description frontmatter")
    func commandToSkill() throws {
        let (_, path, text) = try Self.written(.command, "todo", ["todo.md": "---\ndescription: List TODOs\n---\n\nFind TODO comments.\n"])
        #expect(path == ".agents/skills/todo/SKILL.md")
        #expect(text == "---\nname: todo\ndescription: \"List TODOs\"\n---\n\nFind TODO comments.\n")
    }

    @Test("an agent becomes TOML with developer instructions; a Claude model alias is dropped")
    func agentToTOML() throws {
        let (item, path, text) = try Self.written(.agent, "reviewer", ["reviewer.md": "---\nname: reviewer\ndescription: Reviews \"code\"\nmodel: sonnet\n---\nYou review.\n"])
        #expect(path == ".codex/agents/reviewer.toml")
        #expect(text == "name = \"reviewer\"\ndescription = \"Reviews \\\"code\\\"\"\ndeveloper_instructions = \"\"\"\nYou review.\n\"\"\"\n")
        #expect(item.notes.contains { $0.contains("sonnet") })
    }

    @Test("MCP servers become mcp_servers tables; a bearer token from the environment becomes bearer_token_env_var")
    func servers() throws {
        let stdio = try Self.plan(.mcpServer, "docs", ["server.json": #"{"command": "npx", "args": ["-y", "x"], "env": {"A": "b"}}"#])
        #expect(stdio.merges.first?.keyPath == ["mcp_servers", "docs"])
        #expect(stdio.merges.first?.value == .object(["command": .string("npx"), "args": .array([.string("-y"), .string("x")]), "env": .object(["A": .string("b")])]))
        let http = try Self.plan(.mcpServer, "issues", ["server.json": #"{"type": "http", "url": "https://x/mcp", "headers": {"Authorization": "Bearer ${TOKEN}"}}"#])
        #expect(http.merges.first?.value == .object(["url": .string("https://x/mcp"), "bearer_token_env_var": .string("TOKEN")]))
    }

    @Test("names and descriptions beyond Codex's limits are refused", arguments: [
        ("Bad_Name", "ok"), (String(repeating: "a", count: 65), "ok"), ("ok", String(repeating: "d", count: 1025)),
    ])
    func limits(name: String, description: String) throws {
        #expect(throws: PluginError.self) {
            try Self.plan(.skill, name, ["SKILL.md": "---\nname: \(name)\ndescription: \(description)\n---\nBody\n"])
        }
    }

    @Test("hooks on events Codex lacks are not supported by this profile")
    func unsupportedHook() throws {
        let item = try Self.plan(.hook, "notify", ["hooks.json": #"{"hooks": {"Notification": [{"hooks": [{"type": "command", "command": "echo"}]}]}}"#])
        #expect(item.unsupportedReason?.contains("not supported by this profile") == true)
        #expect(item.writes.isEmpty && item.merges.isEmpty)
    }
}
