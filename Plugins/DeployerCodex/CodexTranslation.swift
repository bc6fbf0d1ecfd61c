import Foundation
import SkillMeatPluginAPI

/// Codex's agent TOML in the form the marketplace detectors read: an agent table as an agent markdown
/// file (the reverse of what `CodexDeployer.item(for:into:)` writes). `config.toml`'s servers and hooks
/// are read by the detectors themselves through the plugin API's `CodexConfig`.
enum CodexTranslation {
    /// `name`, `description`, `model` as frontmatter; `developer_instructions` as the body.
    static func agentMarkdown(_ table: [String: JSONValue], name fallback: String) -> Data {
        var lines = ["---", "name: \(JSONValue.string(table["name"]?.stringValue ?? fallback).description)"]
        if let description = table["description"]?.stringValue { lines.append("description: \(JSONValue.string(description).description)") }
        if let model = table["model"]?.stringValue { lines.append("model: \(JSONValue.string(model).description)") }
        lines.append("---")
        let body = (table["developer_instructions"]?.stringValue ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        return Data((lines.joined(separator: "\n") + "\n\n" + body + "\n").utf8)
    }
}
