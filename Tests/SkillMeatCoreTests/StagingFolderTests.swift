import Foundation
import SkillMeatCore
import SkillMeatPluginAPI
import SkillMeatTestSupport
import Testing

/// Scratch folders under `.staging` go when their owner is gone, never while it works.
@Suite struct StagingFolderTests {
    @Test("the next change of the collection sweeps dead owners' scratch folders and keeps a live one")
    func sweepKeepsLiveFolders() async throws {
        let fixture = try await CollectionFixture()
        defer { fixture.folder.remove() }
        let staging = fixture.collection.appending(path: ".staging")
        // Left by a killed process: an owner file nobody locks, and a folder from before owners were recorded.
        let dead = staging.appending(path: "import-dead")
        try FileManager.default.createDirectory(at: dead.appending(path: "0"), withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: staging.appending(path: "import-dead.owner").path, contents: nil))
        let legacy = staging.appending(path: "add-legacy")
        try FileManager.default.createDirectory(at: legacy, withIntermediateDirectories: true)
        // Not a scratch folder: a journal of another kind stays.
        #expect(FileManager.default.createFile(atPath: staging.appending(path: "catalog-marks-imp-1.json").path, contents: Data("[]".utf8)))
        let live = try StagingFolder(in: staging, prefix: "import")
        defer { live.release() }

        try fixture.service.store.update { manifest, _ in manifest.header["note"] = .string("touched") }

        let left = try FileManager.default.contentsOfDirectory(atPath: staging.path).sorted()
        #expect(left == ["catalog-marks-imp-1.json", live.url.lastPathComponent, live.url.lastPathComponent + ".owner"].sorted())
        live.release()
        #expect(try FileManager.default.contentsOfDirectory(atPath: staging.path) == ["catalog-marks-imp-1.json"])
    }
}
