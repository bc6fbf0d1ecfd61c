import Foundation
import SkillMeatPluginAPI
import SkillMeatStore
import Testing

extension StoreContract {
    static var collectionCacheChecks: [Check] {
        [
            Check("cache: a row reads back as written, by key and by name") { backend in
                let cache = backend.collectionCache
                let pdf = StoreFixtures.artifact("pdf")
                let command = StoreFixtures.artifact("pdf", type: .command)
                try await cache.upsert([pdf, command], state: StoreFixtures.state())
                #expect(try await cache.artifact(collection: "default", id: pdf.id) == pdf)
                #expect(try await cache.artifact(collection: "other", id: pdf.id) == nil)
                #expect(try await cache.artifacts(collection: "default", named: "pdf") == [command, pdf])
                #expect(try await cache.state(collection: "default") == StoreFixtures.state())
                #expect(try await cache.state(collection: "other") == nil)
            },
            Check("cache: upsert replaces metadata but keeps deployments; a new row takes the ones given") { backend in
                let cache = backend.collectionCache
                try await cache.upsert([StoreFixtures.artifact("pdf", deployments: #"[{"a":1}]"#)], state: nil)
                var changed = StoreFixtures.artifact("pdf", tags: ["new"], description: "changed")
                try await cache.upsert([changed], state: nil)
                changed.deploymentsJSON = #"[{"a":1}]"#
                #expect(try await cache.artifact(collection: "default", id: changed.id) == changed)
                #expect(try await cache.state(collection: "default") == nil)
            },
            Check("cache: replacing a collection drops rows it no longer has, deployments included, and only its own") { backend in
                let cache = backend.collectionCache
                try await cache.upsert([StoreFixtures.artifact("a"), StoreFixtures.artifact("b"), StoreFixtures.artifact("a", collection: "other")], state: nil)
                let fresh = StoreFixtures.artifact("c", deployments: #"[{"x":2}]"#)
                try await cache.replaceCollection("default", with: [fresh], state: StoreFixtures.state(size: 7))
                #expect(try await cache.artifacts(CachedArtifactQuery(collection: "default")).items == [fresh])
                #expect(try await cache.artifacts(CachedArtifactQuery(collection: "other")).items.count == 1)
                #expect(try await cache.state(collection: "default")?.manifestSize == 7)
            },
            Check("cache: delete removes one row and records the state; deleteCollection removes rows and state") { backend in
                let cache = backend.collectionCache
                let a = StoreFixtures.artifact("a"), b = StoreFixtures.artifact("b")
                try await cache.upsert([a, b, StoreFixtures.artifact("a", collection: "other")], state: StoreFixtures.state())
                try await cache.delete(collection: "default", id: a.id, state: StoreFixtures.state(size: 5))
                #expect(try await cache.artifacts(CachedArtifactQuery(collection: "default")).items == [b])
                #expect(try await cache.state(collection: "default")?.manifestSize == 5)
                try await cache.deleteCollection("default")
                #expect(try await cache.artifacts(CachedArtifactQuery(collection: "default")).items.isEmpty)
                #expect(try await cache.state(collection: "default") == nil)
                #expect(try await cache.artifacts(CachedArtifactQuery(collection: "other")).items.count == 1)
            },
            Check("cache: a write-through's state is recorded only over the state it followed; its rows always") { backend in
                let cache = backend.collectionCache
                let base = StoreFixtures.state(size: 10)
                try await cache.upsert([StoreFixtures.artifact("a")], state: base)
                // Followed the stored state: recorded.
                try await cache.upsert([StoreFixtures.artifact("b")], state: StoreFixtures.state(size: 11), after: base.stamp)
                #expect(try await cache.state(collection: "default")?.manifestSize == 11)
                // Followed a state never stored (another writer came first): rows in, state left behind.
                try await cache.upsert([StoreFixtures.artifact("c")], state: StoreFixtures.state(size: 13), after: StoreFixtures.state(size: 12).stamp)
                #expect(try await cache.state(collection: "default")?.manifestSize == 11)
                #expect(try await cache.artifacts(CachedArtifactQuery(collection: "default")).items.map(\.name) == ["a", "b", "c"])
                try await cache.delete(collection: "default", id: StoreFixtures.artifact("c").id, state: StoreFixtures.state(size: 14), after: StoreFixtures.state(size: 13).stamp)
                #expect(try await cache.state(collection: "default")?.manifestSize == 11)
                try await cache.delete(collection: "default", id: StoreFixtures.artifact("b").id, state: StoreFixtures.state(size: 15), after: StoreFixtures.state(size: 11).stamp)
                #expect(try await cache.state(collection: "default")?.manifestSize == 15)
                // No state at all yet: nothing to follow, nothing recorded.
                try await cache.upsert([StoreFixtures.artifact("x", collection: "other")], state: StoreFixtures.state("other"), after: base.stamp)
                #expect(try await cache.state(collection: "other") == nil)
            },
            Check("cache: filters by type, tag (any case) and search over name, description and tags; ordered by type then name") { backend in
                let cache = backend.collectionCache
                try await cache.upsert([
                    StoreFixtures.artifact("zeta", type: .agent, tags: ["Docs"]),
                    StoreFixtures.artifact("alpha", tags: ["pdf-tools"]),
                    StoreFixtures.artifact("beta", type: .command, tags: [], description: "Makes PDF files"),
                    StoreFixtures.artifact("gamma", tags: []),
                ], state: nil)
                func names(_ query: CachedArtifactQuery) async throws -> [String] { try await cache.artifacts(query).items.map(\.name) }
                #expect(try await names(CachedArtifactQuery(collection: "default")) == ["zeta", "beta", "alpha", "gamma"])
                #expect(try await names(CachedArtifactQuery(collection: "default", type: .skill)) == ["alpha", "gamma"])
                #expect(try await names(CachedArtifactQuery(collection: "default", tag: "docs")) == ["zeta"])
                #expect(try await names(CachedArtifactQuery(collection: "default", search: "pdf")) == ["beta", "alpha"])
                #expect(try await names(CachedArtifactQuery(collection: "default", search: "ZET")) == ["zeta"])
                #expect(try await names(CachedArtifactQuery(collection: "default", type: .hook)) == [])
            },
            Check("cache: keyset pages cover every row once, the last page has no cursor, a bad cursor is refused") { backend in
                let cache = backend.collectionCache
                let rows = (0..<7).map { StoreFixtures.artifact("n\($0)", type: $0 % 2 == 0 ? .skill : .command) }
                try await cache.upsert(rows, state: nil)
                let expected = try await cache.artifacts(CachedArtifactQuery(collection: "default")).items
                for limit in [1, 2, 3, 7, 8] {
                    var seen: [CachedArtifact] = []
                    var cursor: String?
                    var pages = 0
                    repeat {
                        let page = try await cache.artifacts(CachedArtifactQuery(collection: "default", after: cursor, limit: limit))
                        #expect(page.items.count <= limit)
                        seen += page.items
                        cursor = page.nextCursor
                        pages += 1
                    } while cursor != nil && pages < 20
                    #expect(seen == expected, "limit \(limit)")
                    #expect(pages == max(1, (expected.count + limit - 1) / limit), "limit \(limit)")
                }
                await #expect(throws: StoreError.self) { _ = try await cache.artifacts(CachedArtifactQuery(collection: "default", after: "nocolon")) }
            },
            Check("cache: visiting streams the rows of a query in order; the visitor's own error passes through") { backend in
                let cache = backend.collectionCache
                try await cache.upsert((0..<5).map { StoreFixtures.artifact("v\($0)") }, state: nil)
                var visited: [String] = []
                try await cache.visitArtifacts(CachedArtifactQuery(collection: "default", after: "skill:v1", limit: 2)) { visited.append($0.name) }
                #expect(visited == ["v2", "v3"])
                struct Stop: Error {}
                await #expect(throws: Stop.self) { try await cache.visitArtifacts(CachedArtifactQuery(collection: "default")) { _ in throw Stop() } }
            },
            Check("cache: deployments are set and transformed per row; missing rows are skipped") { backend in
                let cache = backend.collectionCache
                let a = StoreFixtures.artifact("a"), b = StoreFixtures.artifact("b")
                try await cache.upsert([a, b], state: nil)
                try await cache.setDeployments(collection: "default", id: a.id, json: #"[{"p":1}]"#)
                let ghost = ArtifactID(type: .hook, name: "ghost")
                var seen: [ArtifactID] = []
                try await cache.updateDeployments(collection: "default", ids: [a.id, b.id, ghost]) { id, current in
                    seen.append(id)
                    return id == a.id ? current.replacingOccurrences(of: "1", with: "2") : current
                }
                #expect(seen == [a.id, b.id])
                #expect(try await cache.artifact(collection: "default", id: a.id)?.deploymentsJSON == #"[{"p":2}]"#)
                #expect(try await cache.artifact(collection: "default", id: b.id)?.deploymentsJSON == "[]")
                #expect(try await cache.artifact(collection: "default", id: ghost) == nil)
            },
            Check("cache: statistics count rows per collection and the last sync; type counts per collection") { backend in
                let cache = backend.collectionCache
                try await cache.upsert([StoreFixtures.artifact("a"), StoreFixtures.artifact("b")], state: StoreFixtures.state())
                try await cache.upsert([StoreFixtures.artifact("c", collection: "work")], state: nil)
                let statistics = try await cache.statistics()
                #expect(statistics.artifactsByCollection == ["default": 2, "work": 1])
                try await cache.upsert([StoreFixtures.artifact("d", type: .command, collection: "work")], state: nil)
                #expect(try await cache.typeCounts(collection: "default") == [.skill: 2])
                #expect(try await cache.typeCounts(collection: "work") == [.skill: 1, .command: 1])
                #expect(try await cache.typeCounts(collection: "none").isEmpty)
                #expect(statistics.lastSyncByCollection == ["default": StoreFixtures.date(120)])
                #expect(!statistics.databasePath.isEmpty)
                #expect(try await !backend.appliedMigrations().isEmpty)
            },
        ]
    }
}
