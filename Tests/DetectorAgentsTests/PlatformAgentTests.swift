import DetectorAgents
import SkillMeatPluginAPI
import SkillMeatTestSupport
import Testing

@Suite struct PlatformAgentTests {
    static let agent = "---\nname: reviewer\ndescription: Reviews code\n---\nYou review.\n"

    @Test("agents where a platform loads them; other tools' folders never; a bare agents folder is a convention")
    func places() async throws {
        let result = await AgentDetector(context: .testing("detector/agents")).detect(DetectionInput(tree: try .inMemory([
            ".claude/agents/reviewer.md": Self.agent,
            ".github/agents/reviewer.agent.md": Self.agent,
            ".kiro/agents/reviewer.md": Self.agent,
            ".roo/agents/reviewer.md": Self.agent,
            "agents/reviewer.md": Self.agent,
        ])))
        let found = Dictionary(uniqueKeysWithValues: result.artifacts.map { ($0.path.string, $0.confidence) })
        #expect(found == [
            ".claude/agents/reviewer.md": DetectionConfidence.platformFolder,
            ".github/agents/reviewer.agent.md": DetectionConfidence.otherPlatform,
            "agents/reviewer.md": DetectionConfidence.convention,
        ])
    }
}
