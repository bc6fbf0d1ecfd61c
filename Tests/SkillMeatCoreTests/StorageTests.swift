import Foundation
import SkillMeatCache
import SkillMeatCore
import SkillMeatPluginAPI
import SkillMeatStore
import SkillMeatTestSupport
import Testing

@Suite struct StorageTests {
    @Test("TOML written by the codec reads back identically, unknown keys included")
    func tomlRoundTrip() throws {
        let original = """
            [collection]
            name = "default"
            custom_field = { nested = [1, 2], flag = true }

            [[artifacts]]
            name = "pdf"
            type = "skill"
            tags = ["docs", "pdf"]
            future_key = "kept"

            [artifacts.metadata]
            description = "Work with \\"PDF\\" files\\nand more"

            [[artifacts]]
            name = "deploy"
            type = "command"

            [lock.entries."pdf::skill"]
            content_hash = "abc"
            """
        let table = try TOMLCodec.parse(original, path: "collection.toml")
        let written = TOMLCodec(priorityKeys: ["name", "type"]).serialize(table)
        #expect(try TOMLCodec.parse(written, path: "rewritten") == table)
        #expect(written.contains("[[artifacts]]\nname = \"pdf\"\ntype = \"skill\""))
        #expect(table["artifacts"]?.arrayValue?.first?["future_key"] == .string("kept"))
    }

    @Test("an empty table survives as a header")
    func emptyTable() throws {
        let table: [String: JSONValue] = ["lock": .object(["version": .string("1.0.0"), "entries": .object([:])])]
        let text = TOMLCodec().serialize(table)
        #expect(text.contains("[lock.entries]"))
        #expect(try TOMLCodec.parse(text, path: "x") == table)
    }

    @Test("atomic writes replace the whole file and leave no temporary behind")
    func atomicWrite() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let target = folder.path("collection.toml")
        try AtomicFile.write("one", to: target)
        try AtomicFile.write("two", to: target)
        #expect(try folder.read("collection.toml") == "two")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["collection.toml"])
    }

    @Test("a failed atomic write leaves the old file as it was")
    func atomicWriteFailure() throws {
        guard getuid() != 0 else { return try atomicWriteFailureAsRoot() }
        let folder = try TemporaryDirectory()
        defer {
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.url.path)
            folder.remove()
        }
        try AtomicFile.write("original", to: folder.path("file"))
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.url.path)
        #expect(throws: SkillMeatError.self) { try AtomicFile.write("new", to: folder.path("file")) }
        #expect(try folder.read("file") == "original")
    }

    /// Root ignores permission bits, so the failure is provoked with a folder that does not exist.
    func atomicWriteFailureAsRoot() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        #expect {
            try AtomicFile.write("new", to: folder.path("missing/file"))
        } throws: { error in
            (error as? SkillMeatError)?.description.contains("does not exist") == true
        }
    }

    @Test("init creates the home, the collection in SkillMeat's format and the cache, and is idempotent")
    func initialize() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let home = SkillMeatHome(root: folder.path("home"))
        let date = Date(timeIntervalSince1970: 1_763_712_000)
        let report = try await HomeSetup.initialize(home: home, collectionName: "default", now: date) { () throws(SkillMeatError) in try CollectionFixture.stores(home) }
        #expect(!report.created.isEmpty)
        #expect(report.cacheMigrations == SQLiteStoreBackend.migrationNames)
        #expect(report.cacheMigrations.first == "v1-collection-artifacts")
        let manifest = try TOMLCodec.read(home.collectionDirectory("default").appending(path: "collection.toml"))
        #expect(manifest["collection"]?["name"] == .string("default"))
        #expect(manifest["collection"]?["created"] == .string("2025-11-21T08:00:00+00:00"))
        let lock = try TOMLCodec.read(home.collectionDirectory("default").appending(path: "collection.lock"))
        #expect(lock["lock"]?["entries"] == .object([:]))
        for folder in ["skills", "commands", "agents", "hooks", "mcp"] {
            #expect(FileManager.default.fileExists(atPath: home.collectionDirectory("default").appending(path: folder).path))
        }
        let before = try TemporaryDirectoryContents.of(home.root)
        let again = try await HomeSetup.initialize(home: home, collectionName: "default") { () throws(SkillMeatError) in try CollectionFixture.stores(home) }
        #expect(again.created.isEmpty)
        #expect(try TemporaryDirectoryContents.of(home.root).filter { !$0.key.hasPrefix("cache/") } == before.filter { !$0.key.hasPrefix("cache/") })
    }

    @Test("collection names that would make odd folders are refused", arguments: ["", "../x", ".hidden", "a/b", "sp ace"])
    func badCollectionNames(name: String) async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let home = SkillMeatHome(root: folder.url)
        await #expect(throws: SkillMeatError.self) { try await HomeSetup.initialize(home: home, collectionName: name) { () throws(SkillMeatError) in try CollectionFixture.stores(home) } }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).isEmpty)
    }
}

enum TemporaryDirectoryContents {
    static func of(_ url: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.isRegularFileKey])
        let prefix = url.resolvingSymlinksInPath().path + "/"
        while let file = enumerator?.nextObject() as? URL {
            guard (try file.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            result[String(file.resolvingSymlinksInPath().path.dropFirst(prefix.count))] = try Data(contentsOf: file)
        }
        return result
    }
}
