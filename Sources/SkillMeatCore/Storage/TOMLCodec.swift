public import Foundation
public import SkillMeatPluginAPI
import TOMLKit

/// Reads TOML into `JSONValue` tables and writes them back. Parsing is TOMLKit's; writing is ours, so
/// the output is stable and ordered for people (known keys first, the rest sorted), and unknown keys
/// survive a read–modify–write unchanged. Dates and times are `JSONValue.datetime` and stay native.
public struct TOMLCodec: Sendable {
    /// Keys written first, in this order, wherever they appear; every other key follows sorted.
    public var priorityKeys: [String]

    public init(priorityKeys: [String] = []) {
        self.priorityKeys = priorityKeys
    }

    /// Parses `text` with the plugin API's bounded reader; a syntax error names the file and line.
    public static func parse(_ text: String, path: String) throws(SkillMeatError) -> [String: JSONValue] {
        do throws(TOMLReader.Failure) {
            return try TOMLReader.parse(text)
        } catch {
            throw .malformedFile(path: path, line: error.line, reason: error.reason)
        }
    }

    /// Reads and parses the file at `url`; a missing file is an empty table.
    public static func read(_ url: URL) throws(SkillMeatError) -> [String: JSONValue] {
        guard FileManager.default.fileExists(atPath: url.path) else { return [:] }
        return try parse(try readText(url), path: url.path)
    }

    /// The UTF-8 text of the file at `url`, with errors that name the file.
    public static func readText(_ url: URL) throws(SkillMeatError) -> String {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw SkillMeatError.io(url, error)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .malformedFile(path: url.path, line: nil, reason: "it is not UTF-8 text")
        }
        return text
    }

    /// Whether `text` is a TOML date, time or date-time literal, so it can be written unquoted.
    static func isDateTimeLiteral(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.allSatisfy({ (0x30...0x3A).contains($0) || "-+.TZtz ".utf8.contains($0) }),
              let value = try? TOMLTable(string: "v = " + text)["v"] else { return false }
        return [.date, .time, .dateTime].contains(value.type)
    }

    // MARK: Writing

    /// TOML text for `table`.
    public func serialize(_ table: [String: JSONValue]) -> String {
        var output = ""
        writeTable(table, path: [], into: &output)
        if output.hasPrefix("\n") { output.removeFirst() }
        return output
    }

    private func orderedKeys(_ table: [String: JSONValue]) -> [String] {
        let rank = Dictionary(priorityKeys.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        return table.keys.sorted { lhs, rhs in
            switch (rank[lhs], rank[rhs]) {
            case let (left?, right?): left < right
            case (.some, nil): true
            case (nil, .some): false
            case (nil, nil): lhs < rhs
            }
        }
    }

    private func isArrayOfTables(_ value: JSONValue) -> Bool {
        guard case .array(let items) = value, !items.isEmpty else { return false }
        return items.allSatisfy { if case .object = $0 { true } else { false } }
    }

    private func writeTable(_ table: [String: JSONValue], path: [String], into output: inout String) {
        let keys = orderedKeys(table)
        var body = ""
        for key in keys {
            let value = table[key]!
            if case .object = value { continue }
            if isArrayOfTables(value) { continue }
            if case .null = value { continue }
            body += "\(Self.key(key)) = \(inline(value))\n"
        }
        let hasSubtables = keys.contains { if case .object = table[$0]! { true } else { isArrayOfTables(table[$0]!) } }
        if !path.isEmpty, !body.isEmpty || !hasSubtables {
            output += "\n[\(path.map(Self.key).joined(separator: "."))]\n"
        }
        output += body
        for key in keys {
            guard case .object(let child) = table[key]! else { continue }
            writeTable(child, path: path + [key], into: &output)
        }
        for key in keys where isArrayOfTables(table[key]!) {
            guard case .array(let items) = table[key]! else { continue }
            for case .object(let item) in items {
                output += "\n[[\((path + [key]).map(Self.key).joined(separator: "."))]]\n"
                var nested = ""
                writeArrayItem(item, path: path + [key], into: &nested)
                output += nested
            }
        }
    }

    /// An element of an array of tables: its scalars under the `[[...]]` header, its sub-tables as
    /// `[a.b]` headers that TOML attaches to the most recent element.
    private func writeArrayItem(_ item: [String: JSONValue], path: [String], into output: inout String) {
        var subtables = ""
        for key in orderedKeys(item) {
            let value = item[key]!
            switch value {
            case .null: continue
            case .object(let child):
                writeTable(child, path: path + [key], into: &subtables)
            default:
                // Nested arrays of tables stay inline here, which TOML reads back identically.
                output += "\(Self.key(key)) = \(inline(value))\n"
            }
        }
        output += subtables
    }

    private func inline(_ value: JSONValue) -> String {
        switch value {
        case .null: return "\"\""
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let number): return String(number)
        case .double(let number):
            if number.isNaN { return "nan" }
            if number.isInfinite { return number > 0 ? "inf" : "-inf" }
            let text = String(number)
            return text.contains(".") || text.contains("e") ? text : text + ".0"
        case .string(let text): return Self.quote(text)
        case .datetime(let text): return Self.isDateTimeLiteral(text) ? text : Self.quote(text)
        case .array(let items): return "[" + items.filter { $0 != .null }.map(inline).joined(separator: ", ") + "]"
        case .object(let object):
            let pairs = orderedKeys(object).compactMap { key -> String? in
                guard let value = object[key], value != .null else { return nil }
                return "\(Self.key(key)) = \(inline(value))"
            }
            return pairs.isEmpty ? "{}" : "{ " + pairs.joined(separator: ", ") + " }"
        }
    }

    /// `key` as written in TOML: bare when it can be, quoted otherwise.
    public static func key(_ key: String) -> String { TOMLText.key(key) }

    /// A TOML basic string literal for `text`.
    public static func quote(_ text: String) -> String { TOMLText.quote(text) }
}

extension TOMLCodec {
    /// What a record read from `table` keeps beside its typed fields: every key outside `known`, and the
    /// known keys read as native dates, so that `setText` can write those back in the form they came in.
    static func extra(of table: [String: JSONValue], known: Set<String>) -> [String: JSONValue] {
        table.filter { key, value in
            if case .datetime = value { return true }
            return !known.contains(key)
        }
    }
}

extension [String: JSONValue] {
    /// Sets `key` to `text` (removes it when nil), keeping the value already there when it reads as the
    /// same text: a record's field that did not change is written in the form it was read in (a native
    /// TOML date stays native).
    mutating func setText(_ key: String, _ text: String?) {
        guard let text else {
            self[key] = nil
            return
        }
        if self[key]?.stringValue != text { self[key] = .string(text) }
    }
}
