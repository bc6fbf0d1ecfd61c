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
    ])
    func frontmatterAgrees(text: String) async throws {
        let tree = try SourceTree.inMemory(["a.md": text])
        let (read, _) = await ManifestReading.frontmatter(at: try RelativePath(validating: "a.md"), in: tree, pluginID: nil)
        let full = Frontmatter.parse(Data(text.utf8))
        #expect(read?.fields == full.fields)
        #expect(read?.isPresent == full.isPresent)
        if full.isPresent { #expect(read?.body == full.body) }
    }
}
