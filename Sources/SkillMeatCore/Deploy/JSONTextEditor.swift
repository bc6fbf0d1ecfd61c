import Foundation
import SkillMeatPluginAPI
import Synchronization

/// Edits a JSON document as text, so a merge keeps every byte a person wrote: members are inserted
/// after the last one with the indentation already in use and removed with exactly the separator
/// they were inserted with. Inserting then removing the same entry gives back the original bytes.
struct JSONTextEditor {
    private(set) var bytes: [UInt8] {
        // An edit changes the text, so the parse of the old text no longer applies (to this copy).
        didSet { parsed = ParsedRoot() }
    }
    let path: String
    /// The parse of `bytes`, made on the first read and shared by copies until one of them edits:
    /// readers ask for many key paths of one document (discovery, for each MCP server of a shared
    /// file), and parsing the whole file for each made that quadratic.
    private var parsed = ParsedRoot()

    private final class ParsedRoot: Sendable {
        let node = Mutex<Node?>(nil)
    }

    init(_ data: Data, path: String) {
        self.bytes = [UInt8](data)
        self.path = path
    }

    var data: Data { Data(bytes) }

    // MARK: Reading

    indirect enum Node: Sendable {
        case object([Member], Range<Int>)
        case array([Node], Range<Int>)
        case scalar(Range<Int>)

        var range: Range<Int> {
            switch self {
            case .object(_, let range), .array(_, let range), .scalar(let range): range
            }
        }
    }

    struct Member: Sendable {
        var key: String
        var start: Int
        var value: Node
    }

    func root() throws(SkillMeatError) -> Node {
        if let known = parsed.node.withLock({ $0 }) { return known }
        var parser = Parser(bytes: bytes)
        do {
            parser.skipWhitespace()
            let node = try parser.value()
            parser.skipWhitespace()
            guard parser.index == bytes.count else { throw Parser.Failure(offset: parser.index, reason: "unexpected text after the JSON value") }
            parsed.node.withLock { $0 = node }
            return node
        } catch let failure as Parser.Failure {
            throw .malformedFile(path: path, line: line(of: failure.offset), reason: "\(failure.reason) (it must be strict JSON)")
        } catch {
            throw .malformedFile(path: path, line: nil, reason: "\(error)")
        }
    }

    /// The value at `keyPath` (object members only), or nil.
    func value(at keyPath: [String]) throws(SkillMeatError) -> JSONValue? {
        guard let node = try node(at: keyPath) else { return nil }
        return decode(node)
    }

    func node(at keyPath: [String]) throws(SkillMeatError) -> Node? {
        var node = try root()
        for key in keyPath {
            guard case .object(let members, _) = node, let member = members.last(where: { $0.key == key }) else { return nil }
            node = member.value
        }
        return node
    }

    func decode(_ node: Node) -> JSONValue? {
        try? JSONValue.parse(Data(bytes[node.range]))
    }

    // MARK: Editing

    /// Sets the member at `keyPath` to `value`, creating missing objects on the way. Returns the key
    /// paths of the containers it created (outermost first).
    @discardableResult
    mutating func set(_ keyPath: [String], to value: JSONValue) throws(SkillMeatError) -> [[String]] {
        guard !keyPath.isEmpty else { throw .invalidArgument("An empty key path cannot be set in \(path).") }
        let (node, depth) = try deepest(keyPath)
        if depth == keyPath.count {
            replace(node.range, with: render(value, indent: lineIndent(at: node.range.lowerBound)))
            return []
        }
        guard case .object = node else { throw notAnObject(Array(keyPath.prefix(depth))) }
        let nested = keyPath[(depth + 1)...].reversed().reduce(value) { JSONValue.object([$1: $0]) }
        try insertMember(keyPath[depth], value: nested, into: node)
        return (depth + 1..<keyPath.count).map { Array(keyPath.prefix($0)) }
    }

    /// Appends `value` to the array at `keyPath`, creating it (and missing objects) when needed.
    /// Returns the key paths of the containers it created, the array included.
    @discardableResult
    mutating func append(_ value: JSONValue, to keyPath: [String]) throws(SkillMeatError) -> [[String]] {
        let (node, depth) = try deepest(keyPath)
        if depth == keyPath.count {
            guard case .array(let elements, let range) = node else {
                throw .conflict("\(keyPath.joined(separator: ".")) in \(path) is not a list; fix the file by hand, nothing was changed.")
            }
            insert(value, after: elements.last?.range, firstStart: elements.first?.range.lowerBound, container: range, isObject: false, key: nil)
            return []
        }
        guard case .object = node else { throw notAnObject(Array(keyPath.prefix(depth))) }
        let nested = keyPath[(depth + 1)...].reversed().reduce(JSONValue.array([value])) { JSONValue.object([$1: $0]) }
        try insertMember(keyPath[depth], value: nested, into: node)
        return (depth + 1...keyPath.count).map { Array(keyPath.prefix($0)) }
    }

    /// Removes the member at `keyPath`; returns whether there was one.
    @discardableResult
    mutating func removeMember(_ keyPath: [String]) throws(SkillMeatError) -> Bool {
        guard let key = keyPath.last, case .object(let members, let range)? = try node(at: Array(keyPath.dropLast())),
              let index = members.lastIndex(where: { $0.key == key }) else { return false }
        removeItem(at: index, starts: members.map(\.start), ends: members.map(\.value.range.upperBound), container: range)
        return true
    }

    /// Removes the first element of the array at `keyPath` whose canonical hash is `hash`.
    @discardableResult
    mutating func removeElement(at keyPath: [String], hash: String) throws(SkillMeatError) -> Bool {
        guard case .array(let elements, let range)? = try node(at: keyPath),
              let index = elements.firstIndex(where: { decode($0).map { ContentHash.of($0.canonicalData()) } == hash }) else { return false }
        removeItem(at: index, starts: elements.map(\.range.lowerBound), ends: elements.map(\.range.upperBound), container: range)
        return true
    }

    /// Whether the object or array at `keyPath` exists and is empty.
    func isEmptyContainer(_ keyPath: [String]) throws(SkillMeatError) -> Bool {
        switch try node(at: keyPath) {
        case .object(let members, _)?: members.isEmpty
        case .array(let elements, _)?: elements.isEmpty
        default: false
        }
    }

    // MARK: Text operations

    private func deepest(_ keyPath: [String]) throws(SkillMeatError) -> (Node, Int) {
        var node = try root()
        guard case .object = node else { throw notAnObject([]) }
        for (depth, key) in keyPath.enumerated() {
            guard case .object(let members, _) = node, let member = members.last(where: { $0.key == key }) else { return (node, depth) }
            node = member.value
        }
        return (node, keyPath.count)
    }

    private func notAnObject(_ keyPath: [String]) -> SkillMeatError {
        .conflict("\(keyPath.isEmpty ? "The top level" : keyPath.joined(separator: ".")) of \(path) is not a JSON object; fix the file by hand, nothing was changed.")
    }

    private mutating func insertMember(_ key: String, value: JSONValue, into node: Node) throws(SkillMeatError) {
        guard case .object(let members, let range) = node else { throw notAnObject([]) }
        insert(value, after: members.last?.value.range, firstStart: members.first?.start, container: range, isObject: true, key: key)
    }

    /// Inserts a member or element after the last one (or into an empty container), indented like
    /// its siblings, or on one line when the siblings share the container's line.
    private mutating func insert(_ value: JSONValue, after last: Range<Int>?, firstStart: Int?, container: Range<Int>, isObject: Bool, key: String?) {
        let prefix = key.map { JSONValue.string($0).description + ": " } ?? ""
        if let last, let firstStart {
            if lineStart(of: firstStart) == lineStart(of: container.lowerBound) {
                bytes.insert(contentsOf: Array((", " + prefix + String(decoding: value.canonicalData(), as: UTF8.self)).utf8), at: last.upperBound)
            } else {
                let indent = String(decoding: bytes[lineStart(of: firstStart)..<firstStart], as: UTF8.self)
                let outer = lineIndent(at: container.lowerBound)
                // The file's own indentation step (4 spaces, a tab…), taken from the siblings.
                let unit = indent.hasPrefix(outer) && indent.count > outer.count ? String(indent.dropFirst(outer.count)) : "  "
                bytes.insert(contentsOf: Array((",\n" + indent + prefix + render(value, indent: indent, unit: unit)).utf8), at: last.upperBound)
            }
            return
        }
        let outer = lineIndent(at: container.lowerBound)
        let inner = outer + "  "
        let text = "\n" + inner + prefix + render(value, indent: inner) + "\n" + outer
        replace(container.lowerBound + 1..<container.upperBound - 1, with: text)
    }

    /// Removes item `index` of a container together with the separator it was inserted with.
    private mutating func removeItem(at index: Int, starts: [Int], ends: [Int], container: Range<Int>) {
        if starts.count == 1 {
            replace(container.lowerBound + 1..<container.upperBound - 1, with: "")
        } else if index > 0 {
            bytes.removeSubrange(ends[index - 1]..<ends[index])
        } else {
            bytes.removeSubrange(starts[0]..<starts[1])
        }
    }

    private mutating func replace(_ range: Range<Int>, with text: String) {
        bytes.replaceSubrange(range, with: Array(text.utf8))
    }

    /// Pretty JSON (sorted keys, one `unit` of indentation a level) whose lines after the first carry `indent`.
    private func render(_ value: JSONValue, indent: String, unit: String = "  ") -> String {
        var writer = JSONWriter(pretty: true, capacity: 256)
        writer.write(value)
        return writer.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { index, line in
            guard index > 0 else { return String(line) }
            let spaces = line.prefix { $0 == " " }.count
            return indent + String(repeating: unit, count: spaces / 2) + line.dropFirst(spaces)
        }.joined(separator: "\n")
    }

    private func lineStart(of offset: Int) -> Int {
        var start = offset
        while start > 0, bytes[start - 1] != UInt8(ascii: "\n") { start -= 1 }
        return start
    }

    private func lineIndent(at offset: Int) -> String {
        let start = lineStart(of: offset)
        var end = start
        while end < bytes.count, bytes[end] == UInt8(ascii: " ") || bytes[end] == UInt8(ascii: "\t") { end += 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    private func line(of offset: Int) -> Int {
        bytes.prefix(offset).reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
    }

    // MARK: Parser

    /// Records where every value starts and ends; values themselves are decoded on demand.
    struct Parser {
        let bytes: [UInt8]
        var index = 0
        var depth = 0

        struct Failure: Error {
            var offset: Int
            var reason: String
        }

        mutating func skipWhitespace() {
            while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
        }

        mutating func value() throws -> Node {
            guard index < bytes.count else { throw Failure(offset: index, reason: "unexpected end of input") }
            let start = index
            switch bytes[index] {
            case UInt8(ascii: "{"):
                depth += 1
                guard depth < 512 else { throw Failure(offset: index, reason: "nesting too deep") }
                defer { depth -= 1 }
                index += 1
                var members: [Member] = []
                skipWhitespace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                    index += 1
                    return .object([], start..<index)
                }
                while true {
                    skipWhitespace()
                    let keyStart = index
                    guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw Failure(offset: index, reason: "expected a key") }
                    try skipString()
                    guard let key = (try? JSONValue.parse(Data(bytes[keyStart..<index])))?.stringValue else {
                        throw Failure(offset: keyStart, reason: "invalid key")
                    }
                    skipWhitespace()
                    try expect(":")
                    skipWhitespace()
                    members.append(Member(key: key, start: keyStart, value: try value()))
                    skipWhitespace()
                    if try separatorOrEnd("}") { break }
                }
                return .object(members, start..<index)
            case UInt8(ascii: "["):
                depth += 1
                guard depth < 512 else { throw Failure(offset: index, reason: "nesting too deep") }
                defer { depth -= 1 }
                index += 1
                var elements: [Node] = []
                skipWhitespace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                    index += 1
                    return .array([], start..<index)
                }
                while true {
                    skipWhitespace()
                    elements.append(try value())
                    skipWhitespace()
                    if try separatorOrEnd("]") { break }
                }
                return .array(elements, start..<index)
            case UInt8(ascii: "\""):
                try skipString()
                return .scalar(start..<index)
            default:
                while index < bytes.count, !",}] \n\r\t".utf8.contains(bytes[index]) { index += 1 }
                guard index > start, (try? JSONValue.parse(Data(bytes[start..<index]))) != nil else {
                    throw Failure(offset: start, reason: "invalid value")
                }
                return .scalar(start..<index)
            }
        }

        mutating func skipString() throws {
            index += 1
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\\"): index += 2
                case UInt8(ascii: "\""): index += 1; return
                default: index += 1
                }
            }
            throw Failure(offset: index, reason: "unterminated string")
        }

        mutating func expect(_ character: Unicode.Scalar) throws {
            guard index < bytes.count, bytes[index] == UInt8(ascii: character) else {
                throw Failure(offset: index, reason: "expected '\(character)'")
            }
            index += 1
        }

        /// Consumes `,` (false: another item follows) or the closing bracket (true).
        mutating func separatorOrEnd(_ close: Unicode.Scalar) throws -> Bool {
            guard index < bytes.count else { throw Failure(offset: index, reason: "unexpected end of input") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; return false }
            try expect(close)
            return true
        }
    }
}
