import TOMLKit

/// Reads TOML text into `JSONValue` tables through TOMLKit, bounded (`maximumBytes`, `maximumDepth`,
/// and the header shapes toml++ aborts on are refused first), so the host's files and a repository's
/// TOML (a Codex `.codex/config.toml`, Gemini CLI command files) go through one reader. Dates and times
/// become `JSONValue.datetime` in TOML's own spelling.
public enum TOMLReader {
    /// Why a text could not be read: the line (when the parser knows it) and the reason.
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        public var line: Int?
        public var reason: String

        public var description: String { (line.map { "line \($0): " } ?? "") + reason }
    }

    /// Parses `text` into its top-level table.
    public static func parse(_ text: String) throws(Failure) -> [String: JSONValue] {
        if let excess = excess(in: text) { throw Failure(line: nil, reason: excess) }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw Failure(line: error.source.begin.line, reason: error.description)
        } catch {
            throw Failure(line: nil, reason: String(describing: error))
        }
        return convert(table)
    }

    static func convert(_ table: TOMLTable) -> [String: JSONValue] {
        var result: [String: JSONValue] = [:]
        for key in table.keys {
            if let value = table[key] { result[key] = convert(value) }
        }
        return result
    }

    static func convert(_ value: any TOMLValueConvertible) -> JSONValue {
        switch value.type {
        case .bool: return .bool(value.bool ?? false)
        case .int: return .int(value.int ?? 0)
        case .double: return .double(value.double ?? 0)
        case .string: return .string(value.string ?? "")
        case .table: return value.table.map { .object(convert($0)) } ?? .object([:])
        case .array: return .array(value.array.map { $0.map { convert($0) } } ?? [])
        case .date: return value.date.map { .datetime(text(of: $0)) } ?? .null
        case .time: return value.time.map { .datetime(text(of: $0)) } ?? .null
        case .dateTime:
            guard let dateTime = value.dateTime else { return .null }
            // Written from the fields: TOMLKit's own text gives a local date-time the offset Z.
            var text = text(of: dateTime.date) + "T" + text(of: dateTime.time)
            if let offset = dateTime.offset?.offset {
                text += offset == 0 ? "Z" : (offset < 0 ? "-" : "+") + twoDigits(abs(offset) / 60) + ":" + twoDigits(abs(offset) % 60)
            }
            return .datetime(text)
        }
    }

    private static func text(of date: TOMLDate) -> String {
        let year = String(date.year)
        return String(repeating: "0", count: max(0, 4 - year.count)) + year + "-" + twoDigits(date.month) + "-" + twoDigits(date.day)
    }

    private static func text(of time: TOMLTime) -> String {
        var text = twoDigits(time.hour) + ":" + twoDigits(time.minute) + ":" + twoDigits(time.second)
        if time.nanoSecond > 0 {
            let digits = String(time.nanoSecond)
            let fraction = String(repeating: "0", count: max(0, 9 - digits.count)) + digits
            text += "." + fraction.replacing(/0+$/, with: "")
        }
        return text
    }

    private static func twoDigits(_ number: Int) -> String { number < 10 ? "0\(number)" : String(number) }
}
