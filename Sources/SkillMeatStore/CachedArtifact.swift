public import Foundation
public import SkillMeatPluginAPI

/// One artifact of a collection as the cache holds it: everything `list` and `show` print, so
/// neither has to open the collection's files (DESIGN §3). `added` and `lastUpdated` are the
/// manifest's own text, kept as written; `syncedAt` is the store's.
public struct CachedArtifact: Sendable, Hashable, NamedArtifact {
    public var collection: String
    public var type: ArtifactType
    public var name: String
    /// Relative to the collection folder.
    public var path: String
    public var title: String?
    public var description: String?
    public var upstream: String?
    public var origin: String
    public var originSource: String?
    public var versionSpec: String?
    public var tags: [String]
    public var author: String?
    public var license: String?
    public var tools: [String]
    public var version: String?
    public var resolvedSHA: String?
    public var resolvedVersion: String?
    public var contentHash: String?
    public var importID: String?
    public var added: String?
    public var lastUpdated: String?
    /// When the row was written (to the second).
    public var syncedAt: Date
    /// The deployments of this artifact, as JSON (an array of objects), maintained only by deploy,
    /// undeploy and rebuild.
    public var deploymentsJSON: String

    public init(
        collection: String, type: ArtifactType, name: String, path: String,
        title: String? = nil, description: String? = nil, upstream: String? = nil,
        origin: String, originSource: String? = nil, versionSpec: String? = nil,
        tags: [String] = [], author: String? = nil, license: String? = nil, tools: [String] = [],
        version: String? = nil, resolvedSHA: String? = nil, resolvedVersion: String? = nil,
        contentHash: String? = nil, importID: String? = nil, added: String? = nil, lastUpdated: String? = nil,
        syncedAt: Date, deploymentsJSON: String = "[]"
    ) {
        self.collection = collection
        self.type = type
        self.name = name
        self.path = path
        self.title = title
        self.description = description
        self.upstream = upstream
        self.origin = origin
        self.originSource = originSource
        self.versionSpec = versionSpec
        self.tags = tags
        self.author = author
        self.license = license
        self.tools = tools
        self.version = version
        self.resolvedSHA = resolvedSHA
        self.resolvedVersion = resolvedVersion
        self.contentHash = contentHash
        self.importID = importID
        self.added = added
        self.lastUpdated = lastUpdated
        self.syncedAt = syncedAt
        self.deploymentsJSON = deploymentsJSON
    }
}
