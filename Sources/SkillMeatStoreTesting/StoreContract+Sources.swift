import Foundation
import SkillMeatPluginAPI
import SkillMeatStore
import Testing

extension StoreContract {
    static var sourceChecks: [Check] {
        [
            Check("sources: a source reads back as written; the list is by name then id") { backend in
                let sources = backend.sources
                let b = StoreFixtures.source("b", name: "same"), a = StoreFixtures.source("a", name: "same"), c = StoreFixtures.source("c", name: "alpha")
                for source in [b, a, c] { try await sources.insertSource(source) }
                #expect(try await sources.source(id: "a") == a)
                #expect(try await sources.source(id: "zzz") == nil)
                #expect(try await sources.sources().map(\.id) == ["c", "a", "b"])
            },
            Check("sources: a taken id is a constraint error; update writes every field, adding a missing source") { backend in
                let sources = backend.sources
                try await sources.insertSource(StoreFixtures.source("a"))
                await #expect {
                    try await sources.insertSource(StoreFixtures.source("a"))
                } throws: { error in
                    if case .constraint = error as? StoreError { return true }
                    return false
                }
                var changed = StoreFixtures.source("a")
                changed.trust = .untrusted
                changed.manualMap = [:]
                changed.lastScanAt = nil
                changed.lastError = "it failed"
                changed.pendingTags = []
                try await sources.updateSource(changed)
                #expect(try await sources.source(id: "a") == changed)
                try await sources.updateSource(StoreFixtures.source("new"))
                #expect(try await sources.source(id: "new") != nil)
            },
            Check("sources: deleting a source deletes its catalog and nothing else") { backend in
                try await backend.sources.insertSource(StoreFixtures.source("s1"))
                try await backend.catalog.saveScan(source: StoreFixtures.source("s2"), entries: [StoreFixtures.entry("keep", source: "s2")])
                try await backend.catalog.saveEntries([StoreFixtures.entry("gone", source: "s1")])
                try await backend.sources.deleteSource(id: "s1")
                #expect(try await backend.sources.source(id: "s1") == nil)
                #expect(try await backend.catalog.entry(id: "gone") == nil)
                #expect(try await backend.catalog.entry(id: "keep") != nil)
            },
        ]
    }
}
