import Foundation
import GRDB
import SkillMeatTestSupport
import Testing

/// Import's manifest, lock, cache row and catalog mark act as one unit: a failure after the manifest
/// commit never reports written artifacts as failed, and never leaves their catalog entries unmarked
/// for good. Faults are injected into the real SQLite store with triggers.
@Suite struct ImportUnitTests {
    static let files: [String: String] = [
        "skills/alpha/SKILL.md": "---\nname: alpha\ndescription: First\n---\nAlpha.\n",
        "skills/beta/SKILL.md": "---\nname: beta\ndescription: Second\n---\nBeta.\n",
    ]

    static func world() async throws -> CLIHarness {
        let cli = try CLIHarness()
        for (path, text) in files { _ = try cli.home.write("src/\(path)", text) }
        #expect(await cli.run("init").status == 0)
        #expect(await cli.run("source", "add", cli.home.path("src").path, "--name", "src").status == 0)
        return cli
    }

    static func fail(_ cli: CLIHarness, _ trigger: String, on table: String, when condition: String) throws {
        let database = try DatabaseQueue(path: cli.home.path("cache/cache.db").path)
        try database.write { db in
            for event in ["INSERT", "UPDATE"] {
                try db.execute(sql: """
                    CREATE TRIGGER \(trigger)_\(event.lowercased()) BEFORE \(event) ON \(table) WHEN \(condition)
                    BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END
                    """)
            }
        }
    }

    /// Imports alpha while `trigger` makes the writes it names fail.
    static func importFailing(_ trigger: String, on table: String, when condition: String) async throws -> (CLIHarness, CLIHarness.Result) {
        let cli = try await world()
        try fail(cli, trigger, on: table, when: condition)
        return (cli, await cli.run("import", "src:skills/alpha", "--json"))
    }

    static func heal(_ cli: CLIHarness, _ trigger: String) throws {
        let database = try DatabaseQueue(path: cli.home.path("cache/cache.db").path)
        try database.write { db in
            try db.execute(sql: "DROP TRIGGER \(trigger)_insert")
            try db.execute(sql: "DROP TRIGGER \(trigger)_update")
        }
    }

    static func status(_ cli: CLIHarness, _ path: String) async throws -> String? {
        let listed = try #require(try cli.json(await cli.run("catalog", "list", "--json", "--include-excluded")) as? [String: Any])
        let entries = try #require(listed["entries"] as? [[String: Any]])
        return entries.first { $0["path"] as? String == path }?["status"] as? String
    }

    @Test("a catalog write that fails after the manifest commit is finished by the next import")
    func unmarkedEntriesAreRepaired() async throws {
        let (cli, result) = try await Self.importFailing("no_marks", on: "catalog_entry", when: "NEW.status = 'imported'")
        defer { cli.home.remove() }
        #expect(result.status == 0, "the artifact was written: \(result.error)")
        #expect(result.output.contains("\"status\" : \"imported\"") || result.output.contains("\"status\": \"imported\""))
        #expect(try await Self.status(cli, "skills/alpha") == "new")
        try Self.heal(cli, "no_marks")
        // The next import, of anything, finishes the marks of the one before.
        #expect(await cli.run("import", "src:skills/beta").status == 0)
        #expect(try await Self.status(cli, "skills/alpha") == "imported")
        #expect(try await Self.status(cli, "skills/beta") == "imported")
        let staging = cli.home.path("collections/default/.staging")
        let left = (try? FileManager.default.contentsOfDirectory(atPath: staging.path)) ?? []
        #expect(left.isEmpty, "no journal is left: \(left)")
    }

    @Test("a cache write that fails after the manifest commit is a warning; the next read rebuilds the rows")
    func cacheFailureIsAWarning() async throws {
        let (cli, result) = try await Self.importFailing("no_rows", on: "collection_artifact", when: "1")
        defer { cli.home.remove() }
        #expect(result.status == 0, "\(result.output) \(result.error)")
        #expect(try await Self.status(cli, "skills/alpha") == "imported")
        try Self.heal(cli, "no_rows")
        let listed = try #require(try cli.json(await cli.run("list", "--json")) as? [[String: Any]])
        #expect(listed.map { $0["name"] as? String } == ["alpha"])
    }
}
