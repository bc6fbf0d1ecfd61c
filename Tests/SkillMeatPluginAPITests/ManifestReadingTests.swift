import Foundation
import SkillMeatPluginAPI
import SkillMeatTestSupport
import Testing

@Suite struct ManifestReadingTests {
    @Test("the manifest JSON reader agrees with Foundation's decoder", arguments: [
        #"{"a": 1, "b": [true, false, null], "c": {"d": "e\"\\\/\n\u00e9\ud83d\ude00"}, "f": -1.5e3, "g": 0, "h": ""}"#,
        #"[]"#, #"{}"#, #"  "plain"  "#, #"[1, 2.0, -0.25, 12345678901]"#,
    ])
    func jsonAgrees(text: String) throws {
        #expect(try ManifestReading.parseJSON(Data(text.utf8)) == (try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))))
    }

    @Test("malformed JSON is refused", arguments: [#"{"a": }"#, #"{"a": 1,}"#, "[1 2]", #"{"a": "unterminated}"#, "tru", ""])
    func jsonRefused(text: String) {
        #expect(throws: (any Error).self) { try ManifestReading.parseJSON(Data(text.utf8)) }
    }

    @Test("a UTF-8 byte-order mark before JSON is tolerated")
    func jsonBOM() throws {
        #expect(try ManifestReading.parseJSON(Data([0xEF, 0xBB, 0xBF] + Array(#"{"a": 1}"#.utf8))) == .object(["a": .int(1)]))
    }

    @Test("frontmatter read for detection equals the full YAML reading", arguments: [
        "---\nname: pdf\ndescription: Work with PDFs\n---\nBody\n",
        "\u{FEFF}---\r\nname: pdf\r\ndescription: \"Quoted: text\"\r\nversion: 2\r\n---\r\nBody",
        "---\nname: x\ntools: [Read, Grep]\ndescription: >\n  folded\n  text\n---\n",
        "---\nname: x\ndescription: has: colon\n---\n",
        "---\nenabled: yes\nratio: 1.5\nempty:\n---\n",
        "---\nname: 'single'\nmodel: opus # comment\n---\nbody",
        "no frontmatter at all",
        "---\nname: -21risk-automation\ndescription: \"Automate tasks.\"\nrequires:\n  mcp: [rube]\n  level: 2\n---\n# Body",
        "---\nname: x\ntools:\n  - Read\n  - Grep\nallowed-tools:\n- Bash\nempty:\nnext: [a, 'b']\n---\n",
        "---\nname: x\nmetadata:\n  nested:\n    deeper: 1\n---\n",
        "---\rname: lone-cr\rdescription: old Mac line ends\r---\rbody\r",
        "---  \nname: spaced fences\n...\t\nbody",
        "\u{00A0}---\nname: not a fence\n---\n",
        "---\u{00A0}\nname: no-break space after the fence\n\u{2003}---\u{3000}\nbody",
        "----\nname: four dashes\n---\n",
        "---\nname: unclosed\n",
        "---", "---\n", "---\n---", "---\n---\n",
        "\u{FEFF}# no frontmatter\r\nbody",
        "---\nname: tools\n---\n---\nsecond block is body\n",
        "---\ntools:\n---\nbody",
        "---\nname: long\ndescription: \(String(repeating: "word ", count: 1500))\n---\nbody",
        "---\nname: \(String(repeating: "x", count: 4087))\n---\nfence right at the head's end",
        "---\nname: x\n---\n\(String(repeating: "body ", count: 2000))",
    ])
    func frontmatterAgrees(text: String) async throws {
        let tree = try SourceTree.inMemory(["a.md": text])
        let path = try RelativePath(validating: "a.md")
        let full = Frontmatter.parse(Data(text.utf8))
        let (read, _) = await ManifestReading.frontmatter(at: path, in: tree, pluginID: nil)
        #expect(read?.fields == full.fields)
        #expect(read?.isPresent == full.isPresent)
        #expect(read?.diagnostic == full.diagnostic)
        if full.isPresent { #expect(read?.body == full.body) }
        // Reading only the head gives the same fields, without the body.
        let (head, _) = await ManifestReading.frontmatter(at: path, in: tree, pluginID: nil, includingBody: false)
        #expect(head?.fields == full.fields)
        #expect(head?.isPresent == full.isPresent)
        #expect(head?.diagnostic == full.diagnostic)
        #expect(head?.body == "")
    }

    @Test("frontmatter parsing of bytes agrees with the text reading Swift strings give", arguments: [
        "---\nname: a\n---\nbody\n", "---\r\nname: a\r\n---\r\nbody", "# none\n", "---\nname: a\n",
        "\u{FEFF}---\nname: bom\n---\n", "---\n---\n", "  ---\nname: indented\n---\n",
    ])
    func frontmatterFromTextAndBytes(text: String) {
        let fromText = Frontmatter.parse(text)
        let fromBytes = Frontmatter.parse(Data(text.utf8))
        #expect(fromText == fromBytes)
        // The body is the text after the closing fence's line, line ends normalised.
        if fromText.isPresent {
            let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            let close = lines.indices.dropFirst().first { ["---", "..."].contains(lines[$0].trimmingCharacters(in: .whitespaces)) }
            #expect(fromText.body == close.map { lines[($0 + 1)...].joined(separator: "\n") })
        }
    }

    @Test("invalid UTF-8 in frontmatter and body is repaired, not fatal")
    func invalidUTF8() async throws {
        let bytes = Array("---\nname: caf".utf8) + [0xE9] + Array("\n---\nbody ".utf8) + [0xFF, 0x0A]
        let tree = SourceTree.inMemory(data: [try RelativePath(validating: "a.md"): Data(bytes)])
        let (read, _) = await ManifestReading.frontmatter(at: try RelativePath(validating: "a.md"), in: tree, pluginID: nil)
        #expect(read?.string("name") == "caf\u{FFFD}")
        #expect(read?.body == "body \u{FFFD}\n")
    }
}
