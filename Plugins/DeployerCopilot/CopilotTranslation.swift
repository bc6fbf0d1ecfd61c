import Foundation
import SkillMeatPluginAPI

/// Claude-style artifacts in Copilot's forms, and back for read-back. Each function returns the
/// translated bytes and notes saying what did not carry over.
enum CopilotTranslation {
    /// The hook events VS Code runs (code.visualstudio.com/docs/agent-customization/hooks).
    static let hookEvents: Set<String> = [
        "SessionStart", "UserPromptSubmit", "PreToolUse", "PostToolUse", "PreCompact", "SubagentStart", "SubagentStop", "Stop",
    ]

    /// A command as a prompt file: `description` and `argument-hint` kept, `$ARGUMENTS` and `$1`…`$9`
    /// as the input variables `${input:arguments}` and `${input:arg1}`… that VS Code asks for.
    static func promptFile(_ data: Data) -> (Data, [String]) {
        let frontmatter = Frontmatter.parse(data)
        var notes: [String] = []
        var fields: [(key: String, value: String)] = []
        if let description = frontmatter.string("description") { fields.append(("description", description)) }
        // `argument-hint: [path]` is a YAML list to a parser, and text to Claude Code: keep the text.
        if let items = frontmatter["argument-hint"]?.arrayValue {
            fields.append(("argument-hint", "[" + items.compactMap(\.stringValue).joined(separator: ", ") + "]"))
        } else if let hint = frontmatter.string("argument-hint") {
            fields.append(("argument-hint", hint))
        }
        if frontmatter["allowed-tools"] != nil {
            notes.append("prompt files name VS Code tools; 'allowed-tools' (Claude Code tool names) was left out, so the prompt uses the current agent's tools")
        }
        if let model = frontmatter.string("model") {
            notes.append("the model '\(model)' was left out; the prompt uses the model picked in chat")
        }
        let body = inputVariables(in: frontmatter.body)
        if body != frontmatter.body {
            notes.append("$ARGUMENTS placeholders became ${input:…} variables, which VS Code asks for when the prompt runs")
        }
        return (Frontmatter.render(fields, body: body), notes)
    }

    /// A command as a user skill (`~/.copilot/skills/<n>/SKILL.md`): `name`, `description` (required;
    /// the body's first line when the command has none), `argument-hint`, and the body as it is.
    static func skillFile(_ data: Data, name: String, artifact: ArtifactID) throws(PluginError) -> (Data, [String]) {
        let frontmatter = Frontmatter.parse(data)
        let firstLine = frontmatter.body.split(separator: "\n").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "# \t")) }.first { !$0.isEmpty }
        guard let description = frontmatter.string("description") ?? firstLine else {
            throw .unsupported("\(artifact) cannot become a Copilot skill: it has neither a description nor any text.")
        }
        var fields: [(key: String, value: String)] = [("name", name), ("description", description)]
        if let hint = frontmatter.string("argument-hint") { fields.append(("argument-hint", hint)) }
        var notes = ["Copilot reads no user prompt files; the command becomes the user skill '\(name)' (offered as /\(name))"]
        if CopilotTranslation.inputVariables(in: frontmatter.body) != frontmatter.body {
            notes.append("the body uses $ARGUMENTS placeholders, which skills do not fill in")
        }
        return (Frontmatter.render(fields, body: frontmatter.body), notes)
    }

    /// A subagent as a custom agent: `name` and `description` kept; Claude Code's tool names and model
    /// aliases mean nothing to VS Code in an `.agent.md` (unknown tools are dropped, leaving none), so
    /// both are left out and the agent gets the default tools and model.
    static func agentFile(_ data: Data, name: String) -> (Data, [String]) {
        let frontmatter = Frontmatter.parse(data)
        var notes: [String] = []
        var fields: [(key: String, value: String)] = [("name", frontmatter.string("name") ?? name)]
        if let description = frontmatter.string("description") { fields.append(("description", description)) }
        if frontmatter["tools"] != nil {
            notes.append("'tools' names Claude Code tools, which an .agent.md does not map; it was left out, so the agent has VS Code's default tools")
        }
        if let model = frontmatter.string("model") {
            notes.append("the model '\(model)' was left out; the agent uses the model picked in chat")
        }
        return (Frontmatter.render(fields, body: frontmatter.body), notes)
    }

    /// A Claude-style server object in VS Code's `servers` form (project: `type` `stdio`, `http` or
    /// `sse`, `${VAR}` as `${env:VAR}`) or the Copilot CLI's `mcpServers` form (user: `type` `local` or
    /// `http`, every tool allowed).
    static func server(_ server: [String: JSONValue], scope: DeploymentScope, artifact: ArtifactID) throws(PluginError) -> ([String: JSONValue], [String]) {
        var notes: [String] = []
        var result = server
        if scope == .project {
            var lostDefaults: [String] = []
            result = EnvironmentReference.rewrite(.object(server)) { name, fallback in
                if name == "CLAUDE_PROJECT_DIR" { return "${workspaceFolder}" }
                if name == "workspaceFolder" || name == "userHome" { return "${\(name)}" }
                if fallback != nil { lostDefaults.append(name) }
                return "${env:\(name)}"
            }.objectValue ?? server
            if !lostDefaults.isEmpty {
                notes.append("VS Code has no default for ${env:…}; the defaults of \(lostDefaults.sorted().joined(separator: ", ")) were dropped")
            }
        }
        if result["command"]?.stringValue != nil {
            result["type"] = .string(scope == .project ? "stdio" : "local")
        } else if result["url"]?.stringValue != nil {
            let type = result["type"]?.stringValue
            result["type"] = .string(scope == .project && type == "sse" ? "sse" : "http")
        } else {
            throw .malformed(path: "\(artifact)/server.json", reason: "it has neither a command nor a url")
        }
        if scope == .user, result["tools"] == nil {
            result["tools"] = .array([.string("*")])
        }
        return (result, notes)
    }

    // MARK: Placeholders

    /// `$ARGUMENTS` → `${input:arguments}`, `$1`…`$9` → `${input:arg1}`….
    static func inputVariables(in text: String) -> String {
        var output = ""
        var rest = Substring(text)
        while let dollar = rest.firstIndex(of: "$") {
            output += rest[..<dollar]
            let after = rest[rest.index(after: dollar)...]
            if after.hasPrefix("ARGUMENTS") {
                output += "${input:arguments}"
                rest = after.dropFirst("ARGUMENTS".count)
            } else if let digit = after.first, digit.isASCII, let value = digit.wholeNumberValue, value >= 1,
                      !(after.dropFirst().first?.isNumber ?? false) {
                output += "${input:arg\(value)}"
                rest = after.dropFirst()
            } else {
                output += "$"
                rest = after
            }
        }
        return output + rest
    }

    /// The reverse of `inputVariables(in:)`.
    static func argumentPlaceholders(in text: String) -> String {
        var text = text.replacingOccurrences(of: "${input:arguments}", with: "$ARGUMENTS")
        for value in 1...9 { text = text.replacingOccurrences(of: "${input:arg\(value)}", with: "$\(value)") }
        return text
    }
}
