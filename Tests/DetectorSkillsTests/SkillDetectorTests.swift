import DetectorSkills
import SkillMeatPluginAPI
import SkillMeatTestSupport
import Testing

@Suite struct SkillDetectorTests {
    static func detect(_ files: [String: String]) async throws -> DetectionResult {
        await SkillDetector(context: .testing("detector/skills")).detect(DetectionInput(tree: try .inMemory(files)))
    }

    @Test("which folders are skills", arguments: [
        (["skills/pdf/SKILL.md": "---\nname: pdf\ndescription: PDFs\n---\n"], ["skills/pdf"]),
        (["deep/a/b/SKILL.md": "no frontmatter"], ["deep/a/b"]),
        (["template/SKILL.md": "---\nname: template-skill\n---\n", "template-skill/SKILL.md": "x"], []),
        (["examples/demo/SKILL.md": "x"], []),
        (["skills/zoom/SKILL.md": "x", "skills/zoom/android/SKILL.md": "nested", "skills/zoom/A/SKILL.md": "nested"], ["skills/zoom"]),
        (["skills/fastapi-templates/SKILL.md": "---\nname: fastapi-templates\ndescription: d\n---\n"], ["skills/fastapi-templates"]),
        (["README.md": "# skills", "skills/README.md": "x"], []),
    ])
    func skillFolders(files: [String: String], expected: [String]) async throws {
        let result = try await Self.detect(files)
        #expect(result.artifacts.map(\.path.string) == expected)
    }

    @Test("a skill's files, name and metadata come from its folder and frontmatter, BOM and CRLF included")
    func skillContents() async throws {
        let result = try await Self.detect([
            "skills/pdf/SKILL.md": "\u{FEFF}---\r\nname: pdf\r\ndescription: Work with PDFs\r\n---\r\nBody\r\n",
            "skills/pdf/references/forms.md": "ref",
            "skills/pdf/agents/grader.md": "prompt",
        ])
        let skill = try #require(result.artifacts.first)
        #expect(skill.name == "pdf")
        #expect(skill.metadata.description == "Work with PDFs")
        #expect(skill.files.map(\.string) == ["skills/pdf/SKILL.md", "skills/pdf/agents/grader.md", "skills/pdf/references/forms.md"])
        #expect(skill.confidence >= 90)
    }

    @Test("skills declared by a strict:false marketplace entry rank highest, and a broken plugin.json is a diagnostic")
    func declaredSkills() async throws {
        let result = try await Self.detect([
            ".claude-plugin/marketplace.json": #"{"plugins": [{"name": "docs", "source": "./", "strict": false, "skills": ["./skills/xlsx"]}]}"#,
            "skills/xlsx/SKILL.md": "x",
            "other/.claude-plugin/plugin.json": "{ not json",
            "other/skills/y/SKILL.md": "---\nname: y\ndescription: [unclosed\n---\n",
        ])
        #expect(result.artifacts.map(\.path.string) == ["other/skills/y", "skills/xlsx"])
        #expect(result.artifacts.last?.confidence == DetectionConfidence.declared - 10)
        #expect(result.artifacts.last?.reasons.first?.contains("marketplace.json") == true)
        #expect(result.diagnostics.contains { $0.path == "other/.claude-plugin/plugin.json" })
        #expect(result.diagnostics.contains { $0.path == "other/skills/y/SKILL.md" })
    }
}

@Suite struct RootSkillTests {
    @Test("a SKILL.md with name and description at the repository root makes the repository a skill, without absorbing the rest")
    func rootSkill() async throws {
        let tree = try SourceTree.inMemory([
            "SKILL.md": "---\nname: agent-mail\ndescription: Mail for agents.\n---\n",
            "skills/other/SKILL.md": "---\nname: other\ndescription: Other.\n---\n",
            "README.md": "# Mail\n",
        ])
        let result = await SkillDetector(context: .testing("detector/skills")).detect(DetectionInput(tree: tree))
        #expect(result.artifacts.map { "\($0.path.string)=\($0.name)" } == ["skills/other=other", "=agent-mail"])
        // A root SKILL.md without frontmatter is a document about skills, not a skill.
        let plain = await SkillDetector(context: .testing("detector/skills")).detect(DetectionInput(tree: try .inMemory(["SKILL.md": "# About skills\n"])))
        #expect(plain.artifacts.isEmpty)
    }
}
