public import Foundation
import SkillMeatPluginAPI
import SkillMeatStore

/// The catalog marks an import is about to make, written under the collection's lock just before the
/// manifest that commits the import. The manifest is a file and the catalog a database row, so the two
/// cannot change in one transaction; if the process dies between them, the next import replays the
/// marks whose artifacts the manifest holds (with the same import id) and drops the others, so no
/// imported artifact is left with its catalog entry `new`.
public struct CatalogMarkJournal: Sendable {
    /// One entry to mark: what it was imported as, under which import.
    public struct Mark: Sendable, Hashable, Codable {
        public var entryID: String
        public var artifact: String
        public var importID: String
        public var importDate: String

        enum CodingKeys: String, CodingKey {
            case artifact
            case entryID = "entry_id"
            case importID = "import_id"
            case importDate = "import_date"
        }
    }

    public let url: URL

    /// The journal of one import (one file per import, so concurrent imports never clear each other's).
    public init(store: CollectionStore, importID: String) {
        url = store.stagingDirectory.appending(path: "\(Self.prefix)\(importID).json")
    }

    static let prefix = "catalog-marks-"

    /// Every journal an import left in `store`.
    public static func all(in store: CollectionStore) -> [CatalogMarkJournal] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: store.stagingDirectory.path)) ?? []
        return names.filter { $0.hasPrefix(prefix) && $0.hasSuffix(".json") }.sorted().map {
            CatalogMarkJournal(store: store, importID: String($0.dropFirst(prefix.count).dropLast(".json".count)))
        }
    }

    /// Records `marks` (atomically); an empty list leaves nothing behind.
    public func write(_ marks: [Mark]) throws(SkillMeatError) {
        guard !marks.isEmpty else { return clear() }
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try AtomicFile.write(try JSONEncoder().encode(marks), to: url)
        } catch {
            throw (error as? SkillMeatError) ?? .io(url, error)
        }
    }

    /// The marks left by an import that did not finish; none when there is no journal or it is unreadable
    /// (a torn journal was never followed by its manifest write: the rename is the last step).
    public func pending() -> [Mark] {
        guard let data = try? Data(contentsOf: url) else { return [] }
        return (try? JSONDecoder().decode([Mark].self, from: data)) ?? []
    }

    public func clear() {
        try? FileManager.default.removeItem(at: url)
    }

    /// Applies the marks whose artifact the collection holds under the same import id (through
    /// `MarketplaceService.markImported`, so the lifecycle decides the entries' state), then forgets
    /// the journal; returns how many entries were marked.
    @discardableResult
    public func replay(collection: CollectionService, marketplace: MarketplaceService) async throws(SkillMeatError) -> Int {
        let marks = pending()
        guard !marks.isEmpty else { return 0 }
        let (manifest, _) = try collection.store.read()
        let imported = Dictionary(manifest.artifacts.map { ($0.id.description, $0.importID) }, uniquingKeysWith: { first, _ in first })
        // One journal is one import: its marks share the import id and date, so they go in as one batch each.
        var batches: [String: (date: Date, marks: [(entry: CatalogEntryRecord, importedAs: String)])] = [:]
        for mark in marks where imported[mark.artifact] == mark.importID {
            guard let id = ArtifactID(parsing: mark.artifact),
                let record = try? await marketplace.entry(mark.entryID), record.id == mark.entryID,
                record.status != .imported || record.importID != mark.importID
            else { continue }
            let date = Timestamp.date(mark.importDate) ?? Date()
            batches[mark.importID, default: (date, [])].marks.append((record, CollectionService.importedAs(collection: collection.store.name, id: id)))
        }
        var count = 0
        for (importID, batch) in batches.sorted(by: { $0.key < $1.key }) {
            count += try await marketplace.markImported(batch.marks, importID: importID, now: batch.date).count
        }
        clear()
        return count
    }
}
