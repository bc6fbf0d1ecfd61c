import Foundation
import SkillMeatPluginAPI

/// The Claude-style artifacts of the collection in Gemini CLI's own forms (geminicli.com/docs: custom
/// commands, subagents, MCP servers, hooks).
enum GeminiTranslation {
    /// Claude Code hook events and the Gemini CLI events they are (the table of `gemini hooks migrate
    /// --from-claude`); Gemini CLI's own event names are taken as they are.
    static let hookEvents: [String: String] = [
        "PreToolUse": "BeforeTool", "PostToolUse": "AfterTool", "UserPromptSubmit": "BeforeAgent", "Stop": "AfterAgent",
        "Notification": "Notification", "SessionStart": "SessionStart", "SessionEnd": "SessionEnd", "PreCompact": "PreCompress",
    ]
    static let geminiEvents: Set<String> = [
        "SessionStart", "SessionEnd", "BeforeAgent", "AfterAgent", "BeforeModel", "AfterModel", "BeforeToolSelection",
        "BeforeTool", "AfterTool", "PreCompress", "Notification",
    ]
    /// Claude Code tool names in matchers and the Gemini CLI tools they are (the same migration table).
    static let toolNames: [String: String] = [
        "Bash": "run_shell_command", "Edit": "replace", "Read": "read_file", "Write": "write_file",
        "Glob": "glob", "Grep": "search_file_content", "LS": "list_directory",
    ]

    /// The Gemini CLI event for a stored hook's event, nil when Gemini CLI has none.
    static func hookEvent(_ event: String) -> String? {
        geminiEvents.contains(event) ? event : hookEvents[event]
    }

    /// A command as a Gemini CLI command file: `description` and `prompt` (the body, `$ARGUMENTS` as
    /// `{{args}}`).
    static func command(_ data: Data) -> (text: String, notes: [String]) {
        let frontmatter = Frontmatter.parse(data)
        var body = frontmatter.body.trimmingCharacters(in: .whitespacesAndNewlines)
        var notes: [String] = []
        if body.contains("$ARGUMENTS") {
            body = body.replacingOccurrences(of: "$ARGUMENTS", with: "{{args}}")
            notes.append("$ARGUMENTS became {{args}}")
        }
        if (1...9).contains(where: { body.contains("$\($0)") }) {
            notes.append("the body uses positional $1…$9, which Gemini CLI does not fill in ({{args}} holds all arguments)")
        }
        if frontmatter["allowed-tools"] != nil {
            notes.append("Gemini CLI commands have no tool list; 'allowed-tools' was left out")
        }
        var lines: [String] = []
        if let description = frontmatter.string("description") { lines.append("description = \(TOMLText.quote(description))") }
        lines.append("prompt = \(TOMLText.multiline(body + "\n"))")
        return (lines.joined(separator: "\n") + "\n", notes)
    }

    /// An agent as a Gemini CLI local subagent: `name`, `description`, `kind: local`, `model` when it
    /// is not a Claude model, and the body as its system prompt.
    static func agent(_ data: Data, name: String, artifact: ArtifactID) throws(PluginError) -> (text: String, notes: [String]) {
        let frontmatter = Frontmatter.parse(data)
        guard let description = frontmatter.string("description") else {
            throw .unsupported("\(artifact) cannot be a Gemini CLI subagent: it has no description, which Gemini CLI requires.")
        }
        var notes: [String] = []
        var lines = ["name: \(name)", "description: \(JSONValue.string(description).description)", "kind: local"]
        if let model = ClaudeModel.kept(frontmatter.string("model"), instead: "the subagent uses the session's model", notes: &notes) {
            lines.append("model: \(JSONValue.string(model).description)")
        }
        if frontmatter["tools"] != nil {
            notes.append("'tools' names Claude Code tools; it was left out, so the subagent has the session's tools")
        }
        return (Frontmatter.render(lines: lines, body: frontmatter.body), notes)
    }

    /// A Claude-style server object as a Gemini CLI `mcpServers` member: stdio as it is; `type: http`
    /// with `url` as `httpUrl` (streamable HTTP), `type: sse` as `url`; `headers` kept (Gemini CLI
    /// expands `${VAR}` in settings.json).
    static func server(_ server: [String: JSONValue], artifact: ArtifactID) throws(PluginError) -> (server: [String: JSONValue], notes: [String]) {
        var result = server
        result["type"] = nil
        if server["command"]?.stringValue != nil {
            return (result, [])
        }
        guard let url = server["url"]?.stringValue else {
            throw .malformed(path: "\(artifact)/server.json", reason: "it has neither a command nor a url")
        }
        if server["type"]?.stringValue == "sse" {
            result["url"] = .string(url)
        } else {
            result["url"] = nil
            result["httpUrl"] = .string(url)
        }
        return (result, [])
    }

    /// A matcher group with Claude Code tool names in its matcher turned into Gemini CLI's, and
    /// timeouts from seconds into milliseconds.
    static func hookGroup(_ group: JSONValue) -> (group: JSONValue, notes: [String]) {
        guard var object = group.objectValue else { return (group, []) }
        var notes: [String] = []
        if let matcher = object["matcher"]?.stringValue, !matcher.isEmpty {
            let parts = matcher.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            let mapped = parts.map { toolNames[$0] ?? $0 }
            if mapped != parts {
                object["matcher"] = .string(mapped.joined(separator: "|"))
                notes.append("matcher '\(matcher)' names Claude Code tools; it became '\(mapped.joined(separator: "|"))'")
            }
        }
        if let handlers = object["hooks"]?.arrayValue {
            object["hooks"] = .array(handlers.map { handler in
                guard var fields = handler.objectValue, let seconds = fields["timeout"]?.intValue else { return handler }
                fields["timeout"] = .int(seconds * 1000)
                return .object(fields)
            })
        }
        return (.object(object), notes)
    }
}
