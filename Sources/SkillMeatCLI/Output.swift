import Foundation
import SkillMeatCore

/// Printing helpers shared by every command: JSON for scripts, aligned tables for people.
enum Output {
    /// Writes a line to standard output.
    static func line(_ text: String = "") {
        CLIContext.current.output.write(text + "\n", to: .standardOutput)
    }

    /// Writes a warning to standard error.
    static func warning(_ text: String) {
        CLIContext.current.output.write("warning: \(text)\n", to: .standardError)
    }

    /// Writes `value` as pretty JSON with sorted keys. Field names come from each type's CodingKeys,
    /// which spell them in snake_case, the same as the HTTP API.
    static func json(_ value: some Encodable) throws {
        var writer = JSONWriter(pretty: true, capacity: 1 << 16)
        try writer.encode(value)
        var bytes = writer.bytes
        bytes.append(UInt8(ascii: "\n"))
        CLIContext.current.output.write(bytes: bytes, to: .standardOutput)
    }

    /// Writes a JSON array whose items `produce` hands to its callback one by one, flushing to the
    /// output every few hundred kilobytes instead of building the whole text.
    static func jsonArray<Item: JSONWritable>(_ produce: (_ emit: (Item) -> Void) async throws -> Void) async throws {
        let sink = CLIContext.current.output
        var writer = JSONWriter(pretty: true, capacity: 1 << 19)
        writer.beginArray()
        try await produce { item in
            item.writeJSON(to: &writer)
            if writer.bytes.count > 1 << 18 { sink.write(bytes: writer.drain(), to: .standardOutput) }
        }
        writer.endArray()
        var tail = writer.drain()
        tail.append(UInt8(ascii: "\n"))
        sink.write(bytes: tail, to: .standardOutput)
    }

    /// Writes rows as a table with a header, columns padded to their widest cell.
    static func table(_ header: [String], _ rows: [[String]]) {
        let context = CLIContext.current
        var widths = header.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func render(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        let title = render(header)
        line(context.usesColor ? "\u{1B}[1m\(title)\u{1B}[0m" : title)
        for row in rows { line(render(row)) }
    }

    /// Bold on a colour terminal, plain elsewhere.
    static func emphasis(_ text: String) -> String {
        CLIContext.current.usesColor ? "\u{1B}[1m\(text)\u{1B}[0m" : text
    }
}
