import Foundation
public import SkillMeatPluginAPI
public import SkillMeatStore

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

    public init(_ row: CachedArtifact) {
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
        self.deployments = row.deploymentsJSON == "[]" ? [] : (try? JSONValue.parse(Data(row.deploymentsJSON.utf8)))?.arrayValue ?? []
    }

    enum CodingKeys: String, CodingKey {
        case id, name, type, collection, path, origin, upstream, title, description, tags, author, license, version, tools, added, deployments
        case originSource = "origin_source"
        case contentHash = "content_hash"
        case resolvedSHA = "resolved_sha"
        case resolvedVersion = "resolved_version"
        case importID = "import_id"
        case lastUpdated = "last_updated"
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
        writer.field("name", name)
        writer.field("origin", origin)
        writer.field("origin_source", originSource)
        writer.field("path", path)
        writer.field("resolved_sha", resolvedSHA)
        writer.field("resolved_version", resolvedVersion)
        writer.field("tags", tags)
        writer.field("title", title)
        writer.field("tools", tools)
        writer.field("type", type)
        writer.field("upstream", upstream)
        writer.field("version", version)
        writer.endObject()
    }
}
