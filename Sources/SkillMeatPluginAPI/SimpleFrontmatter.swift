import Foundation

/// A fast reader for the frontmatter nearly every artifact carries: flat `key: value` lines with plain or
/// simply quoted scalars, and one level of block list or map. Anything beyond that (nested blocks, block
/// scalars, escapes, anchors, comments after values, tabs, characters YAML treats specially) returns nil
/// and goes to the full YAML parser. Plain scalars are typed by the same function the full parser uses
/// (`JSONValue(plainYAMLScalar:)`), so results never differ from `Frontmatter.parse`; only the common case
/// skips the cost of building a YAML document.
enum SimpleFrontmatter {
    /// The fields of a frontmatter block (the lines between the fences), or nil when it needs the YAML parser.
    static func fields(_ yaml: String) -> [String: JSONValue]? {
        if yaml.isEmpty { return [:] }
        guard isPlainText(yaml) else { return nil }
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        var fields: [String: JSONValue] = [:]
        var index = 0
        while index < lines.count {
            let line = lines[index]
            index += 1
            guard let head = line.first, !isBlank(line) else { continue }
            if head == "#" { continue }
            guard let (key, rest) = keyValue(line), fields[key] == nil else { return nil }
            if !rest.isEmpty {
                guard let value = scalar(rest, inFlow: false) else { return nil }
                fields[key] = value
                continue
            }
            // An empty value opens a block: `- item` lines or indented `key: value` lines, all at one indentation.
            var items: [JSONValue] = []
            var map: [String: JSONValue] = [:]
            var indentation: Int?
            while index < lines.count {
                let next = lines[index]
                guard next.first == " " || next.first == "-", !isBlank(next) else { break }
                let inner = next.drop { $0 == " " }
                let depth = next.count - inner.count
                guard depth == (indentation ?? depth) else { return nil }
                indentation = depth
                if inner.hasPrefix("- ") {
                    guard map.isEmpty, let item = scalar(trimmed(inner.dropFirst(2)), inFlow: false) else { return nil }
                    items.append(item)
                } else {
                    guard items.isEmpty, depth > 0, let (innerKey, innerRest) = keyValue(inner), !innerRest.isEmpty,
                          map[innerKey] == nil, let value = scalar(innerRest, inFlow: false) else { return nil }
                    map[innerKey] = value
                }
                index += 1
            }
            fields[key] = !items.isEmpty ? .array(items) : !map.isEmpty ? .object(map) : .null
        }
        return fields
    }

    /// Whether every character is one YAML reads as itself: no control characters (tab included), no
    /// byte-order mark, non-characters or the line breaks YAML knows beyond `\n` (U+0085, U+2028, U+2029).
    /// Checked on the bytes; only the few multi-byte lead bytes that can start such a character are looked at.
    private static func isPlainText(_ text: String) -> Bool {
        var utf8 = text.utf8.makeIterator()
        while let byte = utf8.next() {
            switch byte {
            case 0x0A, 0x20..<0x7F: continue
            case 0xC2:
                // U+0080...U+009F (C1 controls, U+0085 among them).
                guard let next = utf8.next(), !(0x80...0x9F).contains(next) else { return false }
            case 0xE2:
                // U+2028 and U+2029.
                guard let second = utf8.next(), let third = utf8.next(), !(second == 0x80 && (third == 0xA8 || third == 0xA9)) else { return false }
            case 0xEF:
                // U+FEFF, U+FFFE and U+FFFF.
                guard let second = utf8.next(), let third = utf8.next(),
                      !(second == 0xBB && third == 0xBF), !(second == 0xBF && (third == 0xBE || third == 0xBF)) else { return false }
            case 0x80...: continue
            default: return false
            }
        }
        return true
    }

    private static func isBlank(_ line: Substring) -> Bool {
        line.utf8.allSatisfy { $0 == UInt8(ascii: " ") }
    }

    /// Spaces trimmed at both ends: YAML's white space is space and tab, and tabs never reach here.
    private static func trimmed(_ text: Substring) -> String {
        let utf8 = text.utf8
        var start = utf8.startIndex
        var end = utf8.endIndex
        while start < end, utf8[start] == UInt8(ascii: " ") { start = utf8.index(after: start) }
        while start < end, utf8[utf8.index(before: end)] == UInt8(ascii: " ") { end = utf8.index(before: end) }
        return String(text[start..<end])
    }

    /// `key: rest` with a plain key of letters, digits, `_`, `-` and `.`; rest trimmed (empty when the
    /// value is on the following lines).
    private static func keyValue(_ line: Substring) -> (String, String)? {
        guard let colon = line.utf8.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let key = line[..<colon]
        guard let first = key.utf8.first, isKeyStart(first), key.utf8.allSatisfy(isKeyByte) else { return nil }
        let rest = line[line.index(after: colon)...]
        guard rest.isEmpty || rest.first == " " else { return nil }
        return (String(key), trimmed(rest))
    }

    private static func isKeyStart(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || byte == UInt8(ascii: "_")
    }

    private static func isKeyByte(_ byte: UInt8) -> Bool {
        isKeyStart(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
    }

    /// A one-line scalar: quoted without escapes, a flow list of plain scalars, or a plain scalar that
    /// starts with no YAML indicator and holds no `: ` or ` #`.
    private static func scalar(_ value: String, inFlow: Bool) -> JSONValue? {
        guard let first = value.utf8.first else { return nil }
        if first == UInt8(ascii: "[") {
            // A flow list of plain scalars: `[Read, Grep]`.
            guard !inFlow, value.utf8.last == UInt8(ascii: "]") else { return nil }
            let inner = trimmed(value.dropFirst().dropLast())
            if inner.isEmpty { return .array([]) }
            var items: [JSONValue] = []
            for part in inner.split(separator: ",", omittingEmptySubsequences: false) {
                guard let item = scalar(trimmed(part), inFlow: true) else { return nil }
                items.append(item)
            }
            return .array(items)
        }
        if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
            guard !inFlow, value.utf8.count >= 2, value.utf8.last == first else { return nil }
            let inner = value.dropFirst().dropLast()
            guard !inner.utf8.contains(first), !(first == UInt8(ascii: "\"") && inner.utf8.contains(UInt8(ascii: "\\"))) else { return nil }
            return .string(String(inner))
        }
        guard !"-?:,[]{}#&*!|>'\"%@`".utf8.contains(first), value.utf8.last != UInt8(ascii: ":"),
              !value.utf8Contains(": "), !value.utf8Contains(" #") else { return nil }
        if inFlow, value.utf8.contains(where: { "[]{},:#\"'".utf8.contains($0) }) { return nil }
        return JSONValue(plainYAMLScalar: value)
    }
}
