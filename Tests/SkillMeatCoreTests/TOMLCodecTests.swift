import Foundation
import SkillMeatCore
import SkillMeatPluginAPI
import SkillMeatTestSupport
import Testing

@Suite struct TOMLCodecTests {
    static let dates = """
        local_date = 1979-05-27
        local_time = 07:32:00
        fraction = 00:32:00.999999
        local = 1979-05-27T07:32:00
        utc = 1979-05-27T07:32:00Z
        offset = 1979-05-27T00:32:00.5-07:30
        spaced = 1979-05-27 07:32:00+01:00
        quoted = "1979-05-27T07:32:00Z"
        list = [1979-05-27, 1980-01-01]
        """

    @Test("native dates, times and date-times survive a rewrite as native values; quoted ones stay text")
    func nativeDates() throws {
        let table = try TOMLCodec.parse(Self.dates, path: "dates.toml")
        #expect(table["local"] == .datetime("1979-05-27T07:32:00"))
        #expect(table["offset"] == .datetime("1979-05-27T00:32:00.5-07:30"))
        #expect(table["quoted"] == .string("1979-05-27T07:32:00Z"))
        #expect(table["utc"]?.stringValue == "1979-05-27T07:32:00Z")
        let written = TOMLCodec().serialize(table)
        for line in [
            "local_date = 1979-05-27", "local_time = 07:32:00", "fraction = 00:32:00.999999", "local = 1979-05-27T07:32:00\n",
            "utc = 1979-05-27T07:32:00Z", "offset = 1979-05-27T00:32:00.5-07:30", "spaced = 1979-05-27T07:32:00+01:00",
            "quoted = \"1979-05-27T07:32:00Z\"", "list = [1979-05-27, 1980-01-01]",
        ] {
            #expect(written.contains(line), "\(line) in \(written)")
        }
        #expect(try TOMLCodec.parse(written, path: "rewritten") == table)
        // JSON has no dates: they travel as their text.
        #expect(table["utc"]?.canonicalData() == Data("\"1979-05-27T07:32:00Z\"".utf8))
        // A value that only claims to be a date is written as a string, never as broken TOML.
        #expect(TOMLCodec().serialize(["x": .datetime("not a date")]) == "x = \"not a date\"\n")
    }

    @Test("a manifest and lock keep native dates when rewritten; a field changed is written as SkillMeat writes it")
    func manifestDates() throws {
        let manifest = try CollectionManifest.parse("""
            [collection]
            name = "default"
            created = 2024-01-15T10:30:00Z

            [[artifacts]]
            name = "pdf"
            type = "skill"
            added = 2024-01-15T10:30:00Z
            last_updated = 2024-02-01
            custom = 2024-03-01T00:00:00
            """, file: "collection.toml")
        var text = manifest.serialized()
        for line in ["created = 2024-01-15T10:30:00Z", "added = 2024-01-15T10:30:00Z", "last_updated = 2024-02-01", "custom = 2024-03-01T00:00:00"] {
            #expect(text.contains(line + "\n"), "\(line) in \(text)")
        }
        #expect(manifest.artifacts.first?.added == "2024-01-15T10:30:00Z")
        var changed = manifest
        changed.artifacts[0].added = "2025-05-05T00:00:00+00:00"
        changed.artifacts[0].lastUpdated = nil
        text = changed.serialized()
        #expect(text.contains("added = \"2025-05-05T00:00:00+00:00\""))
        #expect(!text.contains("last_updated"))

        let lock = try CollectionLock.parse("""
            [lock]
            version = "1.0.0"

            [lock.entries."pdf::skill"]
            content_hash = "abc"
            fetched = 2024-01-15T10:30:00Z
            """, file: "collection.lock")
        #expect(lock.serialized().contains("fetched = 2024-01-15T10:30:00Z\n"))
        #expect(try CollectionLock.parse(lock.serialized(), file: "rewritten") == lock)
    }

    @Test("TOML nested past the bound is refused before the parser sees it", arguments: [
        "a" + String(repeating: ".a", count: 5_000) + " = 1",
        "[a" + String(repeating: ".a", count: 5_000) + "]\nx = 1",
        "[" + String(repeating: "a.", count: 100) + "a]\n" + String(repeating: "b.", count: 100) + "b = 1",
        "a = " + String(repeating: "[", count: 100_000),
        "a = " + String(repeating: "{b = ", count: 300) + "1" + String(repeating: "}", count: 300),
        "a = [\n" + String(repeating: "[\n", count: 1_000) + String(repeating: "]\n", count: 1_000) + "]",
    ])
    func deepTOML(text: String) {
        #expect {
            try TOMLCodec.parse(text, path: "deep.toml")
        } throws: { error in
            String(describing: error).contains("deeper than 128 levels")
        }
    }

    @Test("shapes TOMLKit's parser aborts the process on are refused as malformed first", arguments: [
        "[}", "[ =", "x = 1\n[[[", "[\n", "[\t#", "x = [}", "x = [1,\n}", "x = {a = [}", "x = [{a = 1}, }", "x = {a = 1]",
    ])
    func abortingShapes(text: String) {
        #expect {
            try TOMLCodec.parse(text, path: "bad.toml")
        } throws: { error in
            let message = String(describing: error)
            return message.contains("does not start with a key") || message.contains("do not match")
        }
    }

    @Test("strings, comments and floats full of dots and brackets do not count as nesting")
    func shallowTOMLWithPunctuation() throws {
        let dots = String(repeating: ".", count: 300)
        let brackets = String(repeating: "[{", count: 300)
        let text = """
            [mcp_servers.docs.env]
            a = "\(dots)\(brackets)"
            b = '\(dots)\(brackets)'
            c = \"\"\"
            \(dots)
            \(brackets)\"\"\"
            d = '''\(brackets)'''
            e = ""
            f = [1.5, 2.5, 3.5] # \(dots)\(brackets)
            "quoted.key" = 1
            """
        let table = try TOMLCodec.parse(text, path: "ok.toml")
        #expect(table["mcp_servers"]?["docs"]?["env"]?["a"]?.stringValue == dots + brackets)
    }

    @Test("generated hostile TOML is answered quickly, parsed or refused, never a crash", arguments: [UInt64(21), 22, 23])
    func generated(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let pieces = ["[", "]", "{", "}", "[[", "]]", "a", ".", "=", " ", "\n", "\"", "'", "\"\"\"", "'''", "#", ",", "1", "1.5", "1979-05-27", "\\", "x = ", "\t"]
        for round in 0..<60 {
            let text: String
            switch round % 3 {
            case 0: text = (0..<Int.random(in: 1...20_000, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            case 1: text = String(decoding: (0..<Int.random(in: 1...50_000, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }, as: UTF8.self)
            default:
                let depth = Int.random(in: 1...20_000, using: &random)
                text = String(repeating: ["a.", "[", "{b = ", "[[", "\n["].randomElement(using: &random)!, count: depth) + "x = 1"
            }
            let elapsed = ContinuousClock().measure { _ = try? TOMLCodec.parse(text, path: "fuzz.toml") }
            #expect(elapsed < .seconds(5))
        }
    }
}
