import Foundation
import SkillMeatPluginAPI

/// The limits Codex applies to skills and agents, after the Agent Skills specification
/// (agentskills.io): a name of 1–64 lowercase letters, digits and single hyphens, and a non-empty
/// description of at most 1,024 characters. Checked before planning, so nothing is written for an
/// artifact Codex would refuse to load.
enum CodexLimits {
    static let maxDescriptionLength = 1024

    /// Skills and commands (which become skills) follow Agent Skills; agents, servers and hooks keep
    /// the 64-character limit SkillMeat has always applied to Codex names (renames stay within it).
    static let nameRules: [ArtifactType: NameRule] = [
        .skill: .agentSkills, .command: .agentSkills,
        .agent: NameRule(maxLength: 64, characters: .anySafeComponent),
        .mcpServer: NameRule(maxLength: 64, characters: .anySafeComponent),
        .hook: NameRule(maxLength: 64, characters: .anySafeComponent),
    ]

    static func checkSkillName(_ name: String, artifact: ArtifactID) throws(PluginError) {
        let rule = NameRule.agentSkills
        guard rule.permits(name) else {
            throw .unsupported("\(artifact) cannot go to Codex: a skill name must be \(rule.summary); rename it in the collection first.")
        }
    }

    static func checkDescription(_ description: String, artifact: ArtifactID) throws(PluginError) {
        guard description.count <= maxDescriptionLength else {
            throw .unsupported(
                "\(artifact) cannot go to Codex: its description has \(description.count) characters and Codex takes at most \(maxDescriptionLength); shorten it first."
            )
        }
    }

    /// Codex reads descriptions as one line; line breaks and runs of spaces become single spaces.
    static func singleLine(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
