extension TOMLReader {
    /// The largest TOML text parsed. SkillMeat's own files are the largest it reads (a 10,000-artifact
    /// collection's manifest is about 5 MiB); the bound keeps a project's or repository's file from
    /// costing more memory than that many times over.
    public static let maximumBytes = 64 << 20

    /// Tables and arrays nested deeper than this are refused before TOMLKit sees them: its parser, its
    /// conversion and ours are recursive, and a line of 5,000 dotted keys crashed the process with a
    /// stack overflow. Real files nest three or four levels.
    public static let maximumDepth = 128

    /// Why `text` must not be parsed, or nil when it may be.
    ///
    /// One pass over the bytes that skips strings and comments and over-approximates depth: the dots of
    /// the last table header, plus the dots of the current line outside strings (a dotted key's, but also
    /// a float's), plus the brackets and braces open at that point. It also refuses a table header whose
    /// `[` or `[[` is followed by something other than a key: TOMLKit's parser (toml++) aborts the process
    /// on `[}` and on `}` inside an array (`x = [}`) instead of reporting an error.
    static func excess(in text: String) -> String? {
        guard text.utf8.count <= maximumBytes else { return "it is larger than \(maximumBytes >> 20) MiB" }
        var scanner = DepthScanner()
        for byte in text.utf8 where !scanner.advance(byte) {
            return scanner.problem ?? "it nests tables or arrays deeper than \(maximumDepth) levels"
        }
        return nil
    }

    private struct DepthScanner {
        enum State { case normal, comment, basic, literal, multilineBasic, multilineLiteral }
        var state = State.normal
        var headerDepth = 0
        var lineDots = 0
        /// The brackets and braces open, innermost last.
        var open: [UInt8] = []
        var brackets: Int { open.count }
        var atLineStart = true
        var isHeader = false
        /// Inside a header's opening brackets, before its first key: the `[`s seen.
        var headerBrackets = 0
        /// Why the text was refused other than for depth: the shapes toml++ aborts on.
        var problem: String?
        var escaped = false
        /// Bytes inside the current one-line string.
        var stringLength = 0
        /// Quote characters seen in a row: opening `"""`, closing a multi-line string.
        var quotes = 0

        /// Takes one byte; false once the depth bound is passed.
        mutating func advance(_ byte: UInt8) -> Bool {
            switch state {
            case .comment:
                if byte == 0x0A { endLine() }
            case .basic, .literal:
                if byte == 0x0A {
                    state = .normal
                    endLine()
                } else if escaped {
                    escaped = false
                    stringLength += 1
                } else if state == .basic, byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == (state == .basic ? UInt8(ascii: "\"") : UInt8(ascii: "'")) {
                    // An empty `""` or `''` may open a multi-line string: the third quote decides.
                    quotes = stringLength == 0 ? 1 : 0
                    state = .normal
                } else {
                    stringLength += 1
                }
            case .multilineBasic, .multilineLiteral:
                let quote = state == .multilineBasic ? UInt8(ascii: "\"") : UInt8(ascii: "'")
                if escaped {
                    escaped = false
                    quotes = 0
                } else if state == .multilineBasic, byte == UInt8(ascii: "\\") {
                    escaped = true
                    quotes = 0
                } else if byte == quote {
                    quotes += 1
                    if quotes == 3 {
                        state = .normal
                        quotes = 0
                    }
                } else {
                    quotes = 0
                }
            case .normal:
                return normal(byte)
            }
            return true
        }

        private mutating func normal(_ byte: UInt8) -> Bool {
            if quotes > 0 {
                // An empty string `""` just closed; a third quote makes it a multi-line opening.
                let previousQuote = quotes
                quotes = 0
                if previousQuote == 1, byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    state = byte == UInt8(ascii: "\"") ? .multilineBasic : .multilineLiteral
                    return true
                }
            }
            if headerBrackets > 0 {
                if byte == UInt8(ascii: "["), headerBrackets == 1 {
                    headerBrackets = 2
                } else if byte != UInt8(ascii: " "), byte != UInt8(ascii: "\t") {
                    headerBrackets = 0
                    guard Self.isKeyStart(byte) else {
                        problem = "a table header does not start with a key"
                        return false
                    }
                }
            }
            if atLineStart, byte != UInt8(ascii: " "), byte != UInt8(ascii: "\t") {
                atLineStart = false
                isHeader = byte == UInt8(ascii: "[") && brackets == 0
                if isHeader { headerBrackets = 1 }
            }
            switch byte {
            case 0x0A: endLine()
            case UInt8(ascii: "#"): state = .comment
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                state = byte == UInt8(ascii: "\"") ? .basic : .literal
                stringLength = 0
            case UInt8(ascii: "."): lineDots += 1
            case UInt8(ascii: "["), UInt8(ascii: "{"): open.append(byte)
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                guard let innermost = open.popLast() else { break }
                guard (innermost == UInt8(ascii: "[")) == (byte == UInt8(ascii: "]")) else {
                    problem = "its brackets and braces do not match"
                    return false
                }
            default: break
            }
            return headerDepth + lineDots + brackets <= TOMLReader.maximumDepth
        }

        /// A bare key's character or a quote.
        private static func isKeyStart(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "\""), UInt8(ascii: "'"): true
            default: false
            }
        }

        private mutating func endLine() {
            if isHeader { headerDepth = lineDots + 2 }
            state = state == .comment ? .normal : state
            lineDots = 0
            atLineStart = true
            isHeader = false
        }
    }
}
