import Foundation
import SkillMeatPluginAPI
import SkillMeatTestSupport
import Testing

@Suite struct TreeAnalysisTests {
    static let files: [String: String] = [
        "a/b/SKILL.md": "---\nname: b\n---\n",
        "a/b/notes.md": "inside skill b",
        "a/b-c/guide.md": "sorts before a/b/ although a/b < a/b-c",
        "a/b-c/SKILL.md": "---\nname: b-c\n---\n",
        "a/b.md": "outside",
        "a/bc/readme.md": "outside",
        "z.MD": "outside, upper-case extension",
        ".md": "no stem: not markdown",
        "x/y.mdx": "not markdown",
        "plugins/p/.claude-plugin/plugin.json": #"{"name": "p"}"#,
        "plugins/p/commands/run.md": "outside",
    ]

    @Test("markdown outside skills is exactly what a per-file ancestor check finds")
    func markdownOutsideSkills() async throws {
        let tree = try SourceTree.inMemory(Self.files)
        let analysis = await TreeAnalysis.build(tree)
        let expected = tree.entries.filter {
            ArtifactConventions.isMarkdown($0.path) && analysis.skills.enclosingSkill(of: $0.path) == nil
        }.map(\.path.string)
        #expect(analysis.markdownOutsideSkills.map(\.path.string) == expected)
        #expect(Set(expected) == ["a/b.md", "a/bc/readme.md", "z.MD", "plugins/p/commands/run.md"])
        #expect(analysis.layout.plugin(at: try RelativePath(validating: "plugins/p"))?.name == "p")
    }

    @Test("entries below a folder are found without taking folders that merely share its prefix")
    func entriesUnder() throws {
        let tree = try SourceTree.inMemory(Self.files)
        #expect(tree.entries(under: try RelativePath(validating: "a/b")).map(\.path.string) == ["a/b/SKILL.md", "a/b/notes.md"])
        #expect(tree.entries(under: try RelativePath(validating: "a/b-c")).count == 2)
        #expect(tree.entries(under: try RelativePath(validating: "a")).count == 6)
        #expect(tree.entries(under: try RelativePath(validating: "a/b.md")).isEmpty)
        #expect(tree.isDirectory(try RelativePath(validating: "a/bc")))
        #expect(!tree.isDirectory(try RelativePath(validating: "a/b.md")))
        #expect(!tree.isDirectory(try RelativePath(validating: "a/bb")))
        #expect(tree.entries(under: .root).count == tree.entries.count)
    }

    @Test("a file's head is its first bytes, or all of a shorter file")
    func prefix() async throws {
        let tree = try SourceTree.inMemory(["a.md": "0123456789"])
        let path = try RelativePath(validating: "a.md")
        #expect(try await tree.prefix(of: path, maxBytes: 4) == Data("0123".utf8))
        #expect(try await tree.prefix(of: path, maxBytes: 100) == Data("0123456789".utf8))
        await #expect(throws: PluginError.self) { try await tree.prefix(of: try RelativePath(validating: "b.md"), maxBytes: 4) }
    }

    @Test("paths compare, hash and sort by their text, byte-wise")
    func pathIdentity() throws {
        let a = try RelativePath(validating: "./a//b/")
        let b = try RelativePath(validating: "a/b")
        #expect(a == b)
        #expect(Set([a, b]).count == 1)
        #expect(a.components == ["a", "b"])
        let sorted = try ["a/b", "a/b-c", "a/b/c", "A", "é", "a"].map { try RelativePath(validating: $0) }.sorted().map(\.string)
        #expect(sorted == ["A", "a", "a/b", "a/b-c", "a/b/c", "é"])
    }
}
