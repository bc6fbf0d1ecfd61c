import DetectorCommands
import SkillMeatPluginAPI
import SkillMeatTestSupport
import Testing

@Suite struct CommandDetectorTests {
    static func detect(_ files: [String: String]) async throws -> [String] {
        await CommandDetector(context: .testing("detector/commands")).detect(DetectionInput(tree: try .inMemory(files))).artifacts.map(\.path.string)
    }

    @Test("which markdown files are commands", arguments: [
        // Namespaces, including ones called docs and test, are commands.
        (["\u{2E}claude/commands/dev/review.md": "Review", ".claude/commands/docs/doc-api.md": "x", ".claude/commands/test/write.md": "x",
          ".claude/commands/svelte/svelte:new.md": "x"],
         [".claude/commands/dev/review.md", ".claude/commands/docs/doc-api.md", ".claude/commands/svelte/svelte:new.md", ".claude/commands/test/write.md"]),
        // READMEs, ALL-CAPS documents and templates are not.
        ([".claude/commands/README.md": "x", ".claude/commands/skills/QUICKSTART.md": "x", ".claude/commands/skills/templates/t.md": "x",
          ".claude/commands/build.md": "x"], [".claude/commands/build.md"]),
        // Inside a skill folder, a commands folder is the skill's own business.
        (["skills/s/SKILL.md": "x", "skills/s/commands/run.md": "x"], []),
        // Documentation about commands is not a command.
        (["docs/commands/usage.md": "x", "examples/commands/demo.md": "x"], []),
        // Loose prompt collections: command-only frontmatter and arguments.
        (["tools/a.md": "---\nmodel: sonnet\n---\nFix $ARGUMENTS", "tools/b.md": "---\nmodel: sonnet\n---\nDo $ARGUMENTS",
          "tools/c.md": "---\nmodel: sonnet\n---\nNo arguments here", "notes/d.md": "---\ntitle: Notes\n---\n$ARGUMENTS"],
         ["tools/a.md", "tools/b.md", "tools/c.md"]),
        // Output styles and samples never are.
        ([".claude/output-styles/terse.md": "---\nname: terse\ndescription: Short\n---\n", "cmd.md.sample": "x"], []),
    ])
    func commands(files: [String: String], expected: [String]) async throws {
        #expect(try await Self.detect(files) == expected)
    }

    @Test("commands a plugin manifest declares outside commands/ are found, with the stem as name")
    func declaredCommands() async throws {
        let detector = CommandDetector(context: .testing("detector/commands"))
        let tree = try SourceTree.inMemory([
            "p/.claude-plugin/plugin.json": #"{"name": "p", "commands": ["./extra/ship.md"]}"#,
            "p/extra/ship.md": "---\ndescription: Ship it\n---\n",
            "p/commands/run.md": "Run",
        ])
        let artifacts = await detector.detect(DetectionInput(tree: tree)).artifacts
        #expect(artifacts.map(\.name) == ["run", "ship"])
        #expect(artifacts.last?.metadata.description == "Ship it")
    }
}
