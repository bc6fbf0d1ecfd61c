public import Foundation
import Yams

/// The YAML frontmatter of a markdown file and the body after it.
///
/// Real repositories carry byte-order marks, CRLF line ends and YAML that does not parse (an unquoted
/// colon in a description is the usual culprit). None of these loses the file: a BOM and CRLF are
/// tolerated, and broken YAML falls back to reading top-level `key: value` lines, with a diagnostic.
public struct Frontmatter: Sendable, Hashable {
    /// The top-level fields, empty when the file has no frontmatter.
    public var fields: [String: JSONValue]
    /// The markdown after the closing `---` (the whole text when there is no frontmatter).
    public var body: String
    /// Whether the file opens with a closed `---` block.
    public var isPresent: Bool
    /// Why the block could not be read as YAML, when it could not; `fields` then holds the fallback.
    public var diagnostic: String?

    public init(fields: [String: JSONValue] = [:], body: String, isPresent: Bool, diagnostic: String? = nil) {
        self.fields = fields
        self.body = body
        self.isPresent = isPresent
        self.diagnostic = diagnostic
    }

    public subscript(key: String) -> JSONValue? { fields[key] }

    /// A field as trimmed text, or nil when it is missing or empty.
    public func string(_ key: String) -> String? {
        guard let text = fields[key]?.stringValue?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        return text
    }

    /// Parses UTF-8 bytes (invalid sequences are replaced rather than rejected).
    public static func parse(_ data: Data) -> Frontmatter {
        parse(String(decoding: data, as: UTF8.self))
    }

    /// Parses markdown text.
    public static func parse(_ text: String) -> Frontmatter {
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        // Swift treats "\r\n" as one Character, so normalising here keeps every later split simple.
        if text.contains("\r") {
            text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        guard text.hasPrefix("---") else { return Frontmatter(body: text, isPresent: false) }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines[0].trimmingCharacters(in: .whitespaces) == "---" else { return Frontmatter(body: text, isPresent: false) }
        guard let end = lines.indices.dropFirst().first(where: {
            let line = lines[$0].trimmingCharacters(in: .whitespaces)
            return line == "---" || line == "..."
        }) else {
            return Frontmatter(body: text, isPresent: false, diagnostic: "the frontmatter block opened with '---' is never closed")
        }
        let yaml = lines[1..<end].joined(separator: "\n")
        let body = lines[(end + 1)...].joined(separator: "\n")
        do {
            guard let node = try Yams.compose(yaml: yaml) else {
                return Frontmatter(body: body, isPresent: true)
            }
            guard case .object(let fields) = JSONValue(yaml: node) else {
                return Frontmatter(body: body, isPresent: true, diagnostic: "the frontmatter is not a mapping of keys to values")
            }
            return Frontmatter(fields: fields, body: body, isPresent: true)
        } catch {
            let reason = String(describing: error).split(separator: "\n").first.map(String.init) ?? "invalid YAML"
            return Frontmatter(
                fields: lenientFields(yaml),
                body: body,
                isPresent: true,
                diagnostic: "the frontmatter is not valid YAML (\(reason)); read its top-level 'key: value' lines instead"
            )
        }
    }

    /// Top-level `key: value` lines, the value taken verbatim (quotes removed). Indented lines continue
    /// the previous value, as a folded scalar would.
    static func lenientFields(_ yaml: String) -> [String: JSONValue] {
        var fields: [String: JSONValue] = [:]
        var lastKey: String?
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.first == " " || line.first == "\t" {
                guard let key = lastKey, case .string(let previous) = fields[key] else { continue }
                let more = line.trimmingCharacters(in: .whitespaces)
                if !more.isEmpty { fields[key] = .string(previous.isEmpty ? more : previous + " " + more) }
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { lastKey = nil; continue }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty, !key.hasPrefix("#"), !key.contains(" ") else { lastKey = nil; continue }
            var value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if value == ">" || value == "|" || value == ">-" || value == "|-" { value = "" }
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            fields[key] = .string(value)
            lastKey = key
        }
        return fields
    }
}

extension JSONValue {
    /// Converts a YAML node, resolving scalars by the YAML core schema.
    init(yaml node: Yams.Node) {
        switch node {
        case .scalar(let scalar):
            if scalar.style != .plain {
                self = .string(scalar.string)
            } else if node.null != nil {
                self = .null
            } else if let value = node.bool {
                self = .bool(value)
            } else if let value = node.int {
                self = .int(value)
            } else if let value = node.float {
                self = .double(value)
            } else {
                self = .string(scalar.string)
            }
        case .sequence(let sequence):
            self = .array(sequence.map { JSONValue(yaml: $0) })
        case .mapping(let mapping):
            var object: [String: JSONValue] = [:]
            for (key, value) in mapping {
                object[key.string ?? String(describing: key)] = JSONValue(yaml: value)
            }
            self = .object(object)
        case .alias:
            self = .null
        }
    }
}
