import Foundation
import SkillMeatPluginAPI
import Testing

/// The native trimming and searching helpers stand in for Foundation's in hot loops; they must trim the
/// same characters.
@Suite struct StringTrimmingTests {
    /// Every scalar of the Basic Multilingual Plane outside the surrogate block.
    static let scalars: [Unicode.Scalar] = (0..<0x10000).compactMap { Unicode.Scalar(UInt32($0)) }

    @Test("trimmingSpaces trims exactly CharacterSet.whitespaces")
    func spaces() {
        for scalar in Self.scalars {
            let text = "\(scalar)x\(scalar)"
            #expect(text.trimmingSpaces() == text.trimmingCharacters(in: .whitespaces), "U+\(String(scalar.value, radix: 16))")
        }
    }

    @Test("trimmingSpacesAndNewlines trims exactly CharacterSet.whitespacesAndNewlines")
    func spacesAndNewlines() {
        for scalar in Self.scalars {
            let text = "\(scalar)x\(scalar)"
            #expect(text.trimmingSpacesAndNewlines() == text.trimmingCharacters(in: .whitespacesAndNewlines), "U+\(String(scalar.value, radix: 16))")
        }
    }

    @Test("trimming keeps inner white space and handles empty and all-space strings", arguments: [
        "", " ", "\t \t", "  a b  ", "\u{00A0}é\u{2003}", "a\u{0301} ", " \u{0301}a",
    ])
    func edges(text: String) {
        #expect(text.trimmingSpaces() == text.trimmingCharacters(in: .whitespaces))
        #expect(text.trimmingSpacesAndNewlines() == text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test("utf8Contains finds ASCII needles as Foundation does", arguments: [
        ("a: b", ": "), ("a:b", ": "), ("x #y", " #"), ("", "a"), ("aaab", "aab"), ("run $ARGUMENTS now", "$ARGUMENTS"), ("é: x", ": "),
    ])
    func contains(text: String, needle: String) {
        #expect(text.utf8Contains(needle) == text.contains(needle))
    }
}
