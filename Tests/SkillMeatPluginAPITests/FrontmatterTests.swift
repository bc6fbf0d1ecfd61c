import Foundation
import SkillMeatPluginAPI
import Testing

@Suite struct FrontmatterTests {
    @Test("reads fields and body")
    func plain() {
        let parsed = Frontmatter.parse("---\nname: pdf\ndescription: Work with PDFs\ntools: [Read, Grep]\n---\n# Body\n")
        #expect(parsed.isPresent)
        #expect(parsed.diagnostic == nil)
        #expect(parsed.string("name") == "pdf")
        #expect(parsed["tools"]?.stringList == ["Read", "Grep"])
        #expect(parsed.body == "# Body\n")
    }

    @Test("tolerates a byte-order mark and CRLF line ends")
    func bomAndCRLF() {
        let parsed = Frontmatter.parse(Data("\u{FEFF}---\r\nname: x\r\ndescription: y\r\n---\r\nbody\r\n".utf8))
        #expect(parsed.isPresent)
        #expect(parsed.string("name") == "x")
        #expect(parsed.string("description") == "y")
        #expect(parsed.body == "body\n")
    }

    @Test("broken YAML keeps the file, with a diagnostic and the top-level lines")
    func brokenYAML() {
        let text = "---\nname: reviewer\ndescription: Use when: the code changed: review it\n  and say so\ntools: Read, Grep\n---\nbody"
        let parsed = Frontmatter.parse(text)
        #expect(parsed.isPresent)
        #expect(parsed.diagnostic != nil)
        #expect(parsed.string("name") == "reviewer")
        #expect(parsed.string("description") == "Use when: the code changed: review it and say so")
        #expect(parsed["tools"]?.stringList == ["Read", "Grep"])
        #expect(parsed.body == "body")
    }

    @Test("no frontmatter, an unclosed block and a non-mapping are told apart")
    func absentOrOdd() {
        let none = Frontmatter.parse("# Title\n---\n")
        #expect(!none.isPresent && none.fields.isEmpty && none.diagnostic == nil)
        let unclosed = Frontmatter.parse("---\nname: x\n")
        #expect(!unclosed.isPresent && unclosed.diagnostic != nil)
        let list = Frontmatter.parse("---\n- a\n- b\n---\n")
        #expect(list.isPresent && list.diagnostic != nil && list.fields.isEmpty)
        let empty = Frontmatter.parse("---\n---\nbody")
        #expect(empty.isPresent && empty.fields.isEmpty && empty.body == "body")
    }

    @Test("quoted scalars stay text; plain ones take their YAML types")
    func scalarTypes() {
        let parsed = Frontmatter.parse("---\nversion: \"1.0\"\nnumber: 2\nflag: true\nnothing: ~\n---\n")
        #expect(parsed["version"] == .string("1.0"))
        #expect(parsed["number"] == .int(2))
        #expect(parsed["flag"] == .bool(true))
        #expect(parsed["nothing"] == .null)
    }

    @Test("metadata reads tools or allowed-tools and an author object")
    func metadata() {
        let parsed = Frontmatter.parse("---\ndescription: d\nallowed-tools: Bash(git:*) Read\nauthor:\n  name: Ada\nlicense: MIT\ntags: [a, b]\n---\n")
        let metadata = ArtifactMetadata(frontmatter: parsed)
        #expect(metadata.tools == ["Bash(git:*)", "Read"])
        #expect(metadata.author == "Ada")
        #expect(metadata.license == "MIT")
        #expect(metadata.tags == ["a", "b"])
    }
}
