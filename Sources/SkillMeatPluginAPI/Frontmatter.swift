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
        guard let text = fields[key]?.stringValue?.trimmingSpacesAndNewlines(), !text.isEmpty else { return nil }
        return text
    }

    /// Parses UTF-8 bytes (invalid sequences are replaced rather than rejected).
    public static func parse(_ data: Data) -> Frontmatter {
        read(data, scan: FrontmatterBlock.scan(data), flatFastPath: false, includingBody: true)
    }

    /// Parses markdown text.
    public static func parse(_ text: String) -> Frontmatter {
        parse(Data(text.utf8))
    }

    /// Reads frontmatter from bytes already scanned. With `flatFastPath`, flat `key: value` blocks skip
    /// the YAML parser (`SimpleFrontmatter`, which yields the same fields); without `includingBody` the
    /// body is left empty instead of decoded.
    static func read(_ data: Data, scan: FrontmatterBlock.Scan, flatFastPath: Bool, includingBody: Bool, allowBOM: Bool = true) -> Frontmatter {
        switch scan {
        case .needsText:
            // Swift treats "\r\n" as one Character and a lone "\r" ends a line too: normalise once,
            // then read the bytes as any other.
            var text = String(decoding: data, as: UTF8.self)
            if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
            text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            let normalised = Data(text.utf8)
            let rescan = FrontmatterBlock.scan(normalised)
            if case .needsText = rescan { return Frontmatter(body: text, isPresent: false) }
            return read(normalised, scan: rescan, flatFastPath: flatFastPath, includingBody: includingBody, allowBOM: false)
        case .absent:
            return Frontmatter(body: includingBody ? text(of: data, from: 0, skippingBOM: allowBOM) : "", isPresent: false)
        case .unclosed:
            return Frontmatter(
                body: includingBody ? text(of: data, from: 0, skippingBOM: allowBOM) : "",
                isPresent: false,
                diagnostic: "the frontmatter block opened with '---' is never closed"
            )
        case .oversized:
            return Frontmatter(
                body: includingBody ? text(of: data, from: 0, skippingBOM: allowBOM) : "",
                isPresent: false,
                diagnostic: "the frontmatter block is not closed within its first \(FrontmatterBlock.maximumBytes / 1024) KiB, so it was not read"
            )
        case .closed(let block):
            let body = includingBody ? text(of: data, from: block.bodyStart, skippingBOM: false) : ""
            if let excess = YAMLBounds.excess(in: block.yaml) {
                // Neither parser is given it; its top-level lines are read in one linear pass.
                return Frontmatter(
                    fields: lenientFields(block.yaml), body: body, isPresent: true,
                    diagnostic: "the frontmatter \(excess), which frontmatter never needs; read its top-level 'key: value' lines instead"
                )
            }
            if flatFastPath, let fields = SimpleFrontmatter.fields(block.yaml) {
                return Frontmatter(fields: fields, body: body, isPresent: true)
            }
            return yaml(block.yaml, body: body)
        }
    }

    private static func text(of data: Data, from offset: Int, skippingBOM: Bool) -> String {
        data.withUnsafeBytes { raw in
            var start = offset
            if skippingBOM, raw.count >= 3, raw[0] == 0xEF, raw[1] == 0xBB, raw[2] == 0xBF { start = 3 }
            return String(decoding: UnsafeRawBufferPointer(rebasing: raw[start...]), as: UTF8.self)
        }
    }

    /// The fields of a YAML block, falling back to its top-level lines when it is not valid YAML.
    private static func yaml(_ yaml: String, body: String) -> Frontmatter {
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
                let more = line.trimmingSpaces()
                if !more.isEmpty { fields[key] = .string(previous.isEmpty ? more : previous + " " + more) }
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { lastKey = nil; continue }
            let key = line[..<colon].trimmingSpaces()
            guard !key.isEmpty, !key.hasPrefix("#"), !key.contains(" ") else { lastKey = nil; continue }
            var value = line[line.index(after: colon)...].trimmingSpaces()
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
            self = scalar.style == .plain ? JSONValue(plainYAMLScalar: scalar.string) : .string(scalar.string)
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

    /// The value of an unquoted YAML scalar, typed as Yams types it (null, then bool, int, float, else
    /// text). The frontmatter fast path (`SimpleFrontmatter`) calls this too, so both paths agree on every
    /// spelling: `010` is 8, `0x1F` 31, `1_000` 1000, `.inf` infinite, `yes` true, `tRUE` text.
    init(plainYAMLScalar text: String) {
        guard Self.mayHaveYAMLType(text) else {
            self = .string(text)
            return
        }
        // Only booleans depend on the tag (`tRUE` is text although it lowercases to `true`), so the
        // resolver's rules run only for the six words.
        let tag = ["true", "false", "yes", "no", "on", "off"].contains(text.lowercased())
            ? Tag(Resolver.default.resolveTag(of: Node(text))) : Tag(.implicit)
        let node = Node.scalar(Node.Scalar(text, tag, .plain))
        if node.null != nil {
            self = .null
        } else if let value = node.bool {
            self = .bool(value)
        } else if let value = node.int {
            self = .int(value)
        } else if let value = node.float {
            self = .double(value)
        } else {
            self = .string(text)
        }
    }

    /// Whether Yams could give `text` a type other than string. Its constructors read null and the
    /// boolean words, integers (signs, radix prefixes, `_`, base 60) and whatever Swift's `Double` parses
    /// (`inf`, `nan`, hex floats), all after removing `_`: each starts, past underscores, with one of
    /// these characters. Everything else is text without asking Yams.
    private static func mayHaveYAMLType(_ text: String) -> Bool {
        guard let first = text.utf8.first(where: { $0 != UInt8(ascii: "_") }) else { return true }
        switch first {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: " "), UInt8(ascii: "~"):
            return true
        default:
            return "tTfFyYnNoOiI".utf8.contains(first)
        }
    }
}
