import Foundation
import SkillMeatCore
import Testing

/// Core speaks in data: its messages say what happened, and what to do is a `Hint` that each front end
/// words. A CLI command or flag in a Core string would reach HTTP clients as nonsense.
@Suite struct CoreWordingTests {
    static let coreSources = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "Sources/SkillMeatCore", directoryHint: .isDirectory)

    /// Every string literal of a Swift file (single-line and multi-line), comments left out.
    static func stringLiterals(of source: String) -> [String] {
        var literals: [String] = []
        var index = source.startIndex
        while index < source.endIndex {
            let rest = source[index...]
            if rest.hasPrefix("//") {
                index = rest.firstIndex(of: "\n") ?? source.endIndex
            } else if rest.hasPrefix("\"\"\"") {
                let body = source.index(index, offsetBy: 3)
                let end = source[body...].range(of: "\"\"\"")?.lowerBound ?? source.endIndex
                literals.append(String(source[body..<end]))
                index = end == source.endIndex ? end : source.index(end, offsetBy: 3)
            } else if rest.hasPrefix("\"") {
                var cursor = source.index(after: index)
                var literal = ""
                while cursor < source.endIndex, source[cursor] != "\"", source[cursor] != "\n" {
                    if source[cursor] == "\\" { cursor = source.index(after: cursor); if cursor == source.endIndex { break } }
                    literal.append(source[cursor])
                    cursor = source.index(after: cursor)
                }
                literals.append(literal)
                index = cursor < source.endIndex ? source.index(after: cursor) : cursor
            } else {
                index = source.index(after: index)
            }
        }
        return literals
    }

    /// Whether a literal reads as CLI advice: a `skillmeat <command>` or a `--flag` inside a sentence.
    /// A lone argument such as `--no-same-owner` (passed to `tar`) is not a sentence.
    static func namesCLI(_ literal: String) -> Bool {
        if literal.range(of: #"skillmeat [a-z]"#, options: .regularExpression) != nil { return true }
        return literal.contains(" ") && literal.range(of: #"(^|[\s(`'])--[a-z]"#, options: .regularExpression) != nil
    }

    @Test("the detector flags CLI advice and leaves plain arguments alone")
    func detector() {
        #expect(Self.namesCLI("rerun with --strategy overwrite"))
        #expect(Self.namesCLI("--root 'x' is unsafe"))
        #expect(Self.namesCLI("Run 'skillmeat init' first."))
        #expect(!Self.namesCLI("--no-same-owner"))
        #expect(!Self.namesCLI("The root 'x' is unsafe; overwrite it."))
        #expect(Self.stringLiterals(of: #"let a = "x \"y\" --z" // "--comment""#) == [#"x "y" --z"#])
    }

    @Test("no string in SkillMeatCore names a CLI command or flag (generated files from config/ and examples aside)")
    func noCLIWording() throws {
        let files = try #require(FileManager.default.enumerator(at: Self.coreSources, includingPropertiesForKeys: nil))
            .compactMap { $0 as? URL }
            .filter { $0.pathExtension == "swift" && !$0.lastPathComponent.hasSuffix("+Generated.swift") }
        #expect(files.count > 50)
        var offenders: [String] = []
        for file in files {
            for literal in Self.stringLiterals(of: try String(contentsOf: file, encoding: .utf8)) where Self.namesCLI(literal) {
                offenders.append("\(file.lastPathComponent): \(literal)")
            }
        }
        #expect(offenders.isEmpty, "\(offenders.joined(separator: "\n"))")
    }

    @Test("errors that have something to do carry it as a hint, and their sentence stays free of CLI text")
    func hintsAreData() {
        let notSetUp = SkillMeatError.notInitialized(home: "/h")
        #expect(notSetUp.hint == .setUpHome)
        #expect(SkillMeatError.database("locked").hint == .rebuildCache)
        #expect(SkillMeatError.notFound("x", hint: .listCatalog).hint == .listCatalog)
        #expect(SkillMeatError.io(path: "/x", reason: "full").hint == nil)
        for error in [notSetUp, .database("locked")] {
            #expect(!Self.namesCLI(error.description))
        }
    }
}
