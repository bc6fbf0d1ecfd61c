import Foundation
import SkillMeatPluginAPI
import Testing

/// `JSONValue.parse` is SkillMeat's own reader; Foundation's decoder is the reference it must agree with,
/// on what it accepts and on the value it produces.
@Suite struct JSONParsingTests {
    static func foundation(_ data: Data) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: data)
    }

    static let nested = String(repeating: "[", count: 200) + "1" + String(repeating: "]", count: 200)
    static let tooDeep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)

    @Test("valid JSON reads as Foundation reads it", arguments: [
        #"{"a": 1, "b": [true, false, null], "c": {"d": "e"}, "h": ""}"#,
        #""\"\\\/\b\f\n\r\t""#,
        #""\u0000 \u001f \u00e9 \u20ac \uFFFD""#,
        #""\ud83d\ude00 and \uD834\uDD1E""#,
        #""raw é 😀 中文""#,
        #"[0, -0, 1.5, -1.5e3, 1E2, 1e-2, 2.0, 0.1, 123.456e-7, 1e308, -2.5E+3]"#,
        #"[12345678901, 9223372036854775807, -9223372036854775808, 9223372036854775808, 18446744073709551616]"#,
        #" { "spaced" : [ 1 , 2 ] } "#,
        "\t\r\n[\n1\n]\n",
        #""plain""#, "true", "null", "-7",
        nested,
    ])
    func agrees(text: String) throws {
        let data = Data(text.utf8)
        #expect(try JSONValue.parse(data) == (try Self.foundation(data)))
    }

    @Test("invalid JSON is refused, as Foundation refuses it", arguments: [
        #"{"a": }"#, "[1 2]", #"{"a" 1}"#, #"{a: 1}"#, "{'a': 1}",
        "01", "-01", "1.", ".5", "+1", "-", "1e", "1e+", "NaN", "Infinity", "-Infinity", "1e400", "0x10",
        #""\ud800""#, #""\udc00""#, #""\ud800\u0041""#, #""\x""#, #""\u12""#, "\"a\tb\"", #""unterminated"#,
        "// comment\n{}", "/* c */ {}", "tru", "nul", "", "   ", "[", "{", "{} {}", "[1]]",
        tooDeep,
    ])
    func refused(text: String) {
        let data = Data(text.utf8)
        #expect(throws: (any Error).self) { try JSONValue.parse(data) }
        #expect(throws: (any Error).self) { try Self.foundation(data) }
    }

    // Two deliberate differences, both where RFC 8259 leaves Foundation room: trailing commas are
    // refused (Foundation on Linux tolerates them; Node's JSON.parse, which the agents' own tools use,
    // does not), and of duplicate keys the last wins (as in JSON.parse; Foundation keeps the first).

    @Test("a trailing comma is refused", arguments: [#"{"a": 1,}"#, "[1,]", #"{"a": [1, 2,]}"#])
    func trailingComma(text: String) {
        #expect(throws: (any Error).self) { try JSONValue.parse(Data(text.utf8)) }
    }

    @Test("of duplicate keys the last wins")
    func duplicateKeys() throws {
        #expect(try JSONValue.parse(Data(#"{"dup": 1, "dup": 2}"#.utf8)) == .object(["dup": .int(2)]))
    }

    @Test("invalid UTF-8 inside a string is refused, not repaired")
    func invalidUTF8() {
        let data = Data([UInt8(ascii: "\""), 0xFF, 0xFE, UInt8(ascii: "\"")])
        #expect(throws: (any Error).self) { try JSONValue.parse(data) }
        #expect(throws: (any Error).self) { try Self.foundation(data) }
    }

    @Test("a UTF-8 byte-order mark is skipped")
    func byteOrderMark() throws {
        #expect(try JSONValue.parse(Data([0xEF, 0xBB, 0xBF] + Array(#"{"a": 1}"#.utf8))) == .object(["a": .int(1)]))
    }

    @Test("an error names the byte where reading stopped")
    func errorOffset() {
        #expect {
            try JSONValue.parse(Data(#"{"a": 1,}"#.utf8))
        } throws: { error in
            String(describing: error).contains("at byte 8")
        }
    }

    @Test("canonical output reads back to the same value")
    func roundTrip() throws {
        let value: JSONValue = .object(["s": .string("q\"\\\n😀"), "n": .array([.int(-3), .double(0.5), .null, .bool(true)])])
        #expect(try JSONValue.parse(value.canonicalData()) == value)
    }
}
