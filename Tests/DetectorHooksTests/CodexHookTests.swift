import DetectorHooks
import SkillMeatPluginAPI
import SkillMeatTestSupport
import Testing

@Suite struct CodexHookTests {
    static func detect(_ files: [String: String]) async throws -> [DetectedArtifact] {
        await HookDetector(context: .testing("detector/hooks")).detect(DetectionInput(tree: try .inMemory(files))).artifacts
    }

    @Test("[[hooks.<Event>]] tables of a Codex config.toml are one hook, with the scripts they run")
    func tables() async throws {
        let hooks = try await Self.detect([
            ".codex/config.toml": """
                model = "o3"

                [[hooks.PreToolUse]]
                matcher = "Bash"

                [[hooks.PreToolUse.hooks]]
                type = "command"
                command = "python3 .codex/hooks/guard.py"
                """,
            ".codex/hooks/guard.py": "print('ok')\n",
        ])
        let hook = try #require(hooks.first)
        #expect(hooks.count == 1)
        #expect(hook.path.string == ".codex/config.toml")
        #expect(hook.name == "codex-config")
        #expect(hook.files.map(\.string) == [".codex/config.toml", ".codex/hooks/guard.py"])
        #expect(hook.declaration?["PreToolUse"]?.arrayValue?.first?["matcher"]?.stringValue == "Bash")
    }

    @Test("a notify program is not a hook")
    func notify() async throws {
        #expect(try await Self.detect([".codex/config.toml": "notify = [\"notify-send\", \"done\"]\n"]).isEmpty)
    }
}
