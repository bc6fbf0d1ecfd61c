import Foundation
import SkillMeatPluginAPI
import SkillMeatTestSupport
import Testing

/// Seeded fuzzing of every parser of untrusted input: real-looking samples mutated byte by byte and
/// token by token (flipped, inserted, deleted, repeated, spliced from another sample), and hostile file
/// names. Each parser must return or throw — never crash, never hang — within a time bound, in memory
/// proportional to its input. A failing case names its seed and iteration, so it can be replayed.
@Suite(.timeLimit(.minutes(2))) struct ParserFuzzTests {
    /// Cases per parser and seed: enough to reach odd corners, few enough to run in seconds.
    static let iterations = 200
    /// Each case is answered well within this; what it guards against takes minutes or never ends.
    static let bound: Duration = .seconds(3)

    static let frontmatter = [
        "---\nname: pdf\ndescription: Work with PDFs\ntools: [Read, Write]\nmetadata:\n  version: 1.0\n---\n# PDF\nBody\n",
        "---\r\nname: \"quoted: value\"\r\ndescription: >\r\n  folded\r\n  text\r\ntags:\r\n  - a\r\n  - b\r\n---\r\nBody",
        "\u{FEFF}---\nname: x\nallowed-tools: Bash(git:*), Read\nauthor: {name: A, email: a@b.c}\nn: 010\nd: 2024-01-01\n---\n",
        "---\nname: &a x\nalias: *a\nlist: [[1, 2], {k: v}]\nempty:\nnull: ~\nbool: yes\n---\n---\nnot frontmatter\n",
    ]
    static let toml = [
        "[command]\nprompt = \"Review {{args}}\"\ndescription = 'Reviews'\n",
        "title = \"x\"\n[server]\nport = 8080\nhosts = [\"a\", \"b\"]\n[[deployed]]\nartifact = \"skill:pdf\"\nat = 2024-01-01T00:00:00Z\nfiles = { a = 1, b = [1.5, -2e3] }\n",
        "prompt = \"\"\"\nmulti\nline\n\"\"\"\n[mcp_servers.github]\ncommand = \"npx\"\nargs = [\"-y\", \"gh\"]\nenv = { TOKEN = \"x\" }\n",
        "a.b.c = 1\n\"quoted key\" = 0x1F\nd = 1979-05-27\nt = 07:32:00\ninf = inf\n[table]\n[table.sub]\n",
    ]
    static let json = [
        #"{"name": "plugin", "version": "1.0.0", "commands": ["./commands/a.md"], "mcpServers": {"gh": {"command": "npx", "args": ["-y"]}}}"#,
        #"{"plugins": [{"name": "p", "source": "./plugins/p", "skills": ["./skills/x"]}], "owner": {"name": "o"}}"#,
        #"{"hooks": {"PreToolUse": [{"matcher": "Bash", "hooks": [{"type": "command", "command": "echo \u00e9 \"x\""}]}]}}"#,
        #"[1, -2.5e10, true, false, null, "\ud83d\ude00", {"": []}, [[[]]], 0.000001, 123456789012345678901234567890]"#,
    ]
    static let yamlTokens = ["&a ", "*a ", "[", "]", "{", "}", ": ", "- ", "\n", "  ", "'", "\"", "#", "!", "|", ">", "? ", "---", "...", "\t", "\r", "010", "~", "%YAML 1.2", "<<: "]
    static let tomlTokens = ["[", "]", "[[", "]]", "{", "}", "=", "\"", "'", "\"\"\"", "'''", ".", ",", "\n", "#", "0x", "1e", "-", "inf", "nan", "true", "T", "Z", ":", "\\u", "\\"]
    static let jsonTokens = ["[", "]", "{", "}", "\"", ":", ",", "1", "-", "e", "E", ".", "\\u", "\\ud800", "true", "null", " ", "\u{0}", "\u{FEFF}"]

    /// One parser of untrusted text: the samples its input is made from, the tokens of its syntax, and
    /// how it is read (and what must hold of what it returns).
    struct Parser: Sendable, CustomTestStringConvertible {
        var name: String
        var samples: [String]
        var tokens: [String]
        var read: @Sendable (Data) async throws -> Void
        var testDescription: String { name }
    }

    static let parsers = [
        Parser(name: "frontmatter, on both reading paths", samples: frontmatter, tokens: yamlTokens) { input in
            let full = Frontmatter.parse(input)
            #expect(HostileInputTests.nodeCount(.object(full.fields)) <= input.count + 1)
            let tree = SourceTree.inMemory(data: [try RelativePath(validating: "a.md"): input])
            _ = await ManifestReading.frontmatter(at: try RelativePath(validating: "a.md"), in: tree, pluginID: nil, includingBody: false)
        },
        Parser(name: "TOML", samples: toml, tokens: tomlTokens) { input in
            if let table = try? TOMLReader.parse(String(decoding: input, as: UTF8.self)) {
                #expect(HostileInputTests.nodeCount(.object(table)) <= input.count + 1)
            }
        },
        Parser(name: "JSON", samples: json, tokens: jsonTokens) { input in
            if let value = try? JSONValue.parse(input) { #expect(HostileInputTests.nodeCount(value) <= input.count) }
            _ = try? ManifestReading.parseJSON(input)
        },
    ]

    @Test("mutated input is read or refused in bounded time", arguments: parsers, [UInt64(1), 2, 3])
    func mutated(parser: Parser, seed: UInt64) async throws {
        var fuzz = Mutator(seed: seed, samples: parser.samples, tokens: parser.tokens)
        for iteration in 0..<Self.iterations {
            let input = fuzz.next()
            try await Self.bounded(parser.name, seed, iteration, input) { try await parser.read(input) }
        }
    }

    @Test("a tree of mutated plugin, marketplace, hook and MCP manifests is analysed in bounded time", arguments: [UInt64(1), 2])
    func manifests(seed: UInt64) async throws {
        var fuzz = Mutator(seed: seed, samples: Self.json, tokens: Self.jsonTokens)
        var markdown = Mutator(seed: seed &+ 1, samples: Self.frontmatter, tokens: Self.yamlTokens)
        var settings = Mutator(seed: seed &+ 2, samples: Self.toml, tokens: Self.tomlTokens)
        let paths = [
            ".claude-plugin/plugin.json", ".claude-plugin/marketplace.json", "plugins/p/.claude-plugin/plugin.json", "gemini-extension.json",
            "hooks/hooks.json", ".mcp.json", ".codex-plugin/plugin.json", "plugins/p/hooks/hooks.json", "package.json",
        ]
        for iteration in 0..<Self.iterations / 4 {
            var files: [RelativePath: Data] = [:]
            for path in paths { files[try RelativePath(validating: path)] = fuzz.next() }
            files[try RelativePath(validating: "skills/x/SKILL.md")] = markdown.next()
            files[try RelativePath(validating: "plugins/p/commands/a.md")] = markdown.next()
            files[try RelativePath(validating: ".gemini/commands/c.toml")] = settings.next()
            files[try RelativePath(validating: ".codex/config.toml")] = settings.next()
            let tree = SourceTree.inMemory(data: files)
            try await Self.bounded("manifests", seed, iteration, Data()) {
                let analysis = await TreeAnalysis.build(tree, platformFolders: PlatformFolders.platformFolderNames)
                // Whatever the manifests declare, what they point at stays inside the tree.
                for plugin in analysis.layout.plugins {
                    for declared in plugin.declaredPaths.values.joined() { #expect(!declared.components.contains("..")) }
                }
            }
        }
    }

    @Test("hostile file names are refused or normalised to a path inside the root", arguments: [UInt64(1), 2, 3])
    func fileNames(seed: UInt64) async throws {
        var random = SeededGenerator(seed: seed)
        let pieces = ["..", ".", "/", "//", "\\", "\u{0}", "\u{7F}", "\n", "C:", "~", "a", "é", "\u{202E}", "\u{FEFF}", "%2e%2e", "💥", " ", "con", ".git",
                      String(repeating: "x", count: 255), String(repeating: "y", count: 256), String(repeating: "é", count: 128)]
        let root = URL(fileURLWithPath: "/tmp/skillmeat-fuzz-root", isDirectory: true)
        for iteration in 0..<Self.iterations * 2 {
            let name = (0..<Int.random(in: 1...24, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            try await Self.bounded("file names", seed, iteration, Data(name.utf8)) {
                guard let path = try? RelativePath(validating: name) else { return }
                #expect(!path.components.contains(".."), "\(name.debugDescription)")
                #expect(!path.components.contains { $0.isEmpty || $0 == "." || $0.contains("/") || $0.contains("\\") || $0.contains("\u{0}") })
                #expect(path.string.utf8.count <= RelativePath.maximumBytes)
                #expect(PathSafety.isContained(path.url(in: root), in: root), "\(name.debugDescription) left the root")
                let reread = try? RelativePath(validating: path.string)
                #expect(reread == path, "\(name.debugDescription) does not read back as itself")
            }
        }
    }

    // MARK: Helpers

    /// Runs `body` on `input` and fails, naming the case, when it takes longer than `bound`.
    static func bounded(_ parser: String, _ seed: UInt64, _ iteration: Int, _ input: Data, _ body: () async throws -> Void) async throws {
        let elapsed = try await ContinuousClock().measure { try await body() }
        #expect(elapsed < bound, "\(parser) seed \(seed) case \(iteration) took \(elapsed): \(String(decoding: input.prefix(200), as: UTF8.self).debugDescription)")
    }
}

/// Mutates samples as a fuzzer does: each case starts from a sample (or a splice of two) and applies
/// a few random edits — a byte flipped, bytes or a token inserted, a range deleted or repeated.
struct Mutator {
    var random: SeededGenerator
    let samples: [[UInt8]]
    let tokens: [[UInt8]]

    init(seed: UInt64, samples: [String], tokens: [String]) {
        random = SeededGenerator(seed: seed)
        self.samples = samples.map { Array($0.utf8) }
        self.tokens = tokens.map { Array($0.utf8) }
    }

    mutating func next() -> Data {
        var bytes = samples.randomElement(using: &random)!
        if Int.random(in: 0..<4, using: &random) == 0 {
            let other = samples.randomElement(using: &random)!
            bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &random))) + other.suffix(Int.random(in: 0...other.count, using: &random))
        }
        for _ in 0..<Int.random(in: 1...8, using: &random) { mutate(&bytes) }
        return Data(bytes)
    }

    mutating func mutate(_ bytes: inout [UInt8]) {
        let at = Int.random(in: 0...bytes.count, using: &random)
        switch Int.random(in: 0..<6, using: &random) {
        case 0 where !bytes.isEmpty:
            bytes[min(at, bytes.count - 1)] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &random)
        case 1:
            bytes.insert(contentsOf: (0..<Int.random(in: 1...4, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }, at: at)
        case 2:
            bytes.insert(contentsOf: tokens.randomElement(using: &random)!, at: at)
        case 3:
            bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...16, using: &random)))
        case 4:
            // A range repeated: deep nesting, long runs, many keys.
            let end = min(bytes.count, at + Int.random(in: 1...12, using: &random))
            let run = Array(bytes[at..<end])
            bytes.insert(contentsOf: Array([[UInt8]](repeating: run, count: Int.random(in: 2...3_000, using: &random)).joined()), at: at)
        default:
            bytes.insert(contentsOf: tokens.randomElement(using: &random)!, at: at)
            bytes.insert(contentsOf: tokens.randomElement(using: &random)!, at: Int.random(in: 0...bytes.count, using: &random))
        }
    }
}
