import Foundation
import SkillMeatCore
import SkillMeatTestSupport
import Testing

@Suite struct SnapshotTests {
    @Test("only the newest ten snapshots are kept")
    func retention() async throws {
        let fixture = try await CollectionFixture()
        defer { fixture.folder.remove() }
        let snapshots = SnapshotStore(store: fixture.service.store)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        for index in 0..<12 {
            try await snapshots.create(message: "s\(index)", automatic: true, now: start.addingTimeInterval(Double(index)))
        }
        let listed = try snapshots.list()
        #expect(listed.count == 10)
        #expect(listed.first?.message == "s11")
        #expect(listed.last?.message == "s2")
        let archives = try FileManager.default.contentsOfDirectory(atPath: fixture.home.snapshotsDirectory.appending(path: "default").path)
            .filter { $0.hasSuffix(".tar.gz") }
        #expect(archives.count == 10)
    }

    @Test("rollback restores the files exactly and snapshots the state it replaces")
    func rollback() async throws {
        let fixture = try await CollectionFixture()
        defer { fixture.folder.remove() }
        try await fixture.put(CollectionFixture.skill("pdf"), files: ["SKILL.md": "---\nname: pdf\n---\n"])
        let before = try fixture.folder.snapshot()
        let snapshots = SnapshotStore(store: fixture.service.store)
        let saved = try await snapshots.create(message: "good", automatic: false)
        try await fixture.service.remove("pdf", type: nil)
        try await fixture.put(CollectionFixture.command("other"), files: ["": "x"])
        let result = try await snapshots.rollback(to: saved.id)
        #expect(result.restored.id == saved.id)
        let after = try fixture.folder.snapshot().filter { !$0.key.contains("snapshots/") && !$0.key.contains("/.locks/") && !$0.key.contains("/cache/") }
        #expect(after == before.filter { !$0.key.contains("snapshots/") && !$0.key.contains("/.locks/") && !$0.key.contains("/cache/") })
        #expect(try snapshots.list().contains { $0.id == result.safety.id })
        try await fixture.service.cache.rebuild()
        #expect(try await fixture.service.list().map(\.id) == ["skill:pdf"])
        await #expect(throws: SkillMeatError.self) { try await snapshots.rollback(to: "19990101") }
    }
}
