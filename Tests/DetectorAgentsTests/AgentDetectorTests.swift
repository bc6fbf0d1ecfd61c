import DetectorAgents
import SkillMeatPluginAPI
import SkillMeatTestSupport
import Testing

@Suite struct AgentDetectorTests {
    static let agent = "---\nname: reviewer\ndescription: Reviews code\ntools: Read\n---\nYou review."

    static func detect(_ files: [String: String]) async throws -> [DetectedArtifact] {
        await AgentDetector(context: .testing("detector/agents")).detect(DetectionInput(tree: try .inMemory(files))).artifacts
    }

    @Test("which markdown files are agents", arguments: [
        (["agents/dev/reviewer.md": agent, "agents/README.md": "# Agents"], ["agents/dev/reviewer.md"]),
        ([".claude/agents/TASK-PROTOCOL.md": agent], [".claude/agents/TASK-PROTOCOL.md"]),
        // A skill's own agents/ folder holds prompts, not subagents.
        (["skills/creator/SKILL.md": "x", "skills/creator/agents/grader.md": agent], []),
        // Output styles carry name/description too.
        ([".claude/output-styles/terse.md": "---\nname: terse\ndescription: Short answers\n---\n"], []),
        // Without name and description it is not an agent.
        (["agents/notes.md": "---\nmodel: opus\n---\n"], []),
        // Templates and examples are not agents.
        (["templates/agents/x.md": agent, "agents/examples/y.md": agent], []),
    ])
    func agents(files: [String: String], expected: [String]) async throws {
        #expect(try await Self.detect(files).map(\.path.string) == expected)
    }

    @Test("an agent is named by its frontmatter, even when the file name differs")
    func nameFromFrontmatter() async throws {
        let artifacts = try await Self.detect(["agents/development/electorn-pro.md": "---\nname: electron-pro\ndescription: Electron\n---\n"])
        #expect(artifacts.map(\.name) == ["electron-pro"])
        #expect(artifacts.first?.metadata.description == "Electron")
    }
}
