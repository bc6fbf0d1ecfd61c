public import Foundation

/// A JSON-shaped value: frontmatter fields, plugin settings and MCP server configs all travel as this.
public enum JSONValue: Sendable, Hashable, Codable, CustomStringConvertible {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    /// A date, time or date-time as TOML writes it (`1979-05-27`, `07:32:00`, `1979-05-27T07:32:00Z`), so
    /// a TOML file rewritten keeps it native. JSON has no such value: it encodes as this text, and
    /// `stringValue` reads it.
    case datetime(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .string(let value), .datetime(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// Parses UTF-8 JSON text (a leading byte-order mark is skipped); throws an error naming the byte
    /// offset and the reason for malformed input.
    public static func parse(_ data: Data) throws -> JSONValue {
        if data.starts(with: [0xEF, 0xBB, 0xBF]) {
            return try JSONScanner.parse(data.dropFirst(3))
        }
        return try JSONScanner.parse(data)
    }

    /// Canonical JSON (sorted keys, no extra whitespace), so equal values always hash alike.
    public func canonicalData() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data("null".utf8)
    }

    /// Pretty JSON with sorted keys, for files people read.
    public func prettyData() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data("null".utf8)
    }

    public subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    public var stringValue: String? {
        switch self {
        case .string(let value), .datetime(let value): value
        case .int(let value): String(value)
        case .double(let value): String(value)
        case .bool(let value): String(value)
        default: nil
        }
    }

    public var boolValue: Bool? {
        switch self {
        case .bool(let value): value
        case .string(let value): ["true", "yes", "on", "1"].contains(value.lowercased()) ? true
            : ["false", "no", "off", "0"].contains(value.lowercased()) ? false : nil
        case .int(let value): value != 0
        default: nil
        }
    }

    public var intValue: Int? {
        switch self {
        case .int(let value): value
        case .double(let value): Int(exactly: value)
        case .string(let value): Int(value)
        default: nil
        }
    }

    public var objectValue: [String: JSONValue]? {
        if case .object(let value) = self { return value }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// A list of strings from either a YAML/JSON list or a comma- or space-separated string
    /// (frontmatter writes `tools: Read, Grep` as often as `tools: [Read, Grep]`).
    public var stringList: [String] {
        switch self {
        case .array(let items): return items.compactMap(\.stringValue).filter { !$0.isEmpty }
        case .string(let text):
            // Split on commas when there are any, else on white space; each part trimmed.
            if text.utf8.contains(UInt8(ascii: ",")) {
                return text.unicodeScalars.split(separator: ",", omittingEmptySubsequences: false)
                    .map { String($0).trimmingSpaces() }
                    .filter { !$0.isEmpty }
            }
            return text.unicodeScalars.split(whereSeparator: \.isSpaceOrTab).map { String($0) }
        default: return []
        }
    }

    public var description: String {
        String(decoding: canonicalData(), as: UTF8.self)
    }
}
