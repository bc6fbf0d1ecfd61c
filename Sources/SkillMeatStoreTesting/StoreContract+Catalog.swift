import Foundation
import SkillMeatPluginAPI
import SkillMeatStore
import Synchronization
import Testing

extension StoreContract {
    /// A catalog with ties on every sort key: equal confidences, equal names across types and
    /// sources, equal first-seen times, and one entry of every status.
    static func tiedCatalog(_ backend: any StoreBackend) async throws -> [CatalogEntryRecord] {
        let entries = [
            StoreFixtures.entry("e01", name: "same", confidence: 80, firstSeen: 0),
            StoreFixtures.entry("e02", name: "same", type: .command, confidence: 80, firstSeen: 0),
            StoreFixtures.entry("e03", name: "same", status: .updated, confidence: 95, firstSeen: 10),
            StoreFixtures.entry("e04", name: "alpha", status: .imported, confidence: 80, firstSeen: 10),
            StoreFixtures.entry("e05", name: "beta", status: .removed, confidence: 60, firstSeen: 0),
            StoreFixtures.entry("e06", name: "gamma", status: .excluded, confidence: 99, firstSeen: 20),
            StoreFixtures.entry("e07", source: "s2", name: "same", confidence: 80, firstSeen: 0),
            StoreFixtures.entry("e08", source: "s2", name: "delta", type: .agent, confidence: 70, firstSeen: 30, description: "Reads PDF files"),
            StoreFixtures.entry("e09", source: "s2", name: "epsilon", type: .mcpServer, confidence: 95, firstSeen: 10, path: "tools/PDF/.mcp.json"),
        ]
        try await backend.sources.insertSource(StoreFixtures.source("s1"))
        try await backend.catalog.saveScan(source: StoreFixtures.source("s2"), entries: Array(entries.suffix(3)))
        try await backend.catalog.saveEntries(Array(entries.prefix(6)))
        return entries
    }

    /// Every page of `query` at `limit`, concatenated, with the number of pages read.
    static func allPages(_ catalog: any CatalogStore, _ query: CatalogQuery, limit: Int) async throws -> (entries: [CatalogEntryRecord], pages: Int) {
        var query = query
        query.limit = limit
        var entries: [CatalogEntryRecord] = []
        var pages = 0
        repeat {
            let page = try await catalog.entries(query)
            #expect(page.items.count <= limit)
            entries += page.items
            query.after = page.nextCursor
            pages += 1
        } while query.after != nil && pages < 50
        return (entries, pages)
    }

    static var catalogChecks: [Check] {
        [
            Check("catalog: entries read back as written, by id, id prefix and source") { backend in
                let entries = try await tiedCatalog(backend)
                for entry in entries { #expect(try await backend.catalog.entry(id: entry.id) == entry) }
                #expect(try await backend.catalog.entry(id: "nope") == nil)
                #expect(try await backend.catalog.entries(idPrefix: "e0").map(\.id) == entries.map(\.id))
                #expect(try await backend.catalog.entries(idPrefix: "e08").map(\.id) == ["e08"])
                #expect(try await backend.catalog.allEntries(sourceID: "s2").map(\.id) == ["e07", "e08", "e09"])
                #expect(try await backend.sources.source(id: "s2") == StoreFixtures.source("s2"))
            },
            Check("catalog: filters by source, status, type, confidence and search; excluded only when asked") { backend in
                _ = try await tiedCatalog(backend)
                func ids(_ query: CatalogQuery) async throws -> Set<String> { Set(try await backend.catalog.entries(query).items.map(\.id)) }
                #expect(try await ids(CatalogQuery()) == ["e01", "e02", "e03", "e04", "e05", "e07", "e08", "e09"])
                #expect(try await ids(CatalogQuery(includeExcluded: true)).count == 9)
                #expect(try await ids(CatalogQuery(sourceID: "s2")) == ["e07", "e08", "e09"])
                #expect(try await ids(CatalogQuery(statuses: [.excluded])) == ["e06"])
                #expect(try await ids(CatalogQuery(statuses: [.new, .imported])) == ["e01", "e02", "e04", "e07", "e08", "e09"])
                #expect(try await ids(CatalogQuery(type: .command)) == ["e02"])
                #expect(try await ids(CatalogQuery(minConfidence: 95)) == ["e03", "e09"])
                #expect(try await ids(CatalogQuery(search: "pdf")) == ["e08", "e09"])
                #expect(try await ids(CatalogQuery(search: "ALPH")) == ["e04"])
                #expect(try await ids(CatalogQuery(sourceID: "s1", statuses: [.new], type: .skill, minConfidence: 80, search: "same")) == ["e01"])
            },
            Check("catalog: every sort lists in its order, ties broken by name and id") { backend in
                let entries = try await tiedCatalog(backend)
                for sort in CatalogQuery.Sort.allCases {
                    let listed = try await backend.catalog.entries(CatalogQuery(includeExcluded: true, sort: sort)).items
                    #expect(listed.map(\.id) == entries.sorted(by: sort.precedes).map(\.id), "\(sort)")
                    #expect(try await backend.catalog.entries(CatalogQuery(includeExcluded: true, sort: sort)).nextCursor == nil)
                }
            },
            Check("catalog: keyset pages of every sort and size cover every entry once, in order; the last page has no cursor") { backend in
                let entries = try await tiedCatalog(backend)
                for sort in CatalogQuery.Sort.allCases {
                    let expected = entries.sorted(by: sort.precedes).map(\.id)
                    for limit in 1...10 {
                        let (paged, pages) = try await allPages(backend.catalog, CatalogQuery(includeExcluded: true, sort: sort), limit: limit)
                        #expect(paged.map(\.id) == expected, "\(sort), limit \(limit)")
                        #expect(pages == max(1, (expected.count + limit - 1) / limit), "\(sort), limit \(limit)")
                    }
                    let filtered = try await allPages(backend.catalog, CatalogQuery(sourceID: "s1", sort: sort), limit: 2)
                    #expect(filtered.entries.map(\.id) == entries.filter { $0.sourceID == "s1" && $0.status != .excluded }.sorted(by: sort.precedes).map(\.id))
                }
            },
            Check("catalog: numbered pages (offset) of every sort cover every entry once, and each page counts every match as total") { backend in
                let entries = try await tiedCatalog(backend)
                for sort in CatalogQuery.Sort.allCases {
                    let expected = entries.sorted(by: sort.precedes).map(\.id)
                    var paged: [String] = []
                    for page in 0..<((expected.count + 2) / 3) {
                        let result = try await backend.catalog.entries(CatalogQuery(includeExcluded: true, sort: sort, limit: 3, offset: page * 3))
                        #expect(result.total == expected.count, "\(sort), page \(page)")
                        paged += result.items.map(\.id)
                    }
                    #expect(paged == expected, "\(sort)")
                    let filtered = try await backend.catalog.entries(CatalogQuery(sourceID: "s1", sort: sort, limit: 1))
                    #expect(filtered.total == entries.filter { $0.sourceID == "s1" && $0.status != .excluded }.count)
                }
            },
            Check("catalog: a cursor is tied to its sort; garbage and another sort's cursor are refused") { backend in
                _ = try await tiedCatalog(backend)
                let page = try await backend.catalog.entries(CatalogQuery(sort: .name, limit: 2))
                let cursor = try #require(page.nextCursor)
                for bad in ["garbage", "e01", ""] {
                    await #expect(throws: StoreError.self) { _ = try await backend.catalog.entries(CatalogQuery(sort: .name, after: bad)) }
                }
                await #expect(throws: StoreError.self) { _ = try await backend.catalog.entries(CatalogQuery(sort: .confidence, after: cursor)) }
                // An entry deleted between two pages does not break the cursor that named it.
                try await backend.sources.deleteSource(id: "s1")
                #expect(try await backend.catalog.entries(CatalogQuery(sort: .name, after: cursor)).items.allSatisfy { $0.sourceID == "s2" })
            },
            Check("catalog: the user's name for an entry is kept as written, and cleared when nil") { backend in
                try await backend.sources.insertSource(StoreFixtures.source("s1"))
                var entry = StoreFixtures.entry("a")
                entry.userName = "pdf-tools"
                try await backend.catalog.saveEntries([entry])
                #expect(try await backend.catalog.entry(id: "a")?.userName == "pdf-tools")
                #expect(try await backend.catalog.entry(id: "a") == entry)
                #expect(try await backend.catalog.nameFields(sourceID: "s1").map(\.userName) == ["pdf-tools"])
                entry.userName = nil
                try await backend.catalog.saveEntries([entry])
                #expect(try await backend.catalog.entry(id: "a")?.userName == nil)
            },
            Check("catalog: import names are stored for a whole source in one call, kept by entry writes and read back by id") { backend in
                try await backend.sources.insertSource(StoreFixtures.source("s1"))
                try await backend.sources.insertSource(StoreFixtures.source("s2"))
                let entries = [
                    StoreFixtures.entry("a"), StoreFixtures.entry("b", status: .excluded), StoreFixtures.entry("c", status: .imported),
                    StoreFixtures.entry("d", source: "s2"),
                ]
                try await backend.catalog.saveEntries(entries)
                // A new entry has no name until one is stored.
                #expect(try await backend.catalog.importNames(ids: ["a", "b", "c", "d"]).isEmpty)
                #expect(try await backend.catalog.nameFields(sourceID: "s1").allSatisfy { $0.importName == nil })
                // The naming sees every entry of its source, whatever its status, as nameFields reads them.
                let seen = SeenFields()
                let changed = try await backend.catalog.updateImportNames(sourceID: "s1") { fields in
                    seen.set(fields)
                    return Dictionary(uniqueKeysWithValues: fields.map { ($0.id, "n-\($0.name)") })
                }
                #expect(changed == 3)
                #expect(seen.fields.map(\.id) == ["a", "b", "c"])
                #expect(seen.fields.map { $0.importName } == [nil, nil, nil])
                #expect(try await backend.catalog.importNames(ids: ["a", "b", "c", "d", "zzz"]) == ["a": "n-a", "b": "n-b", "c": "n-c"])
                #expect(try await backend.catalog.nameFields(sourceID: "s1").map(\.importName) == ["n-a", "n-b", "n-c"])
                // Only names that differ are written; an id the naming leaves out keeps its name.
                #expect(try await backend.catalog.updateImportNames(sourceID: "s1") { _ in ["a": "n-a", "b": "other", "zzz": "x"] } == 1)
                #expect(try await backend.catalog.importNames(ids: ["a", "b", "c"]) == ["a": "n-a", "b": "other", "c": "n-c"])
                // Entry writes (a rescan's, a status change's) leave stored names alone.
                var renamed = entries[0]
                renamed.name = "renamed"
                try await backend.catalog.saveEntries([renamed])
                try await backend.catalog.saveScan(source: StoreFixtures.source("s1"), entries: [entries[2]])
                #expect(try await backend.catalog.importNames(ids: ["a", "c"]) == ["a": "n-a", "c": "n-c"])
                #expect(try await backend.catalog.entry(id: "a") == renamed)
                // Another source's entries are not named.
                #expect(try await backend.catalog.importNames(ids: ["d"]).isEmpty)
                // Many ids at once (past any bound-parameter limit).
                let many = (0..<1_200).map { StoreFixtures.entry(String(format: "m%04d", $0), source: "s2") }
                try await backend.catalog.saveEntries(many)
                try await backend.catalog.updateImportNames(sourceID: "s2") { Dictionary(uniqueKeysWithValues: $0.map { ($0.id, $0.id) }) }
                #expect(try await backend.catalog.importNames(ids: many.map(\.id)).count == many.count)
            },
            Check("catalog: lookups by content across sources and by the collection artifact an entry became") { backend in
                try await backend.sources.insertSource(StoreFixtures.source("s1"))
                try await backend.sources.insertSource(StoreFixtures.source("s2"))
                try await backend.catalog.saveEntries([
                    StoreFixtures.entry("a", hash: "H"), StoreFixtures.entry("b", source: "s2", hash: "H"),
                    StoreFixtures.entry("c", source: "s2", type: .command, hash: "H"),
                    StoreFixtures.entry("d", status: .imported, importedAs: "work/skill:d"),
                    StoreFixtures.entry("e", source: "s2", status: .imported, importedAs: "work/skill:d"),
                    StoreFixtures.entry("f", status: .imported, importedAs: "work2/skill:f"),
                    StoreFixtures.entry("g", status: .removed, importedAs: "work/command:g"),
                ])
                #expect(try await backend.catalog.entries(type: .skill, contentHash: "H", notInSource: "s1").map(\.id) == ["b"])
                #expect(try await backend.catalog.entries(type: .skill, contentHash: "H", notInSource: "s3").map(\.id) == ["a", "b"])
                #expect(try await backend.catalog.entries(importedAs: "work/skill:d").map(\.id) == ["d", "e"])
                #expect(try await backend.catalog.entries(importedAs: "work/skill:zzz").isEmpty)
                #expect(try await backend.catalog.entries(importedAs: ["work2/skill:f", "work/command:g", "work/skill:zzz"]).map(\.id) == ["f", "g"])
                #expect(try await backend.catalog.entries(importedAs: [String]()).isEmpty)
                #expect(try await backend.catalog.entries(importedInto: "work").map(\.id) == ["d", "e", "g"])
                #expect(try await backend.catalog.entries(importedInto: "work2").map(\.id) == ["f"])
                #expect(try await backend.catalog.entries(importedInto: "wor").isEmpty)
                // The naming fields are the entries' own, for every status.
                for source in ["s1", "s2", "none"] {
                    #expect(try await backend.catalog.nameFields(sourceID: source) == (try await backend.catalog.allEntries(sourceID: source)).map(\.nameFields))
                }
            },
            Check("catalog: counts by status (all) and by type (not excluded), of one source or all") { backend in
                _ = try await tiedCatalog(backend)
                let all = try await backend.catalog.counts(sourceID: nil)
                #expect(all.byStatus == [.new: 5, .updated: 1, .imported: 1, .removed: 1, .excluded: 1])
                #expect(all.byType == ["skill": 5, "command": 1, "agent": 1, "mcp_server": 1])
                let s2 = try await backend.catalog.counts(sourceID: "s2")
                #expect(s2.byStatus == [.new: 3])
                #expect(s2.byType == ["skill": 1, "agent": 1, "mcp_server": 1])
                #expect(try await backend.catalog.counts(sourceID: "none") == CatalogCounts())
            },
            Check("catalog: the three-field rule and the source link are guarded; a refused batch writes nothing") { backend in
                try await backend.sources.insertSource(StoreFixtures.source("s1"))
                var broken = StoreFixtures.entry("bad", status: .imported)
                broken.importID = nil
                var stray = StoreFixtures.entry("stray", status: .new)
                stray.importID = "imp-9"
                stray.importDate = StoreFixtures.date()
                for bad in [broken, stray, StoreFixtures.entry("orphan", source: "missing")] {
                    await #expect(throws: StoreError.self) { try await backend.catalog.saveEntries([StoreFixtures.entry("good"), bad]) }
                    #expect(try await backend.catalog.entry(id: "good") == nil, "\(bad.id)")
                }
                // Removed and excluded entries may keep an import (the lifecycle keeps it for them).
                var kept = StoreFixtures.entry("kept", status: .imported)
                kept.status = .removed
                try await backend.catalog.saveEntries([kept])
                #expect(try await backend.catalog.entry(id: "kept") == kept)
            },
            Check("catalog: every lifecycle transition's result is stored and read back as it is") { backend in
                try await backend.sources.insertSource(StoreFixtures.source("s1"))
                var count = 0
                for status in CatalogStatus.allCases {
                    let entry = StoreFixtures.entry("t-\(status)", status: status)
                    let candidate = StoreFixtures.entry("t-\(status)", hash: "other")
                    let events: [CatalogEvent] = [
                        .scanFound(entry, at: StoreFixtures.date(100)), .scanChanged(candidate, at: StoreFixtures.date(100)), .scanMissing,
                        .imported(importID: "imp-2", at: StoreFixtures.date(200), importedAs: "default/skill:x"), .removedFromCollection,
                        .excluded(reason: "dup", at: StoreFixtures.date(300)), .restored, .renamed(importedAs: "default/skill:y"),
                    ]
                    for event in events {
                        guard let next = try? CatalogLifecycle.apply(event, to: entry) else { continue }
                        try await backend.catalog.saveEntries([next])
                        #expect(try await backend.catalog.entry(id: next.id) == next, "\(status) + \(event.name)")
                        count += 1
                    }
                }
                #expect(count > 30)
                let reset = try await backend.catalog.record(.removedFromCollection, on: [StoreFixtures.entry("r", status: .imported)])
                #expect(reset.map(\.status) == [.new])
                #expect(try await backend.catalog.entry(id: "r")?.importID == nil)
            },
        ]
    }
}

/// What a naming closure was given, for the contract to look at afterwards.
private final class SeenFields: Sendable {
    private let stored = Mutex<[CatalogNameFields]>([])
    var fields: [CatalogNameFields] { stored.withLock { $0 } }
    func set(_ fields: [CatalogNameFields]) { stored.withLock { $0 = fields } }
}
