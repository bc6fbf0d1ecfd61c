import Foundation
import SkillMeatPluginAPI

/// The collection's Claude-style artifacts in Cursor's forms (cursor.com/docs: subagents, MCP).
enum CursorTranslation {
    /// An agent as a Cursor subagent: `name`, `description`, `model` unless it is a Claude model (then
    /// Cursor's `inherit`), and the body as its prompt. Claude tool lists have no Cursor counterpart.
    static func agent(_ data: Data, name: String, artifact: ArtifactID) throws(PluginError) -> (text: String, notes: [String]) {
        let frontmatter = Frontmatter.parse(data)
        guard let description = frontmatter.string("description") else {
            throw .unsupported("\(artifact) cannot be a Cursor subagent: it has no description, which Cursor uses to delegate to it.")
        }
        var notes: [String] = []
        var lines = ["name: \(name)", "description: \(JSONValue.string(description).description)"]
        if let model = frontmatter.string("model") {
            if ClaudeModel.isClaudeModel(model) {
                lines.append("model: inherit")
                if model.lowercased() != "inherit" { notes.append("the model '\(model)' is a Claude alias; the subagent inherits Cursor's model") }
            } else {
                lines.append("model: \(JSONValue.string(model).description)")
            }
        }
        if frontmatter["tools"] != nil {
            notes.append("Cursor subagents have no tool list; 'tools' was left out")
        }
        return (Frontmatter.render(lines: lines, body: frontmatter.body), notes)
    }

    /// A Claude-style server object as a Cursor `mcpServers` member: the same shape, with `${VAR}`
    /// environment references written as Cursor's `${env:VAR}`.
    static func server(_ server: [String: JSONValue]) -> [String: JSONValue] {
        server.mapValues(environmentReferences)
    }

    static func environmentReferences(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let text): .string(cursorVariables(text))
        case .array(let items): .array(items.map(environmentReferences))
        case .object(let members): .object(members.mapValues(environmentReferences))
        default: value
        }
    }

    /// `${NAME}` (an upper-case environment variable) as `${env:NAME}`; Cursor's own variables
    /// (`${workspaceFolder}`, `${userHome}`) and anything else stay.
    static func cursorVariables(_ text: String) -> String {
        var output = ""
        var rest = Substring(text)
        while let open = rest.range(of: "${") {
            output += rest[..<open.lowerBound]
            let after = rest[open.upperBound...]
            guard let close = after.firstIndex(of: "}") else {
                output += rest[open.lowerBound...]
                return output
            }
            let name = after[..<close]
            let isVariable = !name.isEmpty && name.first.map { $0 == "_" || ($0.isUppercase && $0.isASCII) } == true
                && name.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isUppercase || $0.isNumber)) }
            output += isVariable ? "${env:\(name)}" : "${\(name)}"
            rest = after[after.index(after: close)...]
        }
        return output + rest
    }
}
