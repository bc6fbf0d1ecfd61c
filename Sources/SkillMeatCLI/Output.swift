import Foundation
import SkillMeatCore

/// Printing helpers shared by every command: JSON for scripts, aligned tables for people.
enum Output {
    /// Writes a line to standard output.
    static func line(_ text: String = "") {
        CLIContext.current.output.write(text + "\n", to: .standardOutput)
    }

    /// Writes a status line to standard output: a count or a next step, which `--quiet` leaves out.
    static func status(_ text: String) {
        guard !CLIContext.current.quiet else { return }
        line(text)
    }

    /// `number` with thousands separators, the same whatever the locale (`1,998`).
    static func count(_ number: Int) -> String {
        let digits = String(number.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (number < 0 ? "-" : "") + grouped
    }

    /// The line a bulk command ends with: "Imported 1,998 of 2,000; 2 failed" (counts that are 0 left out).
    static func summary(_ verb: String, done: Int, of total: Int, _ others: [(count: Int, label: String)] = []) -> String {
        ([("\(verb) \(count(done)) of \(count(total))")] + others.filter { $0.count > 0 }.map { "\(count($0.count)) \($0.label)" })
            .joined(separator: "; ")
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

    /// Writes rows as a table with a header, columns padded to their widest cell. On a terminal the
    /// table fits its width: the widest columns are cut (with `…`), never wrapped; a pipe gets full rows.
    static func table(_ header: [String], _ rows: [[String]]) {
        let context = CLIContext.current
        let widths = columnWidths(header, rows, fitting: context.terminalWidth)
        func render(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                let fitted = TerminalProgress.fit(cell.replacingOccurrences(of: "\n", with: " "), widths[index])
                return index == cells.count - 1 ? fitted : fitted.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        let title = render(header)
        line(context.usesColor ? "\u{1B}[1m\(title)\u{1B}[0m" : title)
        for row in rows { line(render(row)) }
    }

    /// Each column's width: its widest cell, then, while the row is wider than `limit`, the widest column
    /// loses a character at a time down to the width of its title (at least 3).
    static func columnWidths(_ header: [String], _ rows: [[String]], fitting limit: Int?) -> [Int] {
        var widths = header.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        guard let limit else { return widths }
        let floors = header.map { max($0.count, 3) }
        while widths.reduce(0, +) + 2 * (widths.count - 1) > limit {
            guard let widest = widths.indices.filter({ widths[$0] > floors[$0] }).max(by: { widths[$0] < widths[$1] }) else { break }
            widths[widest] -= 1
        }
        return widths
    }

    /// Bold on a colour terminal, plain elsewhere.
    static func emphasis(_ text: String) -> String {
        CLIContext.current.usesColor ? "\u{1B}[1m\(text)\u{1B}[0m" : text
    }
}
