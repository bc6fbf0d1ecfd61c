import Foundation
import SkillMeatStore

/// The sources as the marketplace keeps them: `sources.toml` is written first and read back, the
/// database's rows follow it (DESIGN §3, nothing lives only in the database). A source the database
/// lacks or holds differently (a deleted, damaged or rebuilt `cache.db`) is written back to it when
/// read, so its catalog can be scanned again; a home whose file is missing (made before the file
/// existed) gets it written once from the database.
struct FileBackedSourceStore: SourceStore {
    let file: RecordFile<MarketplaceSourceRecord>
    let decisions: RecordFile<CatalogDecision>
    let cache: any SourceStore

    func insertSource(_ source: MarketplaceSourceRecord) async throws(StoreError) {
        try Self.change(file) { records throws(StoreError) in
            guard records[source.id] == nil else { throw .constraint("A source with the id '\(source.id)' already exists.") }
            records[source.id] = source
        }
        try await cache.updateSource(source)
    }

    func updateSource(_ source: MarketplaceSourceRecord) async throws(StoreError) {
        try Self.change(file) { $0[source.id] = source }
        try await cache.updateSource(source)
    }

    func deleteSource(id: String) async throws(StoreError) {
        try Self.change(file) { $0[id] = nil }
        // Its catalog goes with it, and so do the decisions about that catalog.
        try Self.change(decisions) { $0 = $0.filter { $0.value.sourceID != id } }
        try await cache.deleteSource(id: id)
    }

    func source(id: String) async throws(StoreError) -> MarketplaceSourceRecord? {
        guard let record = try await records()[id] else { return nil }
        if try await cache.source(id: id) != record { try await cache.updateSource(record) }
        return record
    }

    func sources() async throws(StoreError) -> [MarketplaceSourceRecord] {
        let records = try await records()
        let cached = Dictionary(try await cache.sources().map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for record in records.values where cached[record.id] != record { try await cache.updateSource(record) }
        return records.values.sorted(by: file.precedes)
    }

    /// Deletes the database's sources the file does not have (and their catalogs): a rebuild makes the
    /// database follow the file exactly. Returns how many sources the file holds.
    func restore() async throws(StoreError) -> Int {
        let records = try await records()
        for stale in try await cache.sources() where records[stale.id] == nil { try await cache.deleteSource(id: stale.id) }
        return try await sources().count
    }

    /// The file's sources; when the file is missing, it is first written from the database.
    private func records() async throws(StoreError) -> [String: MarketplaceSourceRecord] {
        if !file.exists {
            let cached = try await cache.sources()
            if !cached.isEmpty {
                try Self.change(file) { records in
                    for record in cached where records[record.id] == nil { records[record.id] = record }
                }
            }
        }
        do {
            return try file.read()
        } catch {
            throw .unavailable(error.description)
        }
    }

    /// `RecordFile.update` with its failures as store errors.
    static func change<Record>(_ file: RecordFile<Record>, _ body: (inout [String: Record]) throws(StoreError) -> Void) throws(StoreError) {
        do {
            try file.update { records in try body(&records) }
        } catch let error as StoreError {
            throw error
        } catch {
            throw .unavailable("\(error)")
        }
    }
}
