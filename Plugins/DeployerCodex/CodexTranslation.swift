import Foundation
import SkillMeatPluginAPI

/// Codex's agent TOML in the form the marketplace detectors read: an agent table as an agent markdown
/// file (the reverse of what `CodexDeployer.item(for:into:)` writes). `config.toml`'s servers and hooks
/// are read by the detectors themselves through the plugin API's `CodexConfig`.
enum CodexTranslation {
    /// `name`, `description`, `model` as frontmatter; `developer_instructions` as the body.
    static func agentMarkdown(_ table: [String: JSONValue], name fallback: String) -> Data {
        var fields: [(key: String, value: String)] = [("name", table["name"]?.stringValue ?? fallback)]
        if let description = table["description"]?.stringValue { fields.append(("description", description)) }
        if let model = table["model"]?.stringValue { fields.append(("model", model)) }
        return Frontmatter.render(fields, body: table["developer_instructions"]?.stringValue ?? "")
    }
}
