public import Foundation
public import SkillMeatPluginAPI

/// `skillmeat.lock` beside `skillmeat.toml`: what each wanted artifact resolved to — the source, ref
/// and path it was asked for, the commit read, the upstream address and the content hash — so `sync`
/// on another machine fetches exactly those bytes. No dates: two syncs of one manifest write the
/// same text.
public struct ProjectLock: Sendable, Hashable {
    public static let fileName = "skillmeat.lock"

    public struct Entry: Sendable, Hashable {
        public var id: ArtifactID
        public var source: String?
        public var ref: String?
        public var path: String?
        public var commit: String?
        public var upstream: String?
        public var contentHash: String

        public init(id: ArtifactID, source: String?, ref: String?, path: String?, commit: String?, upstream: String?, contentHash: String) {
            self.id = id
            self.source = source
            self.ref = ref
            self.path = path
            self.commit = commit
            self.upstream = upstream
            self.contentHash = contentHash
        }

        /// Whether this entry was resolved from what `wanted` asks for (same source, ref and path).
        public func matches(_ wanted: ProjectManifest.Entry) -> Bool {
            source == wanted.source && ref == wanted.ref && (wanted.source == nil || path == wanted.path)
        }
    }

    public var entries: [ArtifactID: Entry]

    public init(entries: [ArtifactID: Entry] = [:]) {
        self.entries = entries
    }

    public static func url(in project: URL) -> URL {
        project.appending(path: fileName, directoryHint: .notDirectory)
    }

    /// Reads the project's lock; a missing file is an empty lock.
    public static func read(in project: URL) throws(SkillMeatError) -> ProjectLock {
        let url = url(in: project)
        let table = try TOMLCodec.read(url)
        var lock = ProjectLock()
        for (key, value) in table {
            guard let type = ProjectManifest.type(ofTable: key), let artifacts = value.objectValue else { continue }
            for (name, item) in artifacts {
                guard let fields = item.objectValue, let hash = fields["content_hash"]?.stringValue else {
                    throw .malformedFile(path: url.path, line: nil, reason: "'\(key).\(name)' has no content_hash")
                }
                let id = ArtifactID(type: type, name: name)
                lock.entries[id] = Entry(
                    id: id, source: fields["source"]?.stringValue, ref: fields["ref"]?.stringValue, path: fields["path"]?.stringValue,
                    commit: fields["commit"]?.stringValue, upstream: fields["upstream"]?.stringValue, contentHash: hash
                )
            }
        }
        return lock
    }

    public func serialized() -> String {
        var table: [String: JSONValue] = ["version": .int(1)]
        for entry in entries.values {
            var fields: [String: JSONValue] = ["content_hash": .string(entry.contentHash)]
            fields.setText("source", entry.source)
            fields.setText("ref", entry.ref)
            fields.setText("path", entry.path)
            fields.setText("commit", entry.commit)
            fields.setText("upstream", entry.upstream)
            var group = table[entry.id.type.collectionFolder]?.objectValue ?? [:]
            group[entry.id.name] = .object(fields)
            table[entry.id.type.collectionFolder] = .object(group)
        }
        let header = "# Written by SkillMeat's sync: the commit and content hash each artifact of skillmeat.toml resolved to. Commit it.\n"
        return header + TOMLCodec(priorityKeys: ["version", "source", "ref", "path", "commit", "upstream", "content_hash"]).serialize(table)
    }

    /// Writes the lock when its text changed; returns whether it did.
    @discardableResult
    public func write(in project: URL) throws(SkillMeatError) -> Bool {
        let url = Self.url(in: project)
        let text = serialized()
        if (try? String(contentsOf: url, encoding: .utf8)) == text { return false }
        try AtomicFile.write(text, to: url)
        return true
    }
}
