extension String {
    /// `trimmingCharacters(in: .whitespaces)` (Unicode space separators and tab) without Foundation,
    /// whose version bridges every string to UTF-16; frontmatter reading trims every line it reads.
    package func trimmingSpaces() -> String {
        self[...].trimmingSpaces()
    }

    /// `trimmingCharacters(in: .whitespacesAndNewlines)` without Foundation.
    package func trimmingSpacesAndNewlines() -> String {
        self[...].trimmingSpacesAndNewlines()
    }
}

extension Substring {
    /// `trimmingCharacters(in: .whitespaces)` without Foundation.
    package func trimmingSpaces() -> String {
        trimming(where: \.isSpaceOrTab)
    }

    /// `trimmingCharacters(in: .whitespacesAndNewlines)` without Foundation.
    package func trimmingSpacesAndNewlines() -> String {
        trimming { scalar in
            switch scalar.value {
            case 0x0A...0x0D, 0x85, 0x2028, 0x2029: true
            default: scalar.isSpaceOrTab
            }
        }
    }

    private func trimming(where isTrimmed: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, isTrimmed(scalars[start]) { start = scalars.index(after: start) }
        while start < end {
            let before = scalars.index(before: end)
            guard isTrimmed(scalars[before]) else { break }
            end = before
        }
        // Through the scalar view: a string slice would round to character boundaries, keeping a
        // trimmed space that a combining mark follows.
        return String(scalars[start..<end])
    }
}

extension StringProtocol {
    /// Whether the UTF-8 bytes of `needle` occur in the string: a literal search without Foundation.
    /// It can only find more than Foundation's canonical-equivalence search (a match that is followed by
    /// a combining mark), never less.
    package func utf8Contains(_ needle: String) -> Bool {
        let pattern = Array(needle.utf8)
        guard let first = pattern.first else { return true }
        let bytes = utf8
        var index = bytes.startIndex
        while let found = bytes[index...].firstIndex(of: first) {
            if bytes[found...].starts(with: pattern) { return true }
            index = bytes.index(after: found)
        }
        return false
    }
}

extension Unicode.Scalar {
    /// A member of Foundation's `CharacterSet.whitespaces`: a Unicode space separator, tab, or the
    /// zero-width space Foundation counts too.
    package var isSpaceOrTab: Bool {
        if isASCII { return self == " " || self == "\t" }
        return value == 0x200B || properties.generalCategory == .spaceSeparator
    }
}
