import Foundation
import SkillMeatCore
import SkillMeatPluginAPI
import SkillMeatTestSupport
import Testing

/// A detector that reports fixed claims after reading the files it names.
struct FixedDetector: ArtifactDetector {
    let artifactType: ArtifactType
    var claims: [DetectedArtifact] = []
    var reads: [RelativePath] = []

    init(context: PluginContext) { artifactType = .skill }

    init(_ type: ArtifactType, claims: [DetectedArtifact], reads: [RelativePath] = []) {
        artifactType = type
        self.claims = claims
        self.reads = reads
    }

    func detect(_ input: DetectionInput) async -> DetectionResult {
        for path in reads { _ = try? await input.tree.contents(of: path) }
        return DetectionResult(artifacts: claims, diagnostics: [Diagnostic(.info, path: "x", "seen")])
    }
}

/// Counts the reads that reach it.
actor CountingReader: SourceContentReader {
    private(set) var count = 0
    func contents(of path: RelativePath) async throws -> Data {
        count += 1
        return Data(path.string.utf8)
    }
}

@Suite struct ArtifactScannerTests {
    static func path(_ text: String) -> RelativePath { (try? RelativePath(validating: text)) ?? .root }

    static func claim(_ type: ArtifactType, _ path: String, name: String? = nil, confidence: Int = 80) -> DetectedArtifact {
        DetectedArtifact(type: type, name: name ?? Self.path(path).stem ?? "x", path: Self.path(path), confidence: confidence,
                         reasons: ["\(type) at \(path) (\(confidence))"], files: [Self.path(path)])
    }

    static let tree = (try? SourceTree.inMemory([
        "skills/pdf/SKILL.md": "x", "skills/pdf/agents/grader.md": "x", "commands/a.md": "x", "agents/b.md": "x", "tools/c.md": "x",
    ])) ?? SourceTree.inMemory(data: [:])

    @Test("files inside a skill folder belong to the skill, not to other artifacts")
    func insideSkill() async {
        let scanner = ArtifactScanner(detectors: [
            FixedDetector(.skill, claims: [Self.claim(.skill, "skills/pdf")]),
            FixedDetector(.agent, claims: [Self.claim(.agent, "skills/pdf/agents/grader.md"), Self.claim(.agent, "agents/b.md")]),
        ])
        let result = await scanner.scan(Self.tree)
        #expect(result.artifacts.map(\.path.string) == ["skills/pdf", "agents/b.md"])
        #expect(result.artifacts.first?.files.contains(Self.path("skills/pdf/agents/grader.md")) == true)
    }

    @Test("one artifact per thing: a double claim keeps the more confident one with both reasons")
    func duplicates() async {
        let scanner = ArtifactScanner(detectors: [
            FixedDetector(.command, claims: [Self.claim(.command, "commands/a.md", confidence: 60), Self.claim(.command, "commands/a.md", confidence: 95)]),
            FixedDetector(.agent, claims: [Self.claim(.agent, "commands/a.md", name: "a-agent", confidence: 70)]),
            FixedDetector(.mcpServer, claims: [Self.claim(.mcpServer, ".mcp.json", name: "x"), Self.claim(.mcpServer, ".mcp.json", name: "y")]),
        ])
        let result = await scanner.scan(Self.tree)
        #expect(result.artifacts.map { "\($0.type) \($0.path) \($0.name)" } == ["command commands/a.md a", "mcp_server .mcp.json x", "mcp_server .mcp.json y"])
        #expect(result.artifacts.first?.confidence == 95)
        #expect(result.artifacts.first?.reasons.count == 2)
        #expect(result.diagnostics.count == 1)
    }

    @Test("the manual map overrides detection for the paths it names")
    func manualMap() async {
        let scanner = ArtifactScanner(detectors: [
            FixedDetector(.agent, claims: [Self.claim(.agent, "agents/b.md")]),
            FixedDetector(.command, claims: [Self.claim(.command, "commands/a.md")]),
        ])
        let result = await scanner.scan(Self.tree, manualMap: [Self.path("agents/b.md"): .command, Self.path("tools/c.md"): .command,
                                                              Self.path("commands/a.md"): .command])
        #expect(result.artifacts.map { "\($0.type) \($0.path) \($0.confidence)" } == [
            "command agents/b.md 100", "command commands/a.md 100", "command tools/c.md 100",
        ])
    }

    @Test("a file several detectors read is read once")
    func readsOnce() async throws {
        let reader = CountingReader()
        let file = Self.path("shared.json")
        let tree = SourceTree(reference: SourceReference(location: "memory"), commit: nil, providerID: "source/memory",
                              entries: [SourceTreeEntry(path: file, blobID: "1", size: 1)], reader: reader)
        let detectors = (0..<6).map { _ in FixedDetector(.hook, claims: [], reads: [file, file]) }
        _ = await ArtifactScanner(detectors: detectors, maxConcurrentDetectors: 3).scan(tree)
        #expect(await reader.count == 1)
    }
}
