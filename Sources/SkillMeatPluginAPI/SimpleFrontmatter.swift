import Foundation

/// A fast reader for the frontmatter nearly every artifact carries: flat `key: value` lines with plain or
/// simply quoted scalars. Anything beyond that (lists, nested maps, block scalars, escapes, anchors,
/// continuation lines) returns nil and goes to the full YAML parser, so results never differ from
/// `Frontmatter.parse`; only the common case skips the cost of building a YAML document.
enum SimpleFrontmatter {
    /// The fields of a frontmatter block (the lines between the fences), or nil when it needs the YAML parser.
    static func fields(_ yaml: String) -> [String: JSONValue]? {
        if yaml.isEmpty { return [:] }
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        var fields: [String: JSONValue] = [:]
        var index = 0
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.trimmingSpaces()
            index += 1
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let head = line.first, head != " ", head != "\t", head != "-" else { return nil }
            guard let (key, rest) = keyValue(line), fields[key] == nil else { return nil }
            if !rest.isEmpty {
                guard let value = scalar(rest) else { return nil }
                fields[key] = value
                continue
            }
            // An empty value opens a block: a list of `- item` lines or a map of indented `key: value` lines.
            var items: [JSONValue] = []
            var map: [String: JSONValue] = [:]
            while index < lines.count {
                let next = lines[index]
                let inner = next.trimmingSpaces()
                guard !inner.isEmpty, next.first == " " || next.first == "-" else { break }
                if inner.hasPrefix("- ") {
                    guard map.isEmpty, let item = scalar(String(inner.dropFirst(2)).trimmingSpaces()),
                          item.objectValue == nil else { return nil }
                    items.append(item)
                } else {
                    guard items.isEmpty, next.first == " ", let (innerKey, innerRest) = keyValue(Substring(inner)),
                          !innerRest.isEmpty, map[innerKey] == nil, let value = scalar(innerRest) else { return nil }
                    map[innerKey] = value
                }
                index += 1
            }
            fields[key] = !items.isEmpty ? .array(items) : !map.isEmpty ? .object(map) : .null
        }
        return fields
    }

    /// `key: rest` with a plain key; rest trimmed (empty when the value is on the following lines).
    private static func keyValue(_ line: Substring) -> (String, String)? {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        let key = String(line[..<colon])
        guard !key.isEmpty, !key.contains(where: { $0 == " " || $0 == "\"" || $0 == "'" || $0 == "?" || $0 == "{" || $0 == "[" || $0 == "\t" }) else { return nil }
        let rest = line[line.index(after: colon)...]
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        return (key, rest.trimmingSpaces())
    }

    private static func scalar(_ value: String) -> JSONValue? {
        guard let first = value.first else { return nil }
        if first == "[" {
            // A flow list of plain scalars: `[Read, Grep]`.
            guard value.last == "]" else { return nil }
            let inner = value.dropFirst().dropLast().trimmingSpaces()
            if inner.isEmpty { return .array([]) }
            var items: [JSONValue] = []
            for part in inner.split(separator: ",", omittingEmptySubsequences: false) {
                let text = part.trimmingSpaces()
                guard !text.isEmpty, !text.contains(where: { "[]{}:\"'#".contains($0) }), let item = scalar(text) else { return nil }
                items.append(item)
            }
            return .array(items)
        }
        if "{|>&*!%@`".contains(first) { return nil }
        if first == "\"" || first == "'" {
            guard value.count >= 2, value.last == first else { return nil }
            let inner = value.dropFirst().dropLast()
            guard !inner.contains(first), !(first == "\"" && inner.utf8.contains(UInt8(ascii: "\\"))) else { return nil }
            return .string(String(inner))
        }
        if value.utf8Contains(": ") || value.utf8Contains(" #") || value.hasSuffix(":") { return nil }
        switch value {
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case "null", "Null", "NULL", "~": return .null
        default: break
        }
        if ["yes", "no", "on", "off", "y", "n"].contains(value.lowercased()) { return nil }
        let isNumeric = value.allSatisfy { $0.isASCII && ($0.isNumber || "+-.eE_xXoO".contains($0)) }
        if isNumeric {
            if let number = Int(value) { return .int(number) }
            // Other numeric spellings (floats, hex, octal) are left to the YAML parser's rules.
            return nil
        }
        return .string(value)
    }
}
