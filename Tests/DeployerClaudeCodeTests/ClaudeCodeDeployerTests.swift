import Foundation
import DeployerClaudeCode
import Logging
import SkillMeatPluginAPI
import SkillMeatTestSupport
import Testing

@Suite struct ClaudeCodeDeployerTests {
    static func deployer() throws -> ClaudeCodeDeployer {
        ClaudeCodeDeployer(context: PluginContext(id: "deployer/claude_code", logger: Logger(label: "test"), homeDirectory: URL(fileURLWithPath: "/tmp")))
    }

    static func path(_ text: String) throws -> RelativePath { try RelativePath(validating: text) }

    @Test("a hook's scripts land under .claude/hooks/<name>/ and its commands point there")
    func hookRewrite() throws {
        let hooks = #"{"hooks": {"PreToolUse": [{"matcher": "Edit", "hooks": [{"type": "command", "command": "sh ${CLAUDE_PLUGIN_ROOT}/hooks/guard.sh \"${CLAUDE_PLUGIN_ROOT}/hooks/guard.sh\""}]}]}}"#
        let artifact = DeployableArtifact(
            id: ArtifactID(type: .hook, name: "guard"), metadata: ArtifactMetadata(), contentHash: "x",
            files: [try Self.path("hooks.json"): Data(hooks.utf8), try Self.path("hooks/guard.sh"): Data("exit 0\n".utf8)]
        )
        let plan = try Self.deployer().plan([artifact], into: DeploymentTarget(scope: .project, root: URL(fileURLWithPath: "/p")))
        let item = try #require(plan.items.first)
        #expect(item.writes.map(\.path.string) == [".claude/hooks/guard/guard.sh"])
        #expect(item.writes.first?.isExecutable == true)
        #expect(item.commands == [#"sh "$CLAUDE_PROJECT_DIR"/.claude/hooks/guard/guard.sh "$CLAUDE_PROJECT_DIR/.claude/hooks/guard/guard.sh""#])
        #expect(item.merges.first?.keyPath == ["hooks", "PreToolUse"])
        #expect(item.merges.first?.operation == .append)
    }

    @Test("names that would leave the target are refused", arguments: ["../x", "a/b", "/abs", ".."])
    func unsafeNames(name: String) throws {
        let artifact = DeployableArtifact(id: ArtifactID(type: .command, name: name), metadata: ArtifactMetadata(), contentHash: "x", files: [try Self.path("c.md"): Data("x".utf8)])
        #expect(throws: PluginError.self) {
            try Self.deployer().plan([artifact], into: DeploymentTarget(scope: .project, root: URL(fileURLWithPath: "/p")))
        }
    }
}
