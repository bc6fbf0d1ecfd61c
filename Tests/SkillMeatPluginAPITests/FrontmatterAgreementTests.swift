import Foundation
import SkillMeatPluginAPI
import SkillMeatTestSupport
import Testing

/// The fast reader detection uses (`ManifestReading.frontmatter`) must give exactly what the YAML parser
/// gives (`Frontmatter.parse`): every scalar form, every block shape it claims to handle.
@Suite struct FrontmatterAgreementTests {
    static let scalars = [
        // Integers in every YAML spelling: only plain decimal is read without the YAML parser.
        "010", "0", "00", "-0", "+1", "+010", "-010", "0x1F", "0X1F", "0o17", "0O17", "0b101", "1_000", "-1_000",
        "12", "-12", "9223372036854775807", "9223372036854775808", "-9223372036854775808", "190:20:30",
        // Floats and the special values.
        "1.5", ".5", "1.", "1e3", "1E3", "-1.5e-3", "1_0.5", ".inf", "-.inf", "+.inf", ".Inf", ".INF", ".nan", ".NaN",
        ".NAN", "inf", "nan", "1.0e+3",
        // Null and booleans in every case YAML 1.1 and 1.2 know.
        "~", "null", "Null", "NULL", "nULL", "true", "True", "TRUE", "tRUE", "false", "yes", "Yes", "YES", "no", "No",
        "on", "On", "off", "OFF", "y", "Y", "n", "N",
        // Quoted strings, escapes and quotes inside.
        "\"010\"", "'010'", "\"\"", "''", "'it''s'", "\"say \\\"hi\\\"\"", "\"tab\\there\"", "'a\"b'", "\"a'b\"",
        "\"unterminated", "'unterminated", "\"a\" trailing",
        // Dates and times.
        "2024-01-15", "2024-01-15T10:30:00Z", "2024-01-15 10:30:00", "2024-1-5", "10:30",
        // Indicators, comments and white space.
        "- item", "-item", "? key", "?key", ": x", ":x", ", x", ",x", "] x", "} x", "a, b", "a ,b", "x #comment", "x\t#tab comment",
        "x#not-comment", "a: b", "a:\tb", "a:b", "a:", "&anchor value", "*alias", "!tag value", "!!str 1", "%x", "@x", "`x",
        "|", ">", "|-", "[a, b]", "[a, 010, true, ~]", "[a, [b]]", "[a,]", "[]", "[ ]", "[a, 'b']", "[\"a\", b]", "{a: 1}", "{}",
        "\u{00A0}x", "x\u{00A0}", "x\u{3000}", "\u{2028}x", "a\u{0007}b", "a\u{007F}b", "\u{FEFF}x", "caf\u{00E9}",
        "a  b", "x y z", "=", "<<", "null value", "true story", "1 2",
    ]

    @Test("every scalar form reads the same on the fast path as in YAML", arguments: scalars)
    func scalar(value: String) async throws {
        try await expectAgreement("---\nname: x\nvalue: \(value)\n---\nbody\n")
        try await expectAgreement("---\nvalue:\n  - \(value)\n---\n")
        try await expectAgreement("---\nvalue:\n  inner: \(value)\n---\n")
        try await expectAgreement("---\nvalue: [\(value)]\n---\n")
        try await expectAgreement("---\n\(value): key\n---\n")
    }

    @Test("block lists and maps read the same on both paths", arguments: [
        "---\nlist:\n- a\n  - b\n---\n", "---\nlist:\n  - a\n    - b\n---\n", "---\nlist:\n  - a\n - b\n---\n",
        "---\nmap:\n  a: 1\n   b: 2\n---\n", "---\nmap:\n   a: 1\n  b: 2\n---\n", "---\nmap:\n\ta: 1\n---\n",
        "---\nmap:\n  a: 1\n  - b\n---\n", "---\nlist:\n  - a\n  b: 1\n---\n", "---\nlist:\n  -\n---\n",
        "---\nlist:\n  - a\n\n  - b\n---\n", "---\nkey: value\n  continued\n---\n", "---\nkey: 1\nkey: 2\n---\n",
        "---\n# comment\nkey: v # c\n  # indented comment\n---\n", "---\nkey:    \n---\n", "---\nkey:\t1\n---\n",
        "---\nkey\t: 1\n---\n", "---\n key: 1\n---\n", "---\nkey: &a 1\nother: *a\n---\n", "---\n? key\n: value\n---\n",
        "---\nlist:\n  - - a\n---\n", "---\nmap:\n  a:\n---\n", "---\nlist:\n  - a: 1\n---\n",
    ])
    func blocks(text: String) async throws {
        try await expectAgreement(text)
    }

    @Test("generated flat frontmatter reads the same on both paths", arguments: [UInt64(1), 2, 3, 4])
    func generated(seed: UInt64) async throws {
        var random = SeededGenerator(seed: seed)
        let pieces = Self.scalars + ["a", "b c", "Read, Grep", "  ", "\t", "#", ":", "-", "'", "\"", "[", "]", "\n  ", "\n- ", "\n  k: "]
        for _ in 0..<300 {
            var lines: [String] = []
            for index in 0..<Int.random(in: 1...4, using: &random) {
                let value = (0..<Int.random(in: 0...3, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
                lines.append("k\(index):\(Bool.random(using: &random) ? " " : "")\(value)")
            }
            try await expectAgreement("---\n" + lines.joined(separator: "\n") + "\n---\n")
        }
    }

    /// Equality in which NaN equals NaN (`.nan` reads as NaN on both paths).
    static func same(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.double(let left), .double(let right)): left == right || (left.isNaN && right.isNaN)
        case (.array(let left), .array(let right)): left.count == right.count && zip(left, right).allSatisfy { same($0, $1) }
        case (.object(let left), .object(let right)): left.keys == right.keys && left.allSatisfy { key, value in right[key].map { same(value, $0) } ?? false }
        default: lhs == rhs
        }
    }

    private func expectAgreement(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let full = Frontmatter.parse(Data(text.utf8))
        let tree = try SourceTree.inMemory(["a.md": text])
        let (fast, _) = await ManifestReading.frontmatter(at: try RelativePath(validating: "a.md"), in: tree, pluginID: nil, includingBody: false)
        #expect(fast.map { Self.same(.object($0.fields), .object(full.fields)) } == true,
                "\(text.debugDescription): \(String(reflecting: fast?.fields)) vs \(String(reflecting: full.fields))", sourceLocation: sourceLocation)
        #expect(fast?.diagnostic == full.diagnostic, "\(text.debugDescription)", sourceLocation: sourceLocation)
    }
}
