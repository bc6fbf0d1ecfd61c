import DetectorHooks
import SkillMeatPluginAPI
import SkillMeatTestSupport
import Testing

@Suite struct HookDetectorTests {
    static let hooks = #"{"hooks": {"PreToolUse": [{"matcher": "Bash", "hooks": [{"type": "command", "command": "node \"${CLAUDE_PLUGIN_ROOT}/guard.js\""}]}]}}"#

    static func detect(_ files: [String: String]) async throws -> DetectionResult {
        await HookDetector(context: .testing("detector/hooks")).detect(DetectionInput(tree: try .inMemory(files)))
    }

    @Test("which files declare hooks", arguments: [
        (["p/.claude-plugin/plugin.json": #"{"name": "guard"}"#, "p/hooks/hooks.json": hooks, "p/guard.js": "x"], ["p/hooks/hooks.json guard"]),
        ([".claude/settings.json": #"{"hooks": {"Stop": [{"hooks": [{"type": "command", "command": "x"}]}]}}"#], [".claude/settings.json settings"]),
        ([".claude/settings.json": #"{"hooks": {}, "permissions": {}}"#], []),
        ([".claude/hooks/examples/settings-minimal.json": hooks, "examples/hooks/hooks.json": hooks], []),
        (["p/.claude-plugin/plugin.json": #"{"name": "inline", "hooks": {"Stop": [{"hooks": []}]}}"#], ["p/.claude-plugin/plugin.json inline"]),
    ])
    func declarations(files: [String: String], expected: [String]) async throws {
        let result = try await Self.detect(files)
        #expect(result.artifacts.map { "\($0.path) \($0.name)" } == expected)
    }

    @Test("a hook's files are its declaration and the scripts it runs")
    func scripts() async throws {
        let result = try await Self.detect(["p/.claude-plugin/plugin.json": #"{"name": "guard", "hooks": "./hooks/hooks.json"}"#, "p/hooks/hooks.json": Self.hooks, "p/guard.js": "x"])
        let hook = try #require(result.artifacts.first)
        #expect(result.artifacts.count == 1)
        #expect(hook.files.map(\.string) == ["p/hooks/hooks.json", "p/guard.js"])
        #expect(hook.declaration?["PreToolUse"] != nil)
    }

    @Test("a malformed hooks file is a diagnostic, not a failure")
    func malformed() async throws {
        let result = try await Self.detect(["hooks/hooks.json": "{", ".claude/settings.local.json": Self.hooks])
        #expect(result.artifacts.map(\.path.string) == [".claude/settings.local.json"])
        #expect(result.diagnostics.map(\.path) == ["hooks/hooks.json"])
    }
}
