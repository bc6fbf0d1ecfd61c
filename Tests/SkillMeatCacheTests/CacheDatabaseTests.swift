import Foundation
import SkillMeatCache
import SkillMeatStore
import SkillMeatTestSupport
import Testing

@Suite struct CacheDatabaseTests {
    @Test("a new database gets every migration, and reopening applies none twice")
    func migrations() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let url = folder.path("cache/cache.db")
        let first = try SQLiteStoreBackend.open(at: url)
        #expect(try await first.appliedMigrations() == SQLiteStoreBackend.migrationNames)
        let second = try SQLiteStoreBackend.open(at: url)
        #expect(try await second.appliedMigrations() == SQLiteStoreBackend.migrationNames)
        #expect(try await SQLiteStoreBackend.inMemory().appliedMigrations() == SQLiteStoreBackend.migrationNames)
    }

    @Test("a file that is not a database is reported, not overwritten")
    func corruptFile() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let url = try folder.write("cache.db", String(repeating: "not sqlite ", count: 100))
        #expect(throws: StoreError.self) { try SQLiteStoreBackend.open(at: url) }
        #expect(try folder.read("cache.db").hasPrefix("not sqlite"))
    }
}
