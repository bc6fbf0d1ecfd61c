import Foundation
import SkillMeatPluginAPI
import SkillMeatTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Frontmatter and JSON from repositories are untrusted: whatever they hold, reading them ends quickly,
/// in memory proportional to their size, with a diagnostic or an error rather than a crash.
@Suite struct HostileInputTests {
    /// Each input is answered well within this; the failures it guards against take minutes or never end.
    static let timeBound: Duration = .seconds(5)

    /// The classic "billion laughs": each level refers twice to the one before it.
    static func aliasBomb(levels: Int, width: Int = 9) -> String {
        var lines = ["name: bomb", "a0: &a0 [\"lol\"]"]
        for level in 1..<levels {
            lines.append("a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: width).joined(separator: ", ") + "]")
        }
        return "---\n" + lines.joined(separator: "\n") + "\n---\nbody\n"
    }

    @Test("a YAML alias bomb in frontmatter is a diagnostic on both reading paths, its other fields kept")
    func aliasBombs() async throws {
        for text in [Self.aliasBomb(levels: 12), Self.aliasBomb(levels: 30, width: 2), "---\nname: x\nbase: &b {k: v}\n? *b\n: 1\n---\n"] {
            let (full, fast) = try await readBothWays(text)
            #expect(full.diagnostic?.contains("anchors and aliases") == true)
            #expect(fast.diagnostic == full.diagnostic)
            #expect(full.string("name") == "bomb" || full.string("name") == "x")
        }
    }

    @Test("frontmatter nested deeper than the bound is a diagnostic, not a stack overflow", arguments: [
        "k: " + String(repeating: "[", count: 100_000), "k: " + String(repeating: "{a: ", count: 50_000),
        String(repeating: "- ", count: 30_000) + "x", String(repeating: "? ", count: 30_000) + "x",
        (0..<300).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\n"),
    ])
    func deepNesting(yaml: String) async throws {
        let (full, fast) = try await readBothWays("---\n\(yaml)\n---\n")
        #expect(full.diagnostic?.contains("nests deeper than") == true || full.diagnostic?.contains("not closed within") == true)
        #expect(fast.diagnostic == full.diagnostic)
    }

    @Test("frontmatter that nests as deep as real files do is read as before")
    func ordinaryNesting() async throws {
        let (full, fast) = try await readBothWays("---\nname: x\nmetadata:\n  author:\n    name: a\n  tags: [[a, b], {c: d}]\nlist:\n  - - a\n    - b\nrule: --------------------------------------------------------------------------------------------------------------------------------------------------\n---\n")
        #expect(full.diagnostic == nil)
        #expect(fast.fields == full.fields)
        #expect(full["metadata"]?["author"]?["name"] == .string("a"))
    }

    @Test("a block that does not close within 64 KiB is not read, whether it closes later or never")
    func oversizedBlock() async throws {
        let lines = String(repeating: "key: a fairly long value to fill the block\n", count: 2_000)
        for text in ["---\nname: x\n\(lines)---\nbody", "---\nname: x\n\(lines)", "\u{FEFF}---\r\nname: x\r\n\(lines.replacingOccurrences(of: "\n", with: "\r\n"))---\r\n"] {
            let (full, fast) = try await readBothWays(text)
            #expect(full.diagnostic?.contains("not closed within its first 64 KiB") == true)
            #expect(full.fields.isEmpty)
            #expect(fast.diagnostic == full.diagnostic)
        }
        // Just under the bound it is read.
        let fitting = "---\n" + String(repeating: "k: v\n", count: 60 * 1024 / 5) + "name: x\n---\n"
        let (full, fast) = try await readBothWays(fitting)
        #expect(full.string("name") == "x")
        #expect(fast.fields == full.fields)
    }

    @Test("JSON nested, numbers and strings of hostile size are refused or read in bounded time", arguments: [
        String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000),
        String(repeating: "{\"a\":", count: 100_000) + "1" + String(repeating: "}", count: 100_000),
        "[" + String(repeating: "9", count: 1_000_000) + "]", "0." + String(repeating: "0", count: 5_000) + "1",
        "\"" + String(repeating: "\\u0041", count: 200_000) + "\"",
    ])
    func hostileJSON(text: String) throws {
        let data = Data(text.utf8)
        let elapsed = try ContinuousClock().measure {
            if let value = try? JSONValue.parse(data) { #expect(Self.nodeCount(value) <= data.count) }
        }
        #expect(elapsed < Self.timeBound)
    }

    @Test("JSON nested up to the bound is read, past it refused")
    func jsonDepthBound() async throws {
        // Read on a task, as detectors do, whose thread has the smaller stack.
        let deepest = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        let value = try await Task { try JSONValue.parse(Data(deepest.utf8)) }.value
        #expect(Self.nodeCount(value) == 512)
        #expect(throws: (any Error).self) { try JSONValue.parse(Data(("[" + deepest + "]").utf8)) }
    }

    @Test("a manifest or markdown file over the size bound is skipped with a diagnostic")
    func oversizedFiles() async throws {
        let big = String(repeating: " ", count: ManifestReading.maximumFileBytes) + "{}"
        let tree = try SourceTree.inMemory(["plugin.json": big, "a.md": "---\nname: x\n---\n" + big])
        guard case .failed(let diagnostic) = await ManifestReading.json(at: try RelativePath(validating: "plugin.json"), in: tree, pluginID: nil, purpose: "the plugin") else {
            Issue.record("an oversized manifest was parsed")
            return
        }
        #expect(diagnostic.message.contains("larger than 8 MiB"))
        let (whole, wholeDiagnostic) = await ManifestReading.frontmatter(at: try RelativePath(validating: "a.md"), in: tree, pluginID: nil)
        #expect(whole == nil)
        #expect(wholeDiagnostic?.message.contains("larger than 8 MiB") == true)
        // Its frontmatter alone is still read from the file's head.
        let (head, _) = await ManifestReading.frontmatter(at: try RelativePath(validating: "a.md"), in: tree, pluginID: nil, includingBody: false)
        #expect(head?.string("name") == "x")
    }

    @Test("generated hostile frontmatter and JSON end in bounded time and memory", arguments: [UInt64(11), 12, 13, 14])
    func generated(seed: UInt64) async throws {
        var random = SeededGenerator(seed: seed)
        let residentBefore = Self.peakResidentBytes()
        for _ in 0..<40 {
            let yaml = Self.hostileYAML(using: &random)
            let text = "---\n\(yaml)\n---\nbody"
            let elapsed = try await ContinuousClock().measure {
                let (full, fast) = try await readBothWays(text)
                #expect(Self.nodeCount(.object(full.fields)) <= text.utf8.count + 1)
                #expect(fast.diagnostic == full.diagnostic)
            }
            #expect(elapsed < Self.timeBound, "\(yaml.prefix(200).debugDescription)")
            let json = Data(Self.hostileJSON(using: &random).utf8)
            let jsonElapsed = ContinuousClock().measure {
                if let value = try? JSONValue.parse(json) { #expect(Self.nodeCount(value) <= json.count) }
            }
            #expect(jsonElapsed < Self.timeBound)
        }
        // The inputs are at most a few MiB; a bomb that expanded would take gigabytes.
        #expect(Self.peakResidentBytes() - residentBefore < 1 << 30)
    }

    // MARK: Generators

    static func hostileYAML(using random: inout SeededGenerator) -> String {
        let depth = Int.random(in: 1...200_000, using: &random)
        switch Int.random(in: 0..<8, using: &random) {
        case 0: return aliasBomb(levels: Int.random(in: 2...40, using: &random), width: Int.random(in: 2...10, using: &random))
        case 1: return "k: " + String(repeating: ["[", "{a: ", "[{b: "].randomElement(using: &random)!, count: depth)
        case 2: return String(repeating: ["- ", "? ", "- - ", "a:\n "].randomElement(using: &random)!, count: depth % 50_000) + "x"
        case 3: return "name: x\ndescription: " + String(repeating: "word ", count: depth % 20_000)
        case 4: return String(decoding: (0..<Int.random(in: 1...70_000, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }, as: UTF8.self)
        case 5: return (0..<Int.random(in: 1...2_000, using: &random)).map { _ in ["&a ", "*a ", "[", "]", "{", "}", ": ", "- ", "\n", "  ", "'", "\"", "#", "!", "|", ">", "k", "010", "~", "\t"].randomElement(using: &random)! }.joined()
        case 6: return (0..<Int.random(in: 1...5_000, using: &random)).map { "k\($0): &x\($0) *x\($0)" }.joined(separator: "\n")
        default: return "k: \"" + String(repeating: "\\u00e9", count: depth % 10_000) + "\""
        }
    }

    static func hostileJSON(using random: inout SeededGenerator) -> String {
        let size = Int.random(in: 1...300_000, using: &random)
        switch Int.random(in: 0..<5, using: &random) {
        case 0: return String(repeating: "[", count: size) + String(repeating: "]", count: size)
        case 1: return "[" + String(repeating: "1", count: size) + "]"
        case 2: return "{" + (0..<size % 50_000).map { "\"k\($0)\": [\($0), {\"x\": null}]" }.joined(separator: ",") + "}"
        case 3: return String(decoding: (0..<size).map { _ in UInt8.random(in: 0...255, using: &random) }, as: UTF8.self)
        default: return (0..<size % 20_000).map { _ in ["[", "]", "{", "}", "\"", ":", ",", "1", "-", "e", "\\u", "true", " "].randomElement(using: &random)! }.joined()
        }
    }

    // MARK: Helpers

    /// Reads `text` with the full parser and with the detection path (its head only), which must agree.
    private func readBothWays(_ text: String) async throws -> (Frontmatter, Frontmatter) {
        let full = Frontmatter.parse(Data(text.utf8))
        let tree = try SourceTree.inMemory(["a.md": text])
        let (fast, _) = await ManifestReading.frontmatter(at: try RelativePath(validating: "a.md"), in: tree, pluginID: nil, includingBody: false)
        return (full, try #require(fast))
    }

    static func nodeCount(_ value: JSONValue) -> Int {
        switch value {
        case .array(let items): 1 + items.reduce(0) { $0 + nodeCount($1) }
        case .object(let object): 1 + object.values.reduce(0) { $0 + nodeCount($1) }
        default: 1
        }
    }

    /// The process's peak resident memory so far.
    static func peakResidentBytes() -> Int {
        var usage = rusage()
        #if canImport(Darwin)
        getrusage(RUSAGE_SELF, &usage)
        return Int(usage.ru_maxrss)
        #else
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int(usage.ru_maxrss) * 1024
        #endif
    }
}
