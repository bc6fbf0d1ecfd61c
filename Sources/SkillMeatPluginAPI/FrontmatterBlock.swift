import Foundation

/// Where the frontmatter of markdown bytes lies, found on the bytes without decoding the whole file:
/// the YAML between the fences as text, and the offset where the body starts.
///
/// It draws the same lines as `Frontmatter.parse` (split at `\n`; a fence is a line that is `---` or
/// `...` once white space is trimmed), which reads the file as one string. Bytes holding a carriage
/// return are left to that reader, since it treats a lone `\r` as a line end.
struct FrontmatterBlock {
    enum Scan {
        /// The text does not open with a `---` line.
        case absent
        /// It opens with `---` and no fence closes it (within the bytes given).
        case unclosed
        case closed(FrontmatterBlock)
        /// Carriage returns: read the text with `Frontmatter.parse`.
        case needsText
        /// It opens with `---` and no fence closes it within `maximumBytes`: too large to read, whether
        /// or not a fence comes later (so reading a file's head and reading all of it agree).
        case oversized
    }

    /// The most bytes a block may span, from the opening fence to the end of the closing fence's line.
    /// Real frontmatter is a few hundred bytes (the largest of the detection corpus is 1.7 KiB); the bound
    /// keeps a hostile file from costing more than this much YAML parsing, and the scan from walking a
    /// huge file in search of a fence.
    static let maximumBytes = 64 * 1024

    /// The lines between the fences, joined by `\n`.
    var yaml: String
    /// Where the body starts in the bytes scanned (their count when there is no body).
    var bodyStart: Int
    /// Whether a line end follows the closing fence, so the fence is whole even in a file's head.
    var fenceTerminated: Bool

    static func scan(_ data: Data) -> Scan {
        data.withUnsafeBytes { raw in scan(raw.bindMemory(to: UInt8.self)) }
    }

    static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Scan {
        if bytes.contains(0x0D) { return .needsText }
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        guard bytes.count - start >= 3, bytes[start] == UInt8(ascii: "-"), bytes[start + 1] == UInt8(ascii: "-"),
              bytes[start + 2] == UInt8(ascii: "-")
        else { return .absent }
        var lineStart = start
        var yamlStart: Int?
        let limit = start + maximumBytes
        while lineStart <= bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, lineEnd <= limit, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            if lineEnd > limit { return .oversized }
            let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd])
            if let yamlStart {
                if isFence(line, opening: false) {
                    let yamlEnd = max(yamlStart, lineStart - 1)
                    let yaml = String(decoding: UnsafeBufferPointer(rebasing: bytes[yamlStart..<yamlEnd]), as: UTF8.self)
                    return .closed(FrontmatterBlock(yaml: yaml, bodyStart: min(lineEnd + 1, bytes.count), fenceTerminated: lineEnd < bytes.count))
                }
            } else {
                guard isFence(line, opening: true) else { return .absent }
                yamlStart = lineEnd + 1
            }
            lineStart = lineEnd + 1
        }
        return .unclosed
    }

    /// Whether a line is `---` (or, closing, `...`) once white space around it is trimmed. Space and
    /// tab are trimmed here; a line with other bytes at its ends is checked as text, since Unicode
    /// spaces (no-break space and the like) are white space too.
    private static func isFence(_ line: UnsafeBufferPointer<UInt8>, opening: Bool) -> Bool {
        var low = 0
        var high = line.count
        while low < high, line[low] == 0x20 || line[low] == 0x09 { low += 1 }
        while high > low, line[high - 1] == 0x20 || line[high - 1] == 0x09 { high -= 1 }
        guard high > low else { return false }
        if high - low == 3 {
            let first = line[low]
            if (first == UInt8(ascii: "-") || (!opening && first == UInt8(ascii: "."))) && line[low + 1] == first && line[low + 2] == first {
                return true
            }
        }
        guard line[low] >= 0x80 || line[high - 1] >= 0x80 else { return false }
        let trimmed = String(decoding: line, as: UTF8.self).trimmingSpaces()
        return trimmed == "---" || (!opening && trimmed == "...")
    }
}
