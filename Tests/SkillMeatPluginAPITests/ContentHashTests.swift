import Foundation
import SkillMeatPluginAPI
import SkillMeatTestSupport
import Testing

@Suite struct ContentHashTests {
    // Golden values computed independently with Python's hashlib.
    @Test("a file hashes as its bytes")
    func fileHash() throws {
        #expect(ContentHash.of(Data("hello".utf8)) == "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824")
        #expect(ContentHash.of(Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let file = try folder.write("deploy.md", "hello")
        #expect(try ContentHash.ofItem(at: file) == "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824")
    }

    @Test("a directory hashes its files' paths and bytes in byte-wise path order")
    func directoryHash() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try folder.write("skill/a/x.txt", "2")
        try folder.write("skill/SKILL.md", "---\nname: x\n---\n")
        try folder.write("skill/a-b/x.txt", "1")
        let golden = "341e6498be765bf7486fad3103d31e4a05735bf99466a6eb15d501f2d6b7822c"
        #expect(try ContentHash.ofItem(at: folder.path("skill")) == golden)
        let inMemory: [(path: RelativePath, data: Data)] = [
            (try RelativePath(validating: "a/x.txt"), Data("2".utf8)),
            (try RelativePath(validating: "SKILL.md"), Data("---\nname: x\n---\n".utf8)),
            (try RelativePath(validating: "a-b/x.txt"), Data("1".utf8)),
        ]
        #expect(ContentHash.ofFiles(inMemory) == golden)
    }

    @Test("symbolic links inside a directory do not count")
    func symlinksIgnored() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try folder.write("skill/a/b.md", "B")
        let before = try ContentHash.ofItem(at: folder.path("skill"))
        try FileManager.default.createSymbolicLink(at: folder.path("skill/link.md"), withDestinationURL: folder.path("skill/a/b.md"))
        #expect(try ContentHash.ofItem(at: folder.path("skill")) == before)
        #expect(before == "852d88fe3ec547ca4494aa809b5b0130e37e61644fb8d933823ee69e044d39ab")
    }

    @Test("files longer than one read hash as their whole bytes; a link to a folder is not followed")
    func largeFilesAndFolderLinks() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let large = Data((0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        let file = folder.path("skill/big.bin")
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try large.write(to: file)
        #expect(try ContentHash.ofItem(at: file) == ContentHash.of(large))
        let before = try ContentHash.ofItem(at: folder.path("skill"))
        #expect(before == ContentHash.ofFiles([(try RelativePath(validating: "big.bin"), large)]))
        try folder.write("elsewhere/other.md", "x")
        try FileManager.default.createSymbolicLink(at: folder.path("skill/linked"), withDestinationURL: folder.path("elsewhere"))
        #expect(try ContentHash.ofItem(at: folder.path("skill")) == before)
        #expect(try ContentHash.regularFiles(under: folder.path("skill")).map(\.path.string) == ["big.bin"])
    }

    @Test("a missing item is an error, not an empty hash")
    func missing() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        #expect(throws: (any Error).self) { try ContentHash.ofItem(at: folder.path("nope")) }
    }
}
