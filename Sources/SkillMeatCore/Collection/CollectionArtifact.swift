public import SkillMeatPluginAPI

/// One `[[artifacts]]` entry of `collection.toml`, in SkillMeat 0.9's field names. Keys this version
/// does not know are kept in `extra` (and `extraMetadata`) and written back unchanged.
public struct CollectionArtifact: Sendable, Hashable, NamedArtifact {
    public var name: String
    public var type: ArtifactType
    /// Where the artifact is, relative to the collection folder (an absolute path, as older files
    /// sometimes hold, is read as is).
    public var path: String
    /// `local`, `github` or `marketplace`.
    public var origin: String
    /// For marketplace imports: the kind of source (`github`, `git`, `local`).
    public var originSource: String?
    /// Where it came from, pinned to the commit it was read at when there is one.
    public var upstream: String?
    public var versionSpec: String?
    public var resolvedSHA: String?
    public var resolvedVersion: String?
    public var added: String?
    public var lastUpdated: String?
    public var tags: [String]
    public var importID: String?
    public var metadata: ArtifactMetadata
    public var extra: [String: JSONValue]
    public var extraMetadata: [String: JSONValue]

    public init(
        name: String, type: ArtifactType, path: String, origin: String, originSource: String? = nil,
        upstream: String? = nil, versionSpec: String? = nil, resolvedSHA: String? = nil, resolvedVersion: String? = nil,
        added: String? = nil, lastUpdated: String? = nil, tags: [String] = [], importID: String? = nil,
        metadata: ArtifactMetadata = ArtifactMetadata(), extra: [String: JSONValue] = [:], extraMetadata: [String: JSONValue] = [:]
    ) {
        self.name = name
        self.type = type
        self.path = path
        self.origin = origin
        self.originSource = originSource
        self.upstream = upstream
        self.versionSpec = versionSpec
        self.resolvedSHA = resolvedSHA
        self.resolvedVersion = resolvedVersion
        self.added = added
        self.lastUpdated = lastUpdated
        self.tags = tags
        self.importID = importID
        self.metadata = metadata
        self.extra = extra
        self.extraMetadata = extraMetadata
    }

    /// The lock key, `name::type`.
    public var lockKey: String { "\(name)::\(type.rawValue)" }

    /// Where an artifact of `type` called `name` is stored in a collection (DESIGN §2).
    public static func defaultPath(type: ArtifactType, name: String) -> String {
        type.isSingleFile ? "\(type.collectionFolder)/\(name).md" : "\(type.collectionFolder)/\(name)"
    }

    static let knownKeys: Set<String> = [
        "name", "type", "path", "origin", "origin_source", "upstream", "version_spec", "resolved_sha",
        "resolved_version", "added", "last_updated", "tags", "import_id", "metadata",
    ]
    static let knownMetadataKeys: Set<String> = ["title", "description", "author", "license", "version", "tools", "tags"]

    /// Reads an entry; `index` and `file` make the error point at it.
    init(table: [String: JSONValue], index: Int, file: String) throws(SkillMeatError) {
        func text(_ key: String) -> String? {
            guard let value = table[key]?.stringValue, !value.isEmpty else { return nil }
            return value
        }
        guard let name = text("name") else {
            throw .malformedFile(path: file, line: nil, reason: "artifact #\(index + 1) has no name")
        }
        guard let rawType = text("type"), let type = ArtifactType(parsing: rawType) else {
            throw .malformedFile(
                path: file, line: nil,
                reason: "artifact '\(name)' has type '\(table["type"]?.stringValue ?? "")'; expected one of \(ArtifactType.validNames)"
            )
        }
        let metadataTable = table["metadata"]?.objectValue ?? [:]
        func meta(_ key: String) -> String? {
            guard let value = metadataTable[key]?.stringValue, !value.isEmpty else { return nil }
            return value
        }
        self.init(
            name: name,
            type: type,
            path: text("path") ?? Self.defaultPath(type: type, name: name),
            origin: text("origin") ?? "local",
            originSource: text("origin_source"),
            upstream: text("upstream"),
            versionSpec: text("version_spec"),
            resolvedSHA: text("resolved_sha"),
            resolvedVersion: text("resolved_version"),
            added: text("added"),
            lastUpdated: text("last_updated"),
            tags: table["tags"]?.stringList ?? [],
            importID: text("import_id"),
            metadata: ArtifactMetadata(
                title: meta("title"),
                description: meta("description"),
                author: meta("author"),
                license: meta("license"),
                version: meta("version"),
                tags: metadataTable["tags"]?.stringList ?? [],
                tools: metadataTable["tools"]?.stringList ?? []
            ),
            extra: TOMLCodec.extra(of: table, known: Self.knownKeys),
            extraMetadata: metadataTable.filter { !Self.knownMetadataKeys.contains($0.key) }
        )
    }

    /// The entry as a TOML table, unknown keys included.
    var table: [String: JSONValue] {
        var table = extra
        table["name"] = .string(name)
        table["type"] = .string(type.rawValue)
        table["path"] = .string(path)
        table["origin"] = .string(origin)
        func put(_ key: String, _ value: String?) { table.setText(key, value) }
        put("origin_source", originSource)
        put("upstream", upstream)
        put("version_spec", versionSpec)
        put("resolved_sha", resolvedSHA)
        put("resolved_version", resolvedVersion)
        put("added", added)
        put("last_updated", lastUpdated)
        put("import_id", importID)
        table["tags"] = .array(tags.map { .string($0) })
        var metadataTable = extraMetadata
        func putMeta(_ key: String, _ value: String?) {
            if let value { metadataTable[key] = .string(value) }
        }
        putMeta("title", metadata.title)
        putMeta("description", metadata.description)
        putMeta("author", metadata.author)
        putMeta("license", metadata.license)
        putMeta("version", metadata.version)
        if !metadata.tools.isEmpty { metadataTable["tools"] = .array(metadata.tools.map { .string($0) }) }
        if !metadata.tags.isEmpty { metadataTable["tags"] = .array(metadata.tags.map { .string($0) }) }
        if !metadataTable.isEmpty { table["metadata"] = .object(metadataTable) }
        return table
    }
}

/// One `[lock.entries."name::type"]` table of `collection.lock`.
public struct LockEntry: Sendable, Hashable {
    public var contentHash: String
    public var fetched: String?
    public var upstream: String?
    public var resolvedSHA: String?
    public var resolvedVersion: String?
    public var extra: [String: JSONValue]

    public init(contentHash: String, fetched: String? = nil, upstream: String? = nil, resolvedSHA: String? = nil, resolvedVersion: String? = nil, extra: [String: JSONValue] = [:]) {
        self.contentHash = contentHash
        self.fetched = fetched
        self.upstream = upstream
        self.resolvedSHA = resolvedSHA
        self.resolvedVersion = resolvedVersion
        self.extra = extra
    }

    init(table: [String: JSONValue]) {
        func text(_ key: String) -> String? { table[key]?.stringValue.flatMap { $0.isEmpty ? nil : $0 } }
        self.init(
            contentHash: text("content_hash") ?? "",
            fetched: text("fetched"),
            upstream: text("upstream"),
            resolvedSHA: text("resolved_sha"),
            resolvedVersion: text("resolved_version"),
            extra: TOMLCodec.extra(of: table, known: ["content_hash", "fetched", "upstream", "resolved_sha", "resolved_version"])
        )
    }

    var table: [String: JSONValue] {
        var table = extra
        table["content_hash"] = .string(contentHash)
        table.setText("fetched", fetched)
        if let upstream { table["upstream"] = .string(upstream) }
        if let resolvedSHA { table["resolved_sha"] = .string(resolvedSHA) }
        if let resolvedVersion { table["resolved_version"] = .string(resolvedVersion) }
        return table
    }
}
