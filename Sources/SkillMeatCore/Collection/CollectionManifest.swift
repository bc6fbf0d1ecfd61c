public import Foundation
public import SkillMeatPluginAPI
import SkillMeatStore

/// `collection.toml`: the `[collection]` table and the `[[artifacts]]` entries. Unknown keys at any
/// level survive a rewrite.
public struct CollectionManifest: Sendable, Hashable {
    /// The `[collection]` table as read (name, version, created, updated and anything else).
    public var header: [String: JSONValue]
    public var artifacts: [CollectionArtifact]
    /// Top-level keys other than `collection` and `artifacts`.
    public var extra: [String: JSONValue]

    public init(header: [String: JSONValue], artifacts: [CollectionArtifact] = [], extra: [String: JSONValue] = [:]) {
        self.header = header
        self.artifacts = artifacts
        self.extra = extra
    }

    /// A new, empty manifest for the collection `name`.
    public static func empty(name: String, now: Date) -> CollectionManifest {
        let stamp = Timestamp.string(now)
        return CollectionManifest(header: [
            "name": .string(name), "version": .string("1.0.0"), "created": .string(stamp), "updated": .string(stamp),
        ])
    }

    /// Parses manifest text; errors name `file` and, for syntax errors, the line.
    public static func parse(_ text: String, file: String) throws(SkillMeatError) -> CollectionManifest {
        let table = try TOMLCodec.parse(text, path: file)
        var artifacts: [CollectionArtifact] = []
        if let list = table["artifacts"] {
            guard case .array(let items) = list else {
                throw .malformedFile(path: file, line: nil, reason: "'artifacts' must be an array of tables ([[artifacts]])")
            }
            for (index, item) in items.enumerated() {
                guard case .object(let entry) = item else {
                    throw .malformedFile(path: file, line: nil, reason: "artifact #\(index + 1) is not a table")
                }
                artifacts.append(try CollectionArtifact(table: entry, index: index, file: file))
            }
        }
        var seen = Set<ArtifactID>()
        for artifact in artifacts where !seen.insert(artifact.id).inserted {
            throw .malformedFile(path: file, line: nil, reason: "the artifact '\(artifact.id)' is listed twice")
        }
        return CollectionManifest(
            header: table["collection"]?.objectValue ?? [:],
            artifacts: artifacts,
            extra: table.filter { $0.key != "collection" && $0.key != "artifacts" }
        )
    }

    static let codec = TOMLCodec(priorityKeys: [
        "name", "type", "path", "origin", "origin_source", "upstream", "version_spec", "resolved_sha",
        "resolved_version", "added", "last_updated", "tags", "import_id", "version", "created", "updated",
        "title", "description", "author", "license", "tools",
    ])

    /// The manifest as TOML text.
    public func serialized() -> String {
        var table = extra
        table["collection"] = .object(header)
        if !artifacts.isEmpty { table["artifacts"] = .array(artifacts.map { .object($0.table) }) }
        return Self.codec.serialize(table)
    }

    /// The entry for `id`, if the collection has it.
    public func artifact(_ id: ArtifactID) -> CollectionArtifact? {
        artifacts.first { $0.id == id }
    }

    /// Every entry called `name`, of any type.
    public func artifacts(named name: String) -> [CollectionArtifact] {
        artifacts.filter { $0.name == name }
    }

    /// The collection's name as its header says.
    public var name: String? { header["name"]?.stringValue }
}

/// `collection.lock`: content hashes and resolved refs per `name::type`.
public struct CollectionLock: Sendable, Hashable {
    public var entries: [String: LockEntry]
    /// Keys of `[lock]` other than `version` and `entries`, and top-level keys other than `lock`.
    public var extraLock: [String: JSONValue]
    public var extra: [String: JSONValue]

    public init(entries: [String: LockEntry] = [:], extraLock: [String: JSONValue] = [:], extra: [String: JSONValue] = [:]) {
        self.entries = entries
        self.extraLock = extraLock
        self.extra = extra
    }

    public static func parse(_ text: String, file: String) throws(SkillMeatError) -> CollectionLock {
        let table = try TOMLCodec.parse(text, path: file)
        let lock = table["lock"]?.objectValue ?? [:]
        var entries: [String: LockEntry] = [:]
        for (key, value) in lock["entries"]?.objectValue ?? [:] {
            guard case .object(let entry) = value else {
                throw .malformedFile(path: file, line: nil, reason: "lock entry '\(key)' is not a table")
            }
            entries[key] = LockEntry(table: entry)
        }
        return CollectionLock(
            entries: entries,
            extraLock: lock.filter { $0.key != "entries" && $0.key != "version" },
            extra: table.filter { $0.key != "lock" }
        )
    }

    public func serialized() -> String {
        var lock = extraLock
        lock["version"] = .string("1.0.0")
        lock["entries"] = .object(entries.mapValues { .object($0.table) })
        var table = extra
        table["lock"] = .object(lock)
        return TOMLCodec(priorityKeys: ["version", "content_hash", "fetched", "upstream", "resolved_sha", "resolved_version"]).serialize(table)
    }
}
