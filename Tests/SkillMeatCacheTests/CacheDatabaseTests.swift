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

    @Test("damaged pages are .damaged on open or read, and a verifying recovery moves the file aside and starts anew")
    func damagedPages() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let url = folder.path("cache/cache.db")
        do {
            let backend = try SQLiteStoreBackend.open(at: url)
            for index in 0..<200 {
                try await backend.sources.insertSource(MarketplaceSourceRecord(
                    id: "s\(index)", name: String(repeating: "n", count: 300), location: "/tmp/\(index)", createdAt: Date(), updatedAt: Date()
                ))
            }
        }
        // Everything past the first two pages becomes noise, as a disk or a copy gone wrong leaves it.
        var bytes = try Data(contentsOf: url)
        #expect(bytes.count > 3 * 4096)
        bytes.replaceSubrange(8192..<bytes.count, with: Data(repeating: 0xA5, count: bytes.count - 8192))
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: url.path + suffix) }
        try bytes.write(to: url)

        let error = await #expect(throws: StoreError.self) {
            try await SQLiteStoreBackend.open(at: url).sources.sources()
        }
        #expect(error.map(Self.isDamaged) == true)

        let (recovered, aside) = try SQLiteStoreBackend.openRecovering(at: url, verify: true)
        let movedTo = try #require(aside)
        #expect(movedTo.lastPathComponent.hasPrefix("cache.db.corrupt-"))
        #expect(FileManager.default.fileExists(atPath: movedTo.path))
        #expect(try await recovered.sources.sources().isEmpty)
    }

    static func isDamaged(_ error: StoreError) -> Bool {
        guard case .damaged(let message) = error else { return false }
        return message.contains("is damaged")
    }
}
