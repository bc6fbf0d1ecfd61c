import DeployerCopilot
import Foundation
import SkillMeatPluginAPI
import SkillMeatTestSupport
import Testing

@Suite struct CopilotDeployerTests {
    static func deployer() -> CopilotDeployer {
        CopilotDeployer(context: .testing("deployer/copilot"))
    }

    static func plan(_ type: ArtifactType, _ name: String, _ files: [String: String], scope: DeploymentScope = .project) throws -> DeploymentPlan.Item {
        try deployer().planItem(type, name, files, scope: scope, root: "/home/u")
    }

    @Test("a command becomes a prompt file; $ARGUMENTS and $1 become input variables; Claude-only keys are left out")
    func promptFile() throws {
        let item = try Self.plan(.command, "alpha:todo", [
            "todo.md": "---\ndescription: List TODOs\nargument-hint: [path]\nallowed-tools: Bash(grep:*)\nmodel: sonnet\n---\n\nFind TODOs in $ARGUMENTS, first $1 (cost $5.00 is $10).\n",
        ])
        #expect(item.writes.map(\.path.string) == [".github/prompts/alpha-todo.prompt.md"])
        #expect(try #require(item.writes.first).text == "---\ndescription: \"List TODOs\"\nargument-hint: \"[path]\"\n---\n\nFind TODOs in ${input:arguments}, first ${input:arg1} (cost ${input:arg5}.00 is $10).\n")
        #expect(item.notes.count == 3)
    }

    @Test("in the user scope a command becomes a skill in ~/.copilot/skills: Copilot reads no user prompt files")
    func userCommand() throws {
        let item = try Self.plan(.command, "alpha:todo", ["todo.md": "---\ndescription: List TODOs\n---\n\nFind $ARGUMENTS.\n"], scope: .user)
        #expect(item.writes.map(\.path.string) == [".copilot/skills/alpha-todo/SKILL.md"])
        #expect(try #require(item.writes.first).text == "---\nname: \"alpha-todo\"\ndescription: \"List TODOs\"\n---\n\nFind $ARGUMENTS.\n")
        #expect(throws: PluginError.self) { try Self.plan(.command, "Bad_Name", ["x.md": "Do it.\n"], scope: .user) }
    }

    @Test("an agent becomes an .agent.md with name and description; tools and model are left out", arguments: [DeploymentScope.project, .user])
    func agent(scope: DeploymentScope) throws {
        let item = try Self.plan(.agent, "reviewer", ["reviewer.md": "---\nname: reviewer\ndescription: Reviews code\ntools: Read, Grep\nmodel: opus\n---\nYou review.\n"], scope: scope)
        #expect(item.writes.map(\.path.string) == [scope == .project ? ".github/agents/reviewer.agent.md" : ".copilot/agents/reviewer.agent.md"])
        #expect(try #require(item.writes.first).text == "---\nname: \"reviewer\"\ndescription: \"Reviews code\"\n---\n\nYou review.\n")
        #expect(item.notes.count == 2)
    }

    @Test("skills go to .github/skills, or ~/.copilot/skills for the user")
    func skills() throws {
        let files = ["SKILL.md": "---\nname: pdf\ndescription: PDFs\n---\n", "scripts/run.sh": "echo\n"]
        #expect(try Self.plan(.skill, "pdf", files).writes.map(\.path.string) == [".github/skills/pdf/SKILL.md", ".github/skills/pdf/scripts/run.sh"])
        #expect(try Self.plan(.skill, "pdf", files, scope: .user).writes.map(\.path.string) == [".copilot/skills/pdf/SKILL.md", ".copilot/skills/pdf/scripts/run.sh"])
    }

    @Test("MCP servers: VS Code's servers in .vscode/mcp.json with a type and ${env:…}; the Copilot CLI's mcpServers for the user")
    func servers() throws {
        let stdio = #"{"command": "npx", "args": ["-y", "x", "${CLAUDE_PROJECT_DIR}/data"], "env": {"TOKEN": "${TOKEN:-none}"}}"#
        let project = try Self.plan(.mcpServer, "docs", ["server.json": stdio])
        let merge = try #require(project.merges.first)
        #expect(merge.file.string == ".vscode/mcp.json" && merge.keyPath == ["servers", "docs"])
        #expect(merge.value == .object([
            "type": .string("stdio"), "command": .string("npx"),
            "args": .array([.string("-y"), .string("x"), .string("${workspaceFolder}/data")]),
            "env": .object(["TOKEN": .string("${env:TOKEN}")]),
        ]))
        #expect(project.notes.contains { $0.contains("TOKEN") })
        let user = try Self.plan(.mcpServer, "issues", ["server.json": #"{"type": "sse", "url": "https://x/mcp"}"#], scope: .user)
        #expect(user.merges.first?.file.string == ".copilot/mcp-config.json")
        #expect(user.merges.first?.keyPath == ["mcpServers", "issues"])
        #expect(user.merges.first?.value == .object(["type": .string("http"), "url": .string("https://x/mcp"), "tools": .array([.string("*")])]))
    }

    @Test("a hook's groups are appended to .github/hooks/hooks.json; its scripts go beside it", arguments: [DeploymentScope.project, .user])
    func hook(scope: DeploymentScope) throws {
        let declaration = #"{"hooks": {"PostToolUse": [{"matcher": "Edit|Write", "hooks": [{"type": "command", "command": "${CLAUDE_PLUGIN_ROOT}/hooks/fmt.sh"}]}]}}"#
        let item = try Self.plan(.hook, "fmt", ["hooks.json": declaration, "hooks/fmt.sh": "#!/bin/sh\n"], scope: scope)
        let folder = scope == .project ? ".github/hooks" : ".copilot/hooks"
        #expect(item.writes.map(\.path.string) == ["\(folder)/fmt/fmt.sh"])
        #expect(item.writes.first?.isExecutable == true)
        let merge = try #require(item.merges.first)
        #expect(merge.file.string == "\(folder)/hooks.json" && merge.keyPath == ["hooks", "PostToolUse"] && merge.operation == .append)
        let root = scope == .project ? "$(git rev-parse --show-toplevel)" : "$HOME"
        #expect(merge.value == .object([
            "matcher": .string("Edit|Write"),
            "hooks": .array([.object(["type": .string("command"), "command": .string("\"\(root)\"/\(folder)/fmt/fmt.sh")])]),
        ]))
        #expect(item.notes.contains { $0.contains("matchers") })
    }

    @Test("hooks on events VS Code lacks are not supported by this profile")
    func unsupportedHook() throws {
        let item = try Self.plan(.hook, "notify", ["hooks.json": #"{"hooks": {"Notification": [{"hooks": [{"type": "command", "command": "echo"}]}]}}"#])
        #expect(item.unsupportedReason?.contains("not supported by this profile") == true)
        #expect(item.writes.isEmpty && item.merges.isEmpty)
    }

    @Test("names that would leave their folder are refused", arguments: ["../x", "a/b", ".."])
    func escapes(name: String) {
        for type in ArtifactType.allCases {
            #expect(throws: PluginError.self) { try Self.plan(type, name, ["x.md": "x"]) }
        }
    }
}
