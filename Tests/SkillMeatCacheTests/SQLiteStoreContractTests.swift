import Foundation
import SkillMeatCache
import SkillMeatStore
import SkillMeatStoreTesting
import Testing

/// The store contract against the SQLite implementation: in memory, and in a database file (the
/// pool and WAL a home uses).
@Suite struct SQLiteStoreContractTests {
    @Test("the in-memory SQLite store keeps the store contract", arguments: StoreContract.checks)
    func inMemory(_ check: StoreContract.Check) async throws {
        try await check.run { try SQLiteStoreBackend.inMemory() }
    }

    @Test("the SQLite store in a file keeps the store contract", arguments: StoreContract.checks)
    func onDisk(_ check: StoreContract.Check) async throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "store-contract-\(UUID().uuidString)", directoryHint: .isDirectory)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await check.run { try SQLiteStoreBackend.open(at: folder.appending(path: "cache.db")) }
    }
}
