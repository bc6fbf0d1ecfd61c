import Foundation
import SkillMeatPluginAPI

/// Edits a TOML document as text: a table is added as a block at the end (`[mcp_servers.<n>]` and its
/// sub-tables) and removed as that block, so comments, order and spacing a person wrote stay as they
/// were, and adding then removing a table gives back the original bytes.
struct TOMLTableEditor {
    private(set) var text: String
    let path: String

    init(_ data: Data, path: String) throws(SkillMeatError) {
        guard let text = String(data: data, encoding: .utf8) else {
            throw .malformedFile(path: path, line: nil, reason: "it is not UTF-8 text")
        }
        self.text = text
        self.path = path
    }

    var data: Data { Data(text.utf8) }

    func document() throws(SkillMeatError) -> [String: JSONValue] {
        try TOMLCodec.parse(text, path: path)
    }

    /// The value at `keyPath`, or nil.
    func value(at keyPath: [String]) throws(SkillMeatError) -> JSONValue? {
        var value: JSONValue? = .object(try document())
        for key in keyPath { value = value?[key] }
        return value
    }

    /// Whether the document has no keys at all.
    func isEmpty() throws(SkillMeatError) -> Bool { try document().isEmpty }

    /// Adds the table `keyPath` with `value` as a block at the end; an existing table is replaced.
    mutating func set(_ keyPath: [String], to value: JSONValue) throws(SkillMeatError) {
        guard case .object = value, !keyPath.isEmpty else {
            throw .invalidArgument("Only tables can be merged into \(path).")
        }
        if try self.value(at: keyPath) != nil {
            guard try removeTable(keyPath) else {
                throw .conflict("\(keyPath.joined(separator: ".")) in \(path) is not written as its own table; edit the file by hand, nothing was changed.")
            }
        }
        let nested = keyPath.reversed().reduce(value) { JSONValue.object([$1: $0]) }
        let block = TOMLCodec().serialize(nested.objectValue ?? [:])
        let separator = text.isEmpty ? "" : (text.hasSuffix("\n") ? "\n" : "\n\n")
        let edited = text + separator + block
        // A key path that the file already spells another way (an inline table) cannot take a block.
        guard (try? TOMLCodec.parse(edited, path: path)) != nil else {
            throw .conflict("\(path) defines \(keyPath.dropLast().joined(separator: ".")) in a way a new [\(dotted(keyPath))] table cannot join; edit the file by hand, nothing was changed.")
        }
        text = edited
    }

    /// Removes the block of table `keyPath` (its header, keys and sub-tables) and the blank line
    /// that was put before it. Returns false when the table is not written as such a block.
    @discardableResult
    mutating func removeTable(_ keyPath: [String]) throws(SkillMeatError) -> Bool {
        var lines = text.components(separatedBy: "\n")
        let name = dotted(keyPath)
        func header(_ line: String) -> String? {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("["), let close = trimmed.lastIndex(of: "]") else { return nil }
            return trimmed[trimmed.index(after: trimmed.startIndex)..<close]
                .trimmingCharacters(in: CharacterSet(charactersIn: "[] "))
                .replacingOccurrences(of: " ", with: "")
        }
        guard let start = lines.firstIndex(where: { header($0) == name }) else { return false }
        // The empty string after the final line break is not a line of the block.
        let limit = lines.last == "" ? lines.count - 1 : lines.count
        var end = start + 1
        while end < limit {
            if let other = header(lines[end]), other != name, !other.hasPrefix(name + ".") { break }
            end += 1
        }
        // Blank lines before a following table belong to it.
        while end < limit, end > start + 1, lines[end - 1].trimmingCharacters(in: .whitespaces).isEmpty { end -= 1 }
        let removeFrom = start > 0 && lines[start - 1].isEmpty ? start - 1 : start
        lines.removeSubrange(removeFrom..<end)
        let edited = lines.joined(separator: "\n")
        guard (try? TOMLCodec.parse(edited, path: path)) != nil else { return false }
        text = edited
        return true
    }

    private func dotted(_ keyPath: [String]) -> String {
        keyPath.map(TOMLText.key).joined(separator: ".")
    }
}
