import Foundation
public import SkillMeatPluginAPI
public import SkillMeatStore

/// Where an imported artifact came from, as a link a client can follow: the marketplace source and
/// its catalog entry (`GET /api/v1/marketplace/sources/{source_id}/artifacts/{entry_id}/files`).
public struct ArtifactSourceLink: Sendable, Hashable, Codable {
    public var sourceID: String, entryID: String

    public init(sourceID: String, entryID: String) {
        (self.sourceID, self.entryID) = (sourceID, entryID)
    }

    enum CodingKeys: String, CodingKey {
        case sourceID = "source_id"
        case entryID = "entry_id"
    }
}

/// An artifact as `list --json`, `show --json` and the HTTP API print it (snake_case fields).
public struct ArtifactSummary: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var type: String
    public var collection: String
    public var path: String
    public var origin: String
    public var originSource: String?
    public var upstream: String?
    public var title: String?
    public var description: String?
    public var tags: [String]
    public var author: String?
    public var license: String?
    public var version: String?
    public var tools: [String]
    public var contentHash: String?
    public var resolvedSHA: String?
    public var resolvedVersion: String?
    public var importID: String?
    public var added: String?
    public var lastUpdated: String?
    /// Where the artifact is deployed, from the cache.
    public var deployments: [JSONValue]
    /// The catalog entry it was imported from, when one links to it.
    public var source: ArtifactSourceLink?
    /// When its cache row was written.
    public var syncedAt: String
    /// Its files are gone from the collection folder (a collection copied without them: `install`
    /// fetches them back).
    public var missing: Bool

    /// `links` maps `<collection>/<type>:<name>` to the catalog entry linked to it (`CollectionService.sourceLinks`).
    public init(_ row: CachedArtifact, links: [String: ArtifactSourceLink] = [:], missing: Bool = false) {
        self.missing = missing
        self.id = "\(row.type.rawValue):\(row.name)"
        self.name = row.name
        self.type = row.type.rawValue
        self.collection = row.collection
        self.path = row.path
        self.origin = row.origin
        self.originSource = row.originSource
        self.upstream = row.upstream
        self.title = row.title
        self.description = row.description
        self.tags = row.tags
        self.author = row.author
        self.license = row.license
        self.version = row.version
        self.tools = row.tools
        self.contentHash = row.contentHash
        self.resolvedSHA = row.resolvedSHA
        self.resolvedVersion = row.resolvedVersion
        self.importID = row.importID
        self.added = row.added
        self.lastUpdated = row.lastUpdated
        self.deployments = row.deploymentsJSON == "[]" ? [] : ((try? JSONValue.parse(Data(row.deploymentsJSON.utf8)))?.arrayValue ?? []).map(Self.deploymentSummary)
        self.source = links[CollectionService.importedAs(collection: row.collection, id: ArtifactID(type: row.type, name: row.name))]
        self.syncedAt = Timestamp.string(row.syncedAt)
    }

    /// A cache row's deployment entry as SkillMeat's DeploymentSummary: `project_name` (the project
    /// folder's name) and `deployment_profile_id` beside our fields, and `local_modifications`, which a
    /// list does not check (null; the deploy status endpoint reads the project copies).
    static func deploymentSummary(_ entry: JSONValue) -> JSONValue {
        guard case .object(var object) = entry else { return entry }
        if let path = object["project_path"]?.stringValue {
            object["project_name"] = .string(URL(fileURLWithPath: path).lastPathComponent)
        }
        if let profile = object["profile"] { object["deployment_profile_id"] = profile }
        if object["local_modifications"] == nil { object["local_modifications"] = .null }
        return .object(object)
    }

    enum CodingKeys: String, CodingKey {
        case id, name, type, collection, path, origin, upstream, title, description, tags, author, license, version, tools, added, deployments, source, missing
        case syncedAt = "synced_at"
        case originSource = "origin_source"
        case contentHash = "content_hash"
        case resolvedSHA = "resolved_sha"
        case resolvedVersion = "resolved_version"
        case importID = "import_id"
        case lastUpdated = "last_updated"
    }

    /// Every field, absent values as `null` (as `writeJSON` writes them), so `show` and a list item
    /// carry the same keys.
    public func encode(to encoder: any Encoder) throws {
        try encoder.encodeFields(CodingKeys.self, [
            .added: added, .author: author, .collection: collection, .contentHash: contentHash, .deployments: deployments,
            .description: description, .id: id, .importID: importID, .lastUpdated: lastUpdated, .license: license, .missing: missing, .name: name,
            .origin: origin, .originSource: originSource, .path: path, .resolvedSHA: resolvedSHA, .resolvedVersion: resolvedVersion,
            .source: source, .syncedAt: syncedAt, .tags: tags, .title: title, .tools: tools, .type: type, .upstream: upstream, .version: version,
        ])
    }
}

extension ArtifactSummary: JSONWritable {
    /// Keys in sorted order, matching the `Encodable` form (checked by a test).
    public func writeJSON(to writer: inout JSONWriter) {
        writer.reserve(800)
        writer.beginObject()
        writer.field("added", added)
        writer.field("author", author)
        writer.field("collection", collection)
        writer.field("content_hash", contentHash)
        writer.key("deployments")
        writer.beginArray()
        for deployment in deployments { writer.write(deployment) }
        writer.endArray()
        writer.field("description", description)
        writer.field("id", id)
        writer.field("import_id", importID)
        writer.field("last_updated", lastUpdated)
        writer.field("license", license)
        writer.field("missing", missing)
        writer.field("name", name)
        writer.field("origin", origin)
        writer.field("origin_source", originSource)
        writer.field("path", path)
        writer.field("resolved_sha", resolvedSHA)
        writer.field("resolved_version", resolvedVersion)
        writer.link("source", source)
        writer.field("synced_at", syncedAt)
        writer.field("tags", tags)
        writer.field("title", title)
        writer.field("tools", tools)
        writer.field("type", type)
        writer.field("upstream", upstream)
        writer.field("version", version)
        writer.endObject()
    }
}

private extension JSONWriter {
    /// `"name": {"entry_id": …, "source_id": …}`, or null without a link.
    mutating func link(_ name: String, _ link: ArtifactSourceLink?) {
        key(name)
        guard let link else { return null() }
        beginObject()
        field("entry_id", link.entryID)
        field("source_id", link.sourceID)
        endObject()
    }
}
