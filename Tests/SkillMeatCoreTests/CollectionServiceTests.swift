import Foundation
import SkillMeatCache
import SkillMeatCore
import SkillMeatPluginAPI
import SkillMeatStore
import SkillMeatTestSupport
import Testing

@Suite struct CollectionServiceTests {
    @Test("list filters by type, tag and text")
    func filters() async throws {
        let fixture = try await CollectionFixture()
        defer { fixture.folder.remove() }
        try await fixture.put(CollectionFixture.skill("pdf", tags: ["docs"], description: "Read PDF files"), files: ["SKILL.md": "---\nname: pdf\n---\n"])
        try await fixture.put(CollectionFixture.skill("xlsx", tags: ["Sheets"], description: "Spreadsheets"), files: ["SKILL.md": "---\nname: xlsx\n---\n"])
        try await fixture.put(CollectionFixture.command("deploy"), files: ["": "Deploy it."])
        #expect(try await fixture.service.list().map(\.id) == ["command:deploy", "skill:pdf", "skill:xlsx"])
        #expect(try await fixture.service.list(type: .skill).map(\.name) == ["pdf", "xlsx"])
        #expect(try await fixture.service.list(tag: "sheets").map(\.name) == ["xlsx"])
        #expect(try await fixture.service.list(search: "pdf").map(\.name) == ["pdf"])
        #expect(try await fixture.service.list(search: "SPREAD").map(\.name) == ["xlsx"])
        #expect(try await fixture.service.list(after: "skill:pdf", limit: 5).map(\.name) == ["xlsx"])
    }

    @Test("a manifest edited by hand is noticed and the cache rebuilt before listing")
    func staleCache() async throws {
        let fixture = try await CollectionFixture()
        defer { fixture.folder.remove() }
        try await fixture.put(CollectionFixture.command("deploy"), files: ["": "Deploy it."])
        #expect(try await fixture.service.list().count == 1)
        var text = try String(contentsOf: fixture.service.store.manifestURL, encoding: .utf8)
        text += "\n[[artifacts]]\nname = \"lint\"\ntype = \"command\"\npath = \"commands/lint.md\"\norigin = \"local\"\n"
        try Data(text.utf8).write(to: fixture.service.store.manifestURL)
        #expect(try await fixture.service.list().map(\.name) == ["deploy", "lint"])
    }

    @Test("remove takes a snapshot, deletes the files, the entries and the cache row")
    func remove() async throws {
        let fixture = try await CollectionFixture()
        defer { fixture.folder.remove() }
        try await fixture.put(CollectionFixture.skill("pdf"), files: ["SKILL.md": "---\nname: pdf\n---\n", "scripts/x.py": "print()"])
        let report = try await fixture.service.remove("pdf", type: nil)
        #expect(report.filesRemoved)
        #expect(!FileManager.default.fileExists(atPath: fixture.collection.appending(path: "skills/pdf").path))
        let (manifest, lock) = try fixture.service.store.read()
        #expect(manifest.artifacts.isEmpty && lock.entries.isEmpty)
        #expect(try await fixture.database.collectionCache.artifact(collection: "default", id: ArtifactID(type: .skill, name: "pdf")) == nil)
        let snapshots = try SnapshotStore(store: fixture.service.store).list()
        #expect(snapshots.map(\.id) == [report.snapshot])
        await #expect(throws: SkillMeatError.self) { try await fixture.service.remove("pdf", type: nil) }
    }

    @Test("a name shared by two types hints at choosing a type; an unknown name hints at listing what exists")
    func ambiguousAndMissing() async throws {
        let fixture = try await CollectionFixture()
        defer { fixture.folder.remove() }
        try await fixture.put(CollectionFixture.skill("review"), files: ["SKILL.md": "x"])
        try await fixture.put(CollectionFixture.command("review"), files: ["": "x"])
        await #expect {
            try await fixture.service.show("review", type: nil)
        } throws: { error in
            guard case .invalidArgument(_, let hint) = error as? SkillMeatError else { return false }
            return hint == .chooseType([.skill, .command]) || hint == .chooseType([.command, .skill])
        }
        #expect(try await fixture.service.show("review", type: .command).artifact.id == "command:review")
        await #expect {
            try await fixture.service.show("nope", type: nil)
        } throws: { error in
            guard case .notFound(_, let hint) = error as? SkillMeatError else { return false }
            return hint == .listArtifacts(collection: fixture.service.store.name)
        }
    }

    @Test("refresh re-reads metadata and hashes and never touches deployments")
    func refreshKeepsDeployments() async throws {
        let fixture = try await CollectionFixture()
        defer { fixture.folder.remove() }
        try await fixture.put(CollectionFixture.skill("pdf", description: "old"), files: ["SKILL.md": "---\nname: pdf\ndescription: old\n---\n"])
        let deployments = #"[{"project_path":"/p","profile":"claude_code"}]"#
        try await fixture.database.collectionCache.setDeployments(collection: "default", id: ArtifactID(type: .skill, name: "pdf"), json: deployments)
        try Data("---\nname: pdf\ndescription: new words\nlicense: MIT\n---\n".utf8)
            .write(to: fixture.collection.appending(path: "skills/pdf/SKILL.md"))
        #expect(try await fixture.service.refresh() == ["skill:pdf"])
        let row = try #require(try await fixture.database.collectionCache.artifact(collection: "default", id: ArtifactID(type: .skill, name: "pdf")))
        #expect(row.description == "new words")
        #expect(row.license == "MIT")
        #expect(row.deploymentsJSON == deployments)
        #expect(row.contentHash == (try ContentHash.ofItem(at: fixture.collection.appending(path: "skills/pdf"))))
        #expect(try await fixture.service.show("pdf", type: nil).modified == false)
    }

    @Test("write-through equals rebuild after a random sequence of add, remove and refresh", arguments: [1, 2, 3])
    func writeThroughEqualsRebuild(seed: UInt64) async throws {
        let fixture = try await CollectionFixture()
        defer { fixture.folder.remove() }
        var random = SeededGenerator(seed: seed)
        var present: Set<String> = []
        for step in 0..<40 {
            let name = "a\(Int.random(in: 0..<8, using: &random))"
            switch Int.random(in: 0..<3, using: &random) {
            case 0 where !present.contains(name):
                let artifact = CollectionFixture.skill(name, tags: ["t\(step % 3)"], description: "step \(step)")
                try await fixture.put(artifact, files: ["SKILL.md": "---\nname: \(name)\ndescription: step \(step)\n---\n"])
                present.insert(name)
            case 1 where present.contains(name):
                try await fixture.service.remove(name, type: .skill)
                present.remove(name)
            case 2 where present.contains(name):
                try Data("---\nname: \(name)\ndescription: edited \(step)\n---\n".utf8)
                    .write(to: fixture.collection.appending(path: "skills/\(name)/SKILL.md"))
                try await fixture.service.refresh(name, type: .skill)
            default:
                continue
            }
        }
        func rows() async throws -> [CachedArtifact] {
            try await fixture.database.collectionCache.artifacts(CachedArtifactQuery(collection: "default")).items.map {
                var row = $0
                row.syncedAt = Date(timeIntervalSince1970: 0)
                return row
            }
        }
        let written = try await rows()
        #expect(written.map(\.name).sorted() == present.sorted())
        try await fixture.service.cache.rebuild()
        #expect(try await rows() == written)
    }
}
