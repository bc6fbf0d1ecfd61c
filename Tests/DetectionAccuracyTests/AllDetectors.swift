import DetectorAgents
import DetectorCommands
import DetectorHooks
import DetectorMCPServers
import DetectorSkills
import SkillMeatCore
import SkillMeatPluginAPI
import SkillMeatTestSupport

/// The five built-in detectors, built as the registry would build them.
enum AllDetectors {
    static func make() -> [any ArtifactDetector] {
        [
            SkillDetector(context: .testing("detector/skills")),
            CommandDetector(context: .testing("detector/commands")),
            AgentDetector(context: .testing("detector/agents")),
            MCPServerDetector(context: .testing("detector/mcp_servers")),
            HookDetector(context: .testing("detector/hooks")),
        ]
    }

    static var scanner: ArtifactScanner { ArtifactScanner(detectors: make()) }
}
