import Foundation
import SkillMeatCache
import SkillMeatTestSupport
import Testing

@Suite struct CacheDatabaseTests {
    @Test("a new database gets every migration, and reopening applies none twice")
    func migrations() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let url = folder.path("cache/cache.db")
        let first = try CacheDatabase.open(at: url)
        #expect(try first.appliedMigrations() == CacheDatabase.migrationNames)
        let second = try CacheDatabase.open(at: url)
        #expect(try second.appliedMigrations() == CacheDatabase.migrationNames)
        #expect(try CacheDatabase.inMemory().appliedMigrations() == CacheDatabase.migrationNames)
    }

    @Test("a file that is not a database is reported, not overwritten")
    func corruptFile() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let url = try folder.write("cache.db", String(repeating: "not sqlite ", count: 100))
        #expect(throws: CacheError.self) { try CacheDatabase.open(at: url) }
        #expect(try folder.read("cache.db").hasPrefix("not sqlite"))
    }
}
