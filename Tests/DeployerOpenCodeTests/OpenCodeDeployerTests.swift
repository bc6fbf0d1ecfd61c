import DeployerOpenCode
import Foundation
import SkillMeatPluginAPI
import SkillMeatTestSupport
import Testing

@Suite struct OpenCodeDeployerTests {
    static func deployer() -> OpenCodeDeployer {
        OpenCodeDeployer(context: .testing("deployer/opencode"))
    }

    static func plan(_ type: ArtifactType, _ name: String, _ files: [String: String], scope: DeploymentScope = .project) throws -> DeploymentPlan.Item {
        try deployer().planItem(type, name, files, scope: scope, root: "/p")
    }

    @Test("a command keeps $ARGUMENTS and its description; a namespaced one goes to its plugin's subfolder", arguments: [DeploymentScope.project, .user])
    func command(scope: DeploymentScope) throws {
        let item = try Self.plan(.command, "alpha:todo", ["todo.md": "---\ndescription: List TODOs\nallowed-tools: Bash\nmodel: anthropic/claude-sonnet-4\n---\n\nFind TODOs in $ARGUMENTS.\n"], scope: scope)
        #expect(item.writes.map(\.path.string) == [scope == .project ? ".opencode/commands/alpha/todo.md" : ".config/opencode/commands/alpha/todo.md"])
        #expect(try #require(item.writes.first).text == "---\ndescription: \"List TODOs\"\nmodel: \"anthropic/claude-sonnet-4\"\n---\n\nFind TODOs in $ARGUMENTS.\n")
        #expect(item.notes.contains { $0.contains("allowed-tools") })
    }

    @Test("an agent becomes a subagent named by its file; tools and a Claude model alias are left out")
    func agent() throws {
        let item = try Self.plan(.agent, "reviewer", ["reviewer.md": "---\nname: reviewer\ndescription: Reviews code\ntools: Read, Grep\nmodel: sonnet\n---\nYou review.\n"])
        #expect(item.writes.map(\.path.string) == [".opencode/agents/reviewer.md"])
        #expect(try #require(item.writes.first).text == "---\ndescription: \"Reviews code\"\nmode: \"subagent\"\n---\n\nYou review.\n")
        #expect(item.notes.count == 2)
    }

    @Test("skills go to .opencode/skills, or ~/.config/opencode/skills for the user")
    func skills() throws {
        let files = ["SKILL.md": "---\nname: pdf\ndescription: PDFs\n---\n"]
        #expect(try Self.plan(.skill, "pdf", files).writes.map(\.path.string) == [".opencode/skills/pdf/SKILL.md"])
        #expect(try Self.plan(.skill, "pdf", files, scope: .user).writes.map(\.path.string) == [".config/opencode/skills/pdf/SKILL.md"])
    }

    @Test("MCP servers become mcp entries of opencode.json in OpenCode's shape")
    func servers() throws {
        let local = try Self.plan(.mcpServer, "docs", ["server.json": #"{"command": "npx", "args": ["-y", "x"], "env": {"TOKEN": "${TOKEN}"}}"#])
        let merge = try #require(local.merges.first)
        #expect(merge.file.string == "opencode.json" && merge.keyPath == ["mcp", "docs"])
        #expect(merge.value == .object([
            "type": .string("local"), "command": .array([.string("npx"), .string("-y"), .string("x")]),
            "environment": .object(["TOKEN": .string("{env:TOKEN}")]), "enabled": .bool(true),
        ]))
        let remote = try Self.plan(.mcpServer, "issues", ["server.json": #"{"type": "http", "url": "https://x/mcp", "headers": {"Authorization": "Bearer ${KEY}"}}"#], scope: .user)
        #expect(remote.merges.first?.file.string == ".config/opencode/opencode.json")
        #expect(remote.merges.first?.value == .object([
            "type": .string("remote"), "url": .string("https://x/mcp"), "headers": .object(["Authorization": .string("Bearer {env:KEY}")]), "enabled": .bool(true),
        ]))
    }

    @Test("hooks are not supported by this profile")
    func hooks() throws {
        let item = try Self.plan(.hook, "fmt", ["hooks.json": #"{"hooks": {"Stop": [{"hooks": [{"type": "command", "command": "echo"}]}]}}"#])
        #expect(item.unsupportedReason?.contains("not supported by this profile") == true)
        #expect(item.writes.isEmpty && item.merges.isEmpty)
    }

    @Test("names that would leave their folder are refused", arguments: ["../x", "a/b", ".."])
    func escapes(name: String) {
        for type in [ArtifactType.skill, .command, .agent, .mcpServer] {
            #expect(throws: PluginError.self) { try Self.plan(type, name, ["x.md": "x", "server.json": #"{"command": "x"}"#]) }
        }
    }

    @Test("a namespaced command with an empty or unsafe part is refused", arguments: ["a:", ":b", "..:b", "a::b"])
    func namespacedEscapes(name: String) {
        #expect(throws: PluginError.self) { try Self.plan(.command, name, ["x.md": "x"]) }
    }
}
