import Foundation
import SkillMeatPluginAPI

/// Codex's TOML forms in the forms the marketplace detectors read: an agent table as an agent
/// markdown file, an `[mcp_servers.<n>]` table as a Claude-style server object (the reverse of what
/// `CodexDeployer.item(for:into:)` writes).
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

    /// `command`/`args`/`env`/`cwd` as they are; `url` with `http_headers` and `bearer_token_env_var`
    /// as `type: http`, `url` and `headers`.
    static func claudeServer(_ table: [String: JSONValue]) -> JSONValue {
        var server = table
        if table["url"] != nil {
            server["type"] = .string("http")
            var headers = table["http_headers"]?.objectValue ?? [:]
            if let variable = table["bearer_token_env_var"]?.stringValue { headers["Authorization"] = .string("Bearer ${\(variable)}") }
            server["http_headers"] = nil
            server["bearer_token_env_var"] = nil
            if !headers.isEmpty { server["headers"] = .object(headers) }
        }
        return .object(server)
    }
}
