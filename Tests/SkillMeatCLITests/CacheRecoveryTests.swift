import Foundation
import SkillMeatTestSupport
import Testing

/// Nothing lives only in the cache (issue 14 item 5): sources are kept in `sources.toml`, a damaged
/// `cache.db` is moved aside and rebuilt, a missing `collection.lock` is rebuilt from the files.
@Suite struct CacheRecoveryTests {
    /// A home with a local source `local` scanned and its `deploy` command imported.
    static func home() async throws -> CLIHarness {
        let cli = try CLIHarness()
        for (path, text) in ImportCommandTests.files { try cli.home.write("repo/\(path)", text) }
        #expect(await cli.run("init").status == 0)
        #expect(await cli.run("source", "add", cli.home.path("repo").path, "--name", "local").status == 0)
        let id = try ImportCommandTests.entryID(try await ImportCommandTests.entries(cli), "deploy")
        #expect(await cli.run("import", id).status == 0)
        return cli
    }

    static func sourceIDs(_ cli: CLIHarness) async throws -> [String] {
        let listed = await cli.run("source", "list", "--json")
        #expect(listed.status == 0, "\(listed.error)")
        return try #require(try cli.json(listed) as? [[String: Any]]).compactMap { $0["id"] as? String }
    }

    /// Replaces the database (and its WAL) with `bytes`.
    static func replaceDatabase(_ cli: CLIHarness, with bytes: Data) throws {
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(at: cli.home.path("cache/cache.db" + suffix)) }
        try cli.home.write("cache/cache.db", bytes)
    }

    static func setAside(_ cli: CLIHarness) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: cli.home.path("cache").path).filter { $0.hasPrefix("cache.db.corrupt-") && !$0.hasSuffix("-wal") && !$0.hasSuffix("-shm") }
    }

    @Test("a deleted cache.db loses no source, import or exclusion: the files bring them back with the next scan")
    func deletedDatabase() async throws {
        let cli = try await Self.home()
        defer { cli.home.remove() }
        let pdf = try ImportCommandTests.entryID(try await ImportCommandTests.entries(cli), "pdf")
        #expect(await cli.run("catalog", "exclude", pdf, "--reason", "not for us").status == 0)
        let github = try ImportCommandTests.entryID(try await ImportCommandTests.entries(cli), "github")
        #expect(await cli.run("catalog", "rename", github, "gh-server").status == 0)
        let before = try await ImportCommandTests.entries(cli)
        let file = try cli.home.read("sources.toml")
        #expect(file.contains("[[sources]]") && file.contains("id = \"local\""))
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(at: cli.home.path("cache/cache.db" + suffix)) }

        #expect(try await Self.sourceIDs(cli) == ["local"])
        #expect(await cli.run("source", "scan", "local").status == 0)
        let after = try await ImportCommandTests.entries(cli)
        for field in ["id", "name", "user_name", "import_name", "status", "import_id", "import_date", "imported_as", "excluded_reason"] {
            #expect(after.map { "\($0[field] ?? "-")" } == before.map { "\($0[field] ?? "-")" }, "\(field)")
        }
        #expect(after.first { $0["name"] as? String == "deploy" }?["status"] as? String == "imported")
        #expect(after.first { $0["name"] as? String == "pdf" }?["excluded_reason"] as? String == "not for us")
        let source = try #require(try cli.json(await cli.run("source", "show", "local", "--json")) as? [String: Any])
        #expect(((source["source"] as? [String: Any])?["artifact_count"] as? Int ?? 0) > 0)
        #expect(try #require(try cli.json(await cli.run("list", "--json")) as? [[String: Any]]).count == 1)
        // The restored link still works: removing the artifact resets its entry.
        #expect(await cli.run("remove", "deploy").status == 0)
        #expect(try await ImportCommandTests.entries(cli).first { $0["name"] as? String == "deploy" }?["status"] as? String == "new")
    }

    @Test("a home from before sources.toml gets the file written once from the database")
    func migration() async throws {
        let cli = try await Self.home()
        defer { cli.home.remove() }
        try FileManager.default.removeItem(at: cli.home.path("sources.toml"))
        #expect(try await Self.sourceIDs(cli) == ["local"])
        #expect(try cli.home.read("sources.toml").contains("location = \"\(cli.home.path("repo").path)\""))
        // From now on the file is the truth: a source it no longer has is gone after a rebuild.
        try cli.home.write("sources.toml", "")
        #expect(await cli.run("cache", "rebuild").status == 0)
        #expect(try await Self.sourceIDs(cli).isEmpty)
    }

    @Test("a cache.db that is not a database is moved aside and rebuilt; commands go on with their sources")
    func notADatabase() async throws {
        let cli = try await Self.home()
        defer { cli.home.remove() }
        try Self.replaceDatabase(cli, with: Data(repeating: 0x5A, count: 8192))
        #expect(try await Self.sourceIDs(cli) == ["local"])
        #expect(try Self.setAside(cli).count == 1)
        let list = await cli.run("list", "--json")
        #expect(list.status == 0, "\(list.error)")
        #expect(try #require(try cli.json(list) as? [[String: Any]]).compactMap { $0["name"] as? String } == ["deploy"])
    }

    @Test("cache rebuild works on a damaged database: it is moved aside and filled again from the files")
    func rebuildDamaged() async throws {
        let cli = try await Self.home()
        defer { cli.home.remove() }
        try Self.replaceDatabase(cli, with: Data("SQLite format 3\u{0}".utf8) + Data(repeating: 0xFF, count: 4096))
        let rebuilt = await cli.run("cache", "rebuild")
        #expect(rebuilt.status == 0, "\(rebuilt.error)")
        #expect(rebuilt.output.contains("Rebuilt 'default': 1 artifacts."))
        #expect(try Self.setAside(cli).count == 1)
        #expect(try await Self.sourceIDs(cli) == ["local"])
    }

    @Test("a missing collection.lock is rebuilt from the files and reported, not read as every artifact edited")
    func missingLock() async throws {
        let cli = try await Self.home()
        defer { cli.home.remove() }
        let before = try cli.home.read("collections/default/collection.lock")
        try FileManager.default.removeItem(at: cli.home.path("collections/default/collection.lock"))

        let check = await cli.run("update", "--check", "--json")
        #expect(check.status == 0, "\(check.error)")
        #expect(check.error.contains("no collection.lock"))
        let report = try #require(try cli.json(check) as? [String: Any])
        let items = try #require(report["items"] as? [[String: Any]])
        #expect(items.compactMap { $0["status"] as? String } == ["up_to_date"])
        let after = try cli.home.read("collections/default/collection.lock")
        #expect(after.contains("[lock.entries.\"deploy::command\"]"))
        let hash = try #require(before.split(separator: "\n").first { $0.hasPrefix("content_hash") })
        #expect(after.contains(hash))
        // Reported once: the next command finds the lock in place.
        #expect(!(await cli.run("list")).error.contains("collection.lock"))
    }
}
