import Foundation

/// A fast reader for the frontmatter nearly every artifact carries: flat `key: value` lines with plain or
/// simply quoted scalars. Anything beyond that (lists, nested maps, block scalars, escapes, anchors,
/// continuation lines) returns nil and goes to the full YAML parser, so results never differ from
/// `Frontmatter.parse`; only the common case skips the cost of building a YAML document.
enum SimpleFrontmatter {
    static func parse(_ data: Data) -> Frontmatter? {
        var text = String(decoding: data, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        if text.contains("\r") {
            text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, first.trimmingCharacters(in: .whitespaces) == "---" else { return nil }
        var fields: [String: JSONValue] = [:]
        var end: Int?
        for index in lines.indices.dropFirst() {
            let line = lines[index]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed == "---" || trimmed == "..." { end = index; break }
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let head = line.first, head != " ", head != "\t", head != "-" else { return nil }
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let key = String(line[..<colon])
            guard !key.isEmpty, !key.contains(where: { $0 == " " || $0 == "\"" || $0 == "'" || $0 == "?" || $0 == "{" || $0 == "[" }),
                  fields[key] == nil else { return nil }
            let rest = line[line.index(after: colon)...]
            guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
            guard let value = scalar(rest.trimmingCharacters(in: .whitespaces)) else { return nil }
            fields[key] = value
        }
        guard let end else { return nil }
        let body = lines[(end + 1)...].joined(separator: "\n")
        return Frontmatter(fields: fields, body: body, isPresent: true)
    }

    private static func scalar(_ value: String) -> JSONValue? {
        guard let first = value.first else { return nil }
        if "[{|>&*!%@`".contains(first) { return nil }
        if first == "\"" || first == "'" {
            guard value.count >= 2, value.last == first else { return nil }
            let inner = value.dropFirst().dropLast()
            guard !inner.contains(first), !(first == "\"" && inner.contains("\\")) else { return nil }
            return .string(String(inner))
        }
        if value.contains(": ") || value.contains(" #") || value.hasSuffix(":") { return nil }
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
