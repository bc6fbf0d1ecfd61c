import Foundation
import SkillMeatCore
import SkillMeatPluginAPI
import SkillMeatStore
import Testing

@Suite struct CatalogMergeTests {
    /// Scan times.
    static let t0 = Date(timeIntervalSince1970: 1_767_225_600), t1 = t0 + 60, t2 = t0 + 120

    static func entry(_ id: String, hash: String, status: String = "new", path: String? = nil, type: ArtifactType = .skill, importID: String? = nil) -> CatalogEntryRecord {
        CatalogEntryRecord(
            id: id, sourceID: "s", type: type, name: id, path: path ?? "skills/\(id)", upstreamURL: nil, detectedSHA: "c1",
            contentHash: hash, confidence: 90, reasons: [], status: CatalogStatus(rawValue: status)!, importID: importID,
            importDate: importID == nil ? nil : t0, firstSeen: t0, lastSeen: t0
        )
    }

    static func status(_ result: CatalogMerge.Result, _ id: String) -> String? {
        result.all.first { $0.id == id }?.status.rawValue
    }

    @Test("a first scan makes every entry new")
    func firstScan() {
        let result = CatalogMerge.merge(existing: [], found: [Self.entry("a", hash: "1"), Self.entry("b", hash: "2")], now: Self.t1)
        #expect(result.counts.new == 2)
        #expect(result.all.allSatisfy { $0.status == .new && $0.firstSeen == Self.t1 })
    }

    @Test("transitions of one entry between two scans", arguments: [
        // (status before, hash before, still found?, hash now, status after, counted as)
        ("new", "1", true, "1", "new", "unchanged"),
        ("new", "1", true, "2", "updated", "updated"),
        ("updated", "1", true, "1", "updated", "unchanged"),
        ("updated", "1", true, "2", "updated", "updated"),
        ("new", "1", false, "", "removed", "removed"),
        ("updated", "1", false, "", "removed", "removed"),
        ("imported", "1", true, "1", "imported", "unchanged"),
        ("imported", "1", true, "2", "imported", "unchanged"),
        ("imported", "1", false, "", "removed", "removed"),
        ("excluded", "1", true, "2", "excluded", "unchanged"),
        ("excluded", "1", false, "", "excluded", "none"),
        ("removed", "1", true, "1", "updated", "updated"),
        ("removed", "1", true, "2", "updated", "updated"),
        ("removed", "1", false, "", "removed", "none"),
    ])
    func transition(before: String, hashBefore: String, found: Bool, hashNow: String, after: String, counted: String) {
        let existing = Self.entry("a", hash: hashBefore, status: before, importID: before == "imported" ? "batch-1" : nil)
        let result = CatalogMerge.merge(existing: [existing], found: found ? [Self.entry("a", hash: hashNow)] : [], now: Self.t1)
        #expect(Self.status(result, "a") == after)
        let counts = result.counts
        let total = counts.new + counts.updated + counts.removed + counts.unchanged
        switch counted {
        case "unchanged": #expect(counts.unchanged == 1 && total == 1)
        case "updated": #expect(counts.updated == 1 && total == 1)
        case "removed": #expect(counts.removed == 1 && total == 1)
        default: #expect(total == 0)
        }
    }

    @Test("an imported entry keeps its import id when removed, and reports an upstream change while present")
    func importedEntries() throws {
        let imported = Self.entry("a", hash: "1", status: "imported", importID: "batch-1")
        let changed = CatalogMerge.merge(existing: [imported], found: [Self.entry("a", hash: "2")], now: Self.t1)
        #expect(changed.upstreamChanges.map(\.id) == ["a"])
        let kept = try #require(changed.all.first)
        #expect(kept.importID == "batch-1" && kept.importDate != nil && kept.contentHash == "2")
        let removed = CatalogMerge.merge(existing: [imported], found: [], now: Self.t1)
        #expect(removed.all.first?.importID == "batch-1")
        // Coming back, the entry leaves `imported` whole: status, id and date change together.
        let back = CatalogMerge.merge(existing: removed.all, found: [Self.entry("a", hash: "1")], now: Self.t2)
        let returned = try #require(back.all.first)
        #expect(returned.status == .updated && returned.importID == nil && returned.importDate == nil)
    }

    @Test("the same content twice in one source: the first path is kept, the rest excluded as duplicates")
    func duplicatesWithinSource() {
        let found = [Self.entry("b", hash: "same", path: "plugins/y/skills/x"), Self.entry("a", hash: "same", path: "plugins/a/skills/x")]
        let result = CatalogMerge.merge(existing: [], found: found, now: Self.t1)
        #expect(Self.status(result, "a") == "new")
        #expect(Self.status(result, "b") == "excluded")
        #expect(result.all.first { $0.id == "b" }?.excludedReason == CatalogLifecycle.duplicateReason)
        #expect(result.counts.new == 1 && result.counts.duplicates == 1)
        // A command with the same bytes as a skill is not a duplicate of it.
        let mixed = CatalogMerge.merge(existing: [], found: [Self.entry("c", hash: "h", type: .command), Self.entry("d", hash: "h")], now: Self.t1)
        #expect(mixed.counts.new == 2)
    }

    @Test("a duplicate within the source is found whichever of its paths arrived first, across scans", arguments: [
        // (path seen in the first scan, path that arrives in the second)
        ("plugins/a/skills/x", "plugins/y/skills/x"),
        ("plugins/y/skills/x", "plugins/a/skills/x"),
    ])
    func duplicatesAcrossScans(first: String, second: String) {
        let scanned = CatalogMerge.merge(existing: [], found: [Self.entry("first", hash: "same", path: first)], now: Self.t1)
        let found = [Self.entry("first", hash: "same", path: first), Self.entry("second", hash: "same", path: second)]
        let result = CatalogMerge.merge(existing: scanned.all, found: found, now: Self.t2)
        // The entry already in the catalog stays as it is; the newcomer is the duplicate.
        #expect(Self.status(result, "first") == "new")
        #expect(Self.status(result, "second") == "excluded")
        #expect(result.all.first { $0.id == "second" }?.excludedReason == CatalogLifecycle.duplicateReason)
        #expect(result.counts.duplicates == 1 && result.counts.new == 0 && result.counts.unchanged == 1)
    }
}
