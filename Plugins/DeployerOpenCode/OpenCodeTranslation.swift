import Foundation
import SkillMeatPluginAPI

/// Claude-style artifacts in OpenCode's forms, and OpenCode's MCP entries back in Claude's form for
/// read-back. The deploy functions return the translated bytes and notes saying what did not carry over.
enum OpenCodeTranslation {
    /// A command keeps its body (OpenCode fills in `$ARGUMENTS` and `$1`… itself) and `description`;
    /// Claude Code's other keys are left out.
    static func commandFile(_ data: Data) -> (Data, [String]) {
        let frontmatter = Frontmatter.parse(data)
        var fields: [(key: String, value: String)] = []
        if let description = frontmatter.string("description") { fields.append(("description", description)) }
        var notes: [String] = []
        let dropped = frontmatter.fields.keys.filter { $0 != "description" && $0 != "model" }.sorted()
        if !dropped.isEmpty { notes.append("OpenCode commands do not take \(dropped.map { "'\($0)'" }.joined(separator: ", ")); left out") }
        notes += model(frontmatter, into: &fields)
        return (Frontmatter.render(fields, body: frontmatter.body), notes)
    }

    /// An agent becomes a subagent (`mode: subagent`) named by its file; `description` kept, the body
    /// its system prompt. OpenCode's schema refuses Claude Code's `tools` list, so it is left out.
    static func agentFile(_ data: Data) -> (Data, [String]) {
        let frontmatter = Frontmatter.parse(data)
        var fields: [(key: String, value: String)] = []
        if let description = frontmatter.string("description") { fields.append(("description", description)) }
        fields.append(("mode", "subagent"))
        var notes: [String] = []
        if frontmatter["tools"] != nil {
            notes.append("'tools' names Claude Code tools, which OpenCode's agent schema refuses; it was left out, so the agent has OpenCode's default permissions")
        }
        notes += model(frontmatter, into: &fields)
        return (Frontmatter.render(fields, body: frontmatter.body), notes)
    }

    /// A model in OpenCode's `provider/model` form is kept; any other (a Claude Code alias) is left out.
    static func model(_ frontmatter: Frontmatter, into fields: inout [(key: String, value: String)]) -> [String] {
        guard let model = frontmatter.string("model") else { return [] }
        if model.contains("/") {
            fields.append(("model", model))
            return []
        }
        return ["the model '\(model)' is not an OpenCode provider/model; left out, so OpenCode's default model is used"]
    }

    /// A Claude-style server object as OpenCode's `mcp.<n>` entry: `type: local` with `command` as one
    /// array (program and arguments), `environment`, `cwd`; or `type: remote` with `url`, `headers`.
    /// `${VAR}` becomes `{env:VAR}`, `${CLAUDE_PROJECT_DIR}` the target root.
    static func server(_ server: [String: JSONValue], root: String, artifact: ArtifactID) throws(PluginError) -> ([String: JSONValue], [String]) {
        var lostDefaults: [String] = []
        let spelled = EnvironmentReference.rewrite(.object(server)) { name, fallback in
            if name == "CLAUDE_PROJECT_DIR" { return root }
            if fallback != nil { lostDefaults.append(name) }
            return "{env:\(name)}"
        }.objectValue ?? server
        var notes: [String] = []
        if !lostDefaults.isEmpty {
            notes.append("OpenCode has no default for {env:…}; the defaults of \(lostDefaults.sorted().joined(separator: ", ")) were dropped")
        }
        var entry: [String: JSONValue] = ["enabled": .bool(true)]
        if let command = spelled["command"]?.stringValue {
            entry["type"] = .string("local")
            entry["command"] = .array([.string(command)] + (spelled["args"]?.arrayValue ?? []))
            if let environment = spelled["env"]?.objectValue, !environment.isEmpty { entry["environment"] = .object(environment) }
            if let cwd = spelled["cwd"] { entry["cwd"] = cwd }
        } else if let url = spelled["url"]?.stringValue {
            entry["type"] = .string("remote")
            entry["url"] = .string(url)
            if let headers = spelled["headers"]?.objectValue, !headers.isEmpty { entry["headers"] = .object(headers) }
        } else {
            throw .malformed(path: "\(artifact)/server.json", reason: "it has neither a command nor a url")
        }
        return (entry, notes)
    }

    /// The reverse of `server(_:root:artifact:)`: an `mcp.<n>` entry in Claude's form, or nil when it
    /// is neither a local nor a remote server.
    static func claudeServer(_ entry: JSONValue) -> JSONValue? {
        guard let object = entry.objectValue else { return nil }
        let unspelled = unspell(entry).objectValue ?? object
        if let command = unspelled["command"]?.arrayValue, let program = command.first?.stringValue {
            var server: [String: JSONValue] = ["command": .string(program)]
            if command.count > 1 { server["args"] = .array(Array(command.dropFirst())) }
            if let environment = unspelled["environment"]?.objectValue, !environment.isEmpty { server["env"] = .object(environment) }
            if let cwd = unspelled["cwd"] { server["cwd"] = cwd }
            return .object(server)
        }
        if let url = unspelled["url"]?.stringValue {
            var server: [String: JSONValue] = ["type": .string("http"), "url": .string(url)]
            if let headers = unspelled["headers"]?.objectValue, !headers.isEmpty { server["headers"] = .object(headers) }
            return .object(server)
        }
        return nil
    }

    /// `{env:VAR}` back to `${VAR}` in every string of `value`.
    static func unspell(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let text):
            var output = ""
            var rest = Substring(text)
            while let start = rest.range(of: "{env:"), let close = rest[start.upperBound...].firstIndex(of: "}") {
                output += rest[..<start.lowerBound] + "${" + rest[start.upperBound..<close] + "}"
                rest = rest[rest.index(after: close)...]
            }
            return .string(output + rest)
        case .array(let items): return .array(items.map(unspell))
        case .object(let members): return .object(members.mapValues(unspell))
        default: return value
        }
    }
}
