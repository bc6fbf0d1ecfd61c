import Foundation
import SkillMeatPluginAPI
import SkillMeatStore
import Testing

/// `CatalogLifecycle` over every (status × event) pair: the status it leads to (or the refusal), the
/// three-field rule after every transition, and the seed rule for entries that come back.
@Suite struct CatalogLifecycleTests {
    static let at = Date(timeIntervalSince1970: 1_767_225_600)
    static let later = Date(timeIntervalSince1970: 1_767_229_200)

    /// An entry in `status` with the fields that status has: an imported one its import and link.
    static func entry(_ status: CatalogStatus, hash: String = "H1") -> CatalogEntryRecord {
        var entry = CatalogEntryRecord(
            id: "e", sourceID: "s", type: .skill, name: "pdf", path: "skills/pdf", upstreamURL: nil, detectedSHA: "c1",
            contentHash: hash, confidence: 90, reasons: [], status: status, firstSeen: at, lastSeen: at
        )
        switch status {
        case .imported:
            (entry.importID, entry.importDate, entry.importedAs, entry.importedHash) = ("imp-1", at, "default/skill:pdf", hash)
        case .excluded:
            (entry.excludedReason, entry.excludedAt) = ("not wanted", at)
        case .new, .updated, .removed:
            break
        }
        return entry
    }

    static func candidate(hash: String) -> CatalogEntryRecord {
        var found = entry(.new, hash: hash)
        found.detectedSHA = "c2"
        found.confidence = 70
        return found
    }

    enum Event: String, CaseIterable, Sendable {
        case scanFound, scanChanged, scanMissing, imported, removedFromCollection, excluded, restored, renamed, named

        func event(for entry: CatalogEntryRecord) -> CatalogEvent {
            switch self {
            case .scanFound: .scanFound(candidate(hash: entry.contentHash), at: later)
            case .scanChanged: .scanChanged(candidate(hash: entry.contentHash + "x"), at: later)
            case .scanMissing: .scanMissing
            case .imported: .imported(importID: "imp-2", at: later, importedAs: "work/skill:pdf")
            case .removedFromCollection: .removedFromCollection
            case .excluded: .excluded(reason: "dup", at: later)
            case .restored: .restored
            case .renamed: .renamed(importedAs: "default/skill:pdf-2")
            case .named: .named("pdf-tools")
            }
        }
    }

    /// The status each (status, event) pair leads to; nil where the lifecycle refuses the event.
    static let table: [CatalogStatus: [Event: CatalogStatus?]] = [
        .new: [.scanFound: .new, .scanChanged: .updated, .scanMissing: .removed, .imported: .imported,
               .removedFromCollection: .new, .excluded: .excluded, .restored: nil, .renamed: .new, .named: .new],
        .updated: [.scanFound: .updated, .scanChanged: .updated, .scanMissing: .removed, .imported: .imported,
                   .removedFromCollection: .updated, .excluded: .excluded, .restored: nil, .renamed: .updated, .named: .updated],
        .removed: [.scanFound: .updated, .scanChanged: .updated, .scanMissing: .removed, .imported: .imported,
                   .removedFromCollection: .removed, .excluded: .excluded, .restored: nil, .renamed: .removed, .named: .removed],
        .imported: [.scanFound: .imported, .scanChanged: .imported, .scanMissing: .removed, .imported: .imported,
                    .removedFromCollection: .new, .excluded: .excluded, .restored: nil, .renamed: .imported, .named: .imported],
        .excluded: [.scanFound: .excluded, .scanChanged: .excluded, .scanMissing: .excluded, .imported: nil,
                    .removedFromCollection: .excluded, .excluded: .excluded, .restored: .new, .renamed: .excluded, .named: .excluded],
    ]

    static let pairs: [(CatalogStatus, Event)] = CatalogStatus.allCases.flatMap { status in Event.allCases.map { (status, $0) } }

    @Test("every (status, event) pair leads where the table says and keeps the three-field rule", arguments: pairs)
    func transition(status: CatalogStatus, event: Event) throws {
        let before = Self.entry(status)
        let expected = try #require(Self.table[status]?[event])
        let result = Result { () throws(CatalogLifecycle.Refusal) in try CatalogLifecycle.apply(event.event(for: before), to: before) }
        switch (expected, result) {
        case (.some(let status), .success(let after)):
            #expect(after.status == status)
            #expect(CatalogLifecycle.isConsistent(after))
            // Identity never changes; content changes only on a scan.
            #expect(after.id == before.id && after.sourceID == before.sourceID && after.firstSeen == before.firstSeen)
            if event == .scanFound || event == .scanChanged {
                #expect(after.detectedSHA == "c2" && after.confidence == 70 && after.lastSeen == Self.later)
            } else {
                #expect(after.contentHash == before.contentHash && after.lastSeen == before.lastSeen)
            }
        case (.none, .failure):
            break
        case (.some, .failure(let refusal)):
            Issue.record("\(status) + \(event) was refused: \(refusal)")
        case (.none, .success(let after)):
            Issue.record("\(status) + \(event) should be refused, gave \(after.status)")
        }
    }

    @Test("the user's name for an entry survives every later event but another rename", arguments: Event.allCases.filter { $0 != .named })
    func nameKept(event: Event) throws {
        for status in CatalogStatus.allCases {
            let named = try CatalogLifecycle.apply(.named("pdf-tools"), to: Self.entry(status))
            #expect(named.userName == "pdf-tools" && named.name == Self.entry(status).name)
            guard let after = try? CatalogLifecycle.apply(event.event(for: named), to: named) else { continue }
            #expect(after.userName == "pdf-tools", "\(status) + \(event)")
        }
    }

    @Test("import sets the three fields, the link and the imported hash together; removal from the collection clears them")
    func importAndRemoval() throws {
        let imported = try CatalogLifecycle.apply(.imported(importID: "imp-2", at: Self.later, importedAs: "work/skill:pdf"), to: Self.entry(.new))
        #expect(imported.importID == "imp-2" && imported.importDate == Self.later && imported.importedAs == "work/skill:pdf" && imported.importedHash == "H1")
        let reset = try CatalogLifecycle.apply(.removedFromCollection, to: imported)
        #expect(reset.status == .new && reset.importID == nil && reset.importDate == nil && reset.importedAs == nil && reset.importedHash == nil)
    }

    @Test("removed upstream keeps the import; back with the imported content it is imported again, else updated with its link kept")
    func seedRule() throws {
        let gone = try CatalogLifecycle.apply(.scanMissing, to: Self.entry(.imported))
        #expect(gone.status == .removed && gone.importID == "imp-1" && gone.importDate == Self.at && gone.importedAs == "default/skill:pdf")
        let same = try CatalogLifecycle.apply(.scanFound(Self.candidate(hash: "H1"), at: Self.later), to: gone)
        #expect(same.status == .imported && same.importID == "imp-1" && same.importDate == Self.at && same.importedHash == "H1")
        let changed = try CatalogLifecycle.apply(.scanChanged(Self.candidate(hash: "H2"), at: Self.later), to: gone)
        #expect(changed.status == .updated && changed.importID == nil && changed.importDate == nil)
        #expect(changed.importedAs == "default/skill:pdf" && changed.importedHash == "H1")
        // Its artifact removed from the collection meanwhile: it comes back as news.
        let unlinked = try CatalogLifecycle.apply(.removedFromCollection, to: gone)
        #expect(unlinked.status == .removed && unlinked.importID == nil)
        #expect(try CatalogLifecycle.apply(.scanFound(Self.candidate(hash: "H1"), at: Self.later), to: unlinked).status == .updated)
    }

    @Test("restore returns an excluded entry to imported when it kept its import, else to new")
    func restore() throws {
        let hidden = try CatalogLifecycle.apply(.excluded(reason: "later", at: Self.later), to: Self.entry(.imported))
        #expect(hidden.importID == "imp-1")
        let back = try CatalogLifecycle.apply(.restored, to: hidden)
        #expect(back.status == .imported && back.excludedReason == nil && back.excludedAt == nil)
        #expect(try CatalogLifecycle.apply(.restored, to: Self.entry(.excluded)).status == .new)
    }

    @Test("a first sighting is new, or excluded as a duplicate within its source, with no import")
    func discovered() {
        var found = Self.entry(.imported)
        found.status = .imported
        let fresh = CatalogLifecycle.discovered(found, duplicate: false, at: Self.later)
        #expect(fresh.status == .new && fresh.importID == nil && fresh.importedAs == nil && fresh.firstSeen == Self.later)
        let duplicate = CatalogLifecycle.discovered(found, duplicate: true, at: Self.later)
        #expect(duplicate.status == .excluded && duplicate.excludedReason == CatalogLifecycle.duplicateReason)
    }
}
