import Foundation
import SkillMeatPluginAPI
import SkillMeatTestSupport
import Testing

@Suite struct RelativePathTests {
    @Test("normalises harmless spellings", arguments: [
        ("skills/pdf", "skills/pdf"),
        ("./skills/pdf/", "skills/pdf"),
        ("skills//pdf", "skills/pdf"),
        ("skills/./pdf", "skills/pdf"),
        ("", ""),
        (".", ""),
        ("-21risk-automation/SKILL.md", "-21risk-automation/SKILL.md"),
        ("commands/svelte:x.md", "commands/svelte:x.md"),
    ])
    func normalises(input: String, expected: String) throws {
        #expect(try RelativePath(validating: input).string == expected)
    }

    @Test("refuses paths that could leave their root", arguments: [
        "/etc/passwd",
        "../outside",
        "skills/../../outside",
        "skills/..",
        "..\\windows",
        "skills\\..\\x",
        "C:/Windows/system32",
        "c:",
        "bad\u{0}name",
        "line\nbreak",
    ])
    func refuses(input: String) {
        #expect(throws: PathSafetyError.self) { try RelativePath(validating: input) }
    }

    @Test("sorts byte-wise, as the content hash needs")
    func byteOrder() throws {
        let paths = try ["a/x", "a-b/x", "B", "a.c"].map { try RelativePath(validating: $0) }
        #expect(paths.sorted().map(\.string) == ["B", "a-b/x", "a.c", "a/x"])
    }

    @Test("knows its parent, stem, extension and descendants")
    func parts() throws {
        let path = try RelativePath(validating: "plugins/x/commands/deploy.MD")
        #expect(path.parent?.string == "plugins/x/commands")
        #expect(path.stem == "deploy")
        #expect(path.fileExtension == "md")
        #expect(path.isDescendant(of: try RelativePath(validating: "plugins/x")))
        #expect(!path.isDescendant(of: try RelativePath(validating: "plugins/xy")))
        #expect(path.relative(to: try RelativePath(validating: "plugins/x"))?.string == "commands/deploy.MD")
        #expect(RelativePath.root.parent == nil)
    }

    @Test("refuses a location a symbolic link carries outside the root")
    func symlinkEscape() throws {
        let root = try TemporaryDirectory()
        let outside = try TemporaryDirectory()
        defer { root.remove(); outside.remove() }
        try FileManager.default.createSymbolicLink(at: root.path("link"), withDestinationURL: outside.url)
        #expect(throws: PathSafetyError.self) {
            try PathSafety.resolveContained(try RelativePath(validating: "link/file.txt"), in: root.url)
        }
        try FileManager.default.createDirectory(at: root.path("inside"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: root.path("alias"), withDestinationURL: root.path("inside"))
        let resolved = try PathSafety.resolveContained(try RelativePath(validating: "alias/file.txt"), in: root.url)
        #expect(PathSafety.isContained(resolved, in: root.url))
        let plain = try PathSafety.resolveContained(try RelativePath(validating: "new/dir/file.txt"), in: root.url)
        #expect(plain.path.hasSuffix("new/dir/file.txt"))
    }

    @Test("a contained root says a path exists only when it is there through links that stay inside")
    func containedExistence() throws {
        let root = try TemporaryDirectory()
        let outside = try TemporaryDirectory()
        defer { root.remove(); outside.remove() }
        try FileManager.default.createDirectory(at: root.path("skills/pdf"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: outside.path("secret.md"))
        try FileManager.default.createDirectory(at: root.path("inside"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: root.path("inside/cmd.md"))
        try FileManager.default.createSymbolicLink(at: root.path("escape.md"), withDestinationURL: outside.path("secret.md"))
        try FileManager.default.createSymbolicLink(at: root.path("alias.md"), withDestinationURL: root.path("inside/cmd.md"))
        try FileManager.default.createSymbolicLink(at: root.path("dangling.md"), withDestinationURL: root.path("nowhere.md"))
        try FileManager.default.createSymbolicLink(at: root.path("skills/out"), withDestinationURL: outside.url)
        try FileManager.default.createSymbolicLink(at: root.path("linked"), withDestinationURL: outside.url)
        // Looked up name by name, and with each folder read once: the same answers.
        for folder in [ContainedRoot(root.url), ContainedRoot(root.url, readsFolders: true)] {
            let exists = { (text: String) throws -> Bool in folder.exists(try RelativePath(validating: text)) }
            #expect(try exists("skills/pdf"))
            #expect(try exists("inside/cmd.md"))
            #expect(try exists("alias.md"))
            #expect(try !exists("skills/none"))
            #expect(try !exists("skills/pdf/deeper/still"))
            #expect(try !exists("inside/cmd.md/deeper"))
            #expect(try !exists("escape.md"))
            #expect(try !exists("dangling.md"))
            #expect(try !exists("skills/out"))
            #expect(try !exists("linked/secret.md"))
        }
        let folder = ContainedRoot(root.url)
        // The root itself reached through a link resolves once and answers the same.
        try FileManager.default.createSymbolicLink(at: outside.path("root-link"), withDestinationURL: root.url)
        #expect(ContainedRoot(outside.path("root-link")).exists(try RelativePath(validating: "inside/cmd.md")))
        #expect(throws: PathSafetyError.self) { try folder.resolve(try RelativePath(validating: "escape.md")) }
    }

    @Test("paths longer than file systems allow are refused", arguments: [
        String(repeating: "a", count: 256), "folder/" + String(repeating: "é", count: 128), String(repeating: "abcdefg/", count: 513),
    ])
    func tooLong(text: String) {
        #expect(throws: PathSafetyError.tooLong(text)) { try RelativePath(validating: text) }
    }

    @Test("the longest names file systems allow are accepted")
    func longestAccepted() throws {
        let name = String(repeating: "a", count: 255)
        #expect(try RelativePath(validating: name + "/" + name).components.count == 2)
    }
}
