import Foundation

/// References to environment variables in a stored configuration, as Claude Code writes them in
/// `.mcp.json` (`${VAR}`, `${VAR:-default}`), so a deployer can spell them the way its platform
/// expands them (`${env:VAR}` in VS Code, `{env:VAR}` in OpenCode).
public enum EnvironmentReference {
    /// `text` with every `${NAME}` and `${NAME:-default}` (NAME a letter or `_` followed by letters,
    /// digits and `_`) replaced by what `spell` returns for its name and default; anything else is left
    /// as it is.
    public static func rewrite(_ text: String, _ spell: (_ name: String, _ fallback: String?) -> String) -> String {
        guard text.contains("${") else { return text }
        var output = ""
        var rest = Substring(text)
        while let start = rest.range(of: "${") {
            output += rest[..<start.lowerBound]
            let inside = rest[start.upperBound...]
            guard let close = inside.firstIndex(of: "}") else { break }
            let reference = inside[..<close]
            let name: Substring
            var fallback: String?
            if let separator = reference.range(of: ":-") {
                name = reference[..<separator.lowerBound]
                fallback = String(reference[separator.upperBound...])
            } else {
                name = reference
            }
            if isName(name) {
                output += spell(String(name), fallback)
            } else {
                output += rest[start.lowerBound...close]
            }
            rest = inside[inside.index(after: close)...]
        }
        return output + rest
    }

    static func isName(_ text: Substring) -> Bool {
        guard let first = text.unicodeScalars.first, first == "_" || (first.properties.isAlphabetic && first.isASCII) else { return false }
        return text.unicodeScalars.allSatisfy { $0.isASCII && ($0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0)) }
    }

    /// Every string of `value` (object members and array elements, recursively) rewritten with `spell`.
    public static func rewrite(_ value: JSONValue, _ spell: (_ name: String, _ fallback: String?) -> String) -> JSONValue {
        switch value {
        case .string(let text): return .string(rewrite(text, spell))
        case .array(let items): return .array(items.map { rewrite($0, spell) })
        case .object(let members): return .object(members.mapValues { rewrite($0, spell) })
        default: return value
        }
    }
}
