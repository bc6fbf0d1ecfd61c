import Foundation
import SkillMeatPluginAPI
import SkillMeatStore

/// A TOML file under the home holding records as an array of tables (`[[key]]`), each in the record's
/// own `Codable` form with dates as `Timestamp` text. It keeps what must outlive the database
/// (`sources.toml`, `catalog-decisions.toml`, DESIGN §3). Changes run read–modify–write under the
/// file's lock and are written atomically.
struct RecordFile<Record: Codable & Hashable & Sendable>: Sendable {
    let url: URL
    let home: SkillMeatHome
    /// The lock (`.locks/<name>.lock`) and the array's key.
    let lockName: String
    let key: String
    let id: @Sendable (Record) -> String
    /// The order records are written in, for stable files.
    let precedes: @Sendable (Record, Record) -> Bool
    let priorityKeys: [String]

    /// Whether the file exists (homes from before it existed have its records only in the database).
    var exists: Bool { FileManager.default.fileExists(atPath: url.path) }

    /// The records, by id; a missing file holds none.
    func read() throws(SkillMeatError) -> [String: Record] {
        let table = try TOMLCodec.read(url)
        var records: [String: Record] = [:]
        for (index, item) in (table[key]?.arrayValue ?? []).enumerated() {
            do {
                let record = try Self.decoder.decode(Record.self, from: JSONEncoder().encode(item))
                records[id(record)] = record
            } catch {
                throw .malformedFile(path: url.path, line: nil, reason: "the [[\(key)]] table number \(index + 1) lacks a field or has one of the wrong kind")
            }
        }
        return records
    }

    /// Runs `change` on the records while holding the lock and writes the file when they changed (or
    /// when it did not exist yet); if `change` throws, nothing is written.
    @discardableResult
    func update<T>(_ change: (inout [String: Record]) throws -> T) throws -> T {
        try FileLock(home: home, name: lockName).withLock {
            let existed = exists
            var records = try read()
            let before = records
            let result = try change(&records)
            if records != before || !existed { try write(records) }
            return result
        }
    }

    private func write(_ records: [String: Record]) throws(SkillMeatError) {
        var items: [JSONValue] = []
        for record in records.values.sorted(by: precedes) {
            guard let value = try? JSONValue.parse(JSONWriter.encoder.encode(record)), case .object(let fields) = value else {
                throw .io(path: url.path, reason: "the record '\(id(record))' could not be written")
            }
            // TOML has no null: a field left out reads back as nil.
            items.append(.object(fields.filter { $0.value != .null }))
        }
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw .io(url.deletingLastPathComponent(), error)
        }
        try AtomicFile.write(TOMLCodec(priorityKeys: priorityKeys).serialize([key: .array(items)]), to: url)
    }

    /// Reads dates in the `Timestamp` form the writer uses.
    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = Timestamp.date(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not a timestamp")
            }
            return date
        }
        return decoder
    }
}

extension RecordFile where Record == MarketplaceSourceRecord {
    /// `$SKILLMEAT_HOME/sources.toml`: every marketplace source with its settings and last scan, one
    /// `[[sources]]` table each in the fields of `source show --json`. The truth the store's source rows
    /// cache, so a lost or damaged database loses no source.
    static func sources(_ home: SkillMeatHome) -> RecordFile {
        RecordFile(
            url: home.sourcesFile, home: home, lockName: "sources", key: "sources", id: \.id,
            precedes: { ($0.name, $0.id) < ($1.name, $1.id) },
            priorityKeys: ["id", "name", "location", "ref", "root", "trust", "description", "tags", "manual_map"]
        )
    }
}

extension RecordFile where Record == CatalogDecision {
    /// `$SKILLMEAT_HOME/catalog-decisions.toml`: what a rescan cannot tell about catalog entries (the user
    /// excluded one; one was imported, and as what), one `[[entries]]` table each.
    static func catalogDecisions(_ home: SkillMeatHome) -> RecordFile {
        RecordFile(
            url: home.root.appending(path: "catalog-decisions.toml", directoryHint: .notDirectory), home: home, lockName: "catalog-decisions",
            key: "entries", id: \.id, precedes: { ($0.sourceID, $0.id) < ($1.sourceID, $1.id) },
            priorityKeys: ["id", "source_id"]
        )
    }
}
