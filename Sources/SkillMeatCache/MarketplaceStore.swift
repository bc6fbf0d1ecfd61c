public import SkillMeatPluginAPI

/// A marketplace source as stored.
public struct MarketplaceSourceRecord: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    /// The reference as the user gave it (`owner/repo`, a URL, a path).
    public var location: String
    public var ref: String?
    public var root: String?
    /// Path → artifact type, overriding detection for those paths.
    public var manualMap: [String: String]
    public var trust: String
    public var description: String?
    public var tags: [String]
    /// Tags suggested by the source itself (GitHub topics), waiting for the user to accept them.
    public var pendingTags: [String]
    /// The plugin that read it last.
    public var provider: String?
    public var createdAt: String
    public var updatedAt: String
    public var lastScanAt: String?
    public var lastCommit: String?
    /// Why the last scan failed, if it did.
    public var lastError: String?
    public var artifactCount: Int

    public init(
        id: String, name: String, location: String, ref: String? = nil, root: String? = nil,
        manualMap: [String: String] = [:], trust: String = "basic", description: String? = nil, tags: [String] = [],
        pendingTags: [String] = [], provider: String? = nil, createdAt: String, updatedAt: String,
        lastScanAt: String? = nil, lastCommit: String? = nil, lastError: String? = nil, artifactCount: Int = 0
    ) {
        self.id = id
        self.name = name
        self.location = location
        self.ref = ref
        self.root = root
        self.manualMap = manualMap
        self.trust = trust
        self.description = description
        self.tags = tags
        self.pendingTags = pendingTags
        self.provider = provider
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.lastScanAt = lastScanAt
        self.lastCommit = lastCommit
        self.lastError = lastError
        self.artifactCount = artifactCount
    }
}

/// One artifact of a source's catalog (DESIGN §4).
public struct CatalogEntryRecord: Sendable, Hashable, Codable {
    public var id: String
    public var sourceID: String
    public var type: String
    public var name: String
    /// Relative to the source root.
    public var path: String
    /// Where the artifact is upstream, pinned to the scanned commit.
    public var upstreamURL: String?
    /// The commit it was detected at.
    public var detectedSHA: String?
    /// The artifact's own content hash, from its files' blob ids.
    public var contentHash: String
    public var confidence: Int
    public var reasons: [String]
    /// `new`, `updated`, `removed`, `imported` or `excluded`.
    public var status: String
    public var importID: String?
    public var importDate: String?
    /// `<collection>/<type>:<name>` of the artifact it was imported as.
    public var importedAs: String?
    public var excludedReason: String?
    public var excludedAt: String?
    public var description: String?
    public var tags: [String]
    public var metadata: ArtifactMetadata
    public var files: [String]
    /// For artifacts declared inside a shared file (an MCP server entry, a hooks block).
    public var declaration: JSONValue?
    /// `source:entry` ids of the same content in other sources.
    public var duplicates: [String]
    public var firstSeen: String
    public var lastSeen: String

    public init(
        id: String, sourceID: String, type: String, name: String, path: String, upstreamURL: String?, detectedSHA: String?,
        contentHash: String, confidence: Int, reasons: [String], status: String, importID: String? = nil, importDate: String? = nil,
        importedAs: String? = nil, excludedReason: String? = nil, excludedAt: String? = nil, description: String? = nil, tags: [String] = [],
        metadata: ArtifactMetadata = ArtifactMetadata(), files: [String] = [], declaration: JSONValue? = nil,
        duplicates: [String] = [], firstSeen: String, lastSeen: String
    ) {
        self.id = id
        self.sourceID = sourceID
        self.type = type
        self.name = name
        self.path = path
        self.upstreamURL = upstreamURL
        self.detectedSHA = detectedSHA
        self.contentHash = contentHash
        self.confidence = confidence
        self.reasons = reasons
        self.status = status
        self.importID = importID
        self.importDate = importDate
        self.importedAs = importedAs
        self.excludedReason = excludedReason
        self.excludedAt = excludedAt
        self.description = description
        self.tags = tags
        self.metadata = metadata
        self.files = files
        self.declaration = declaration
        self.duplicates = duplicates
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
    }
}

/// Filters for listing catalog entries.
public struct CatalogQuery: Sendable, Hashable {
    public enum Sort: String, Sendable, CaseIterable {
        case confidence, name, date
    }

    public var sourceID: String?
    /// Empty means every status except `excluded` (unless `includeExcluded`).
    public var statuses: Set<String>
    public var type: String?
    public var minConfidence: Int?
    public var search: String?
    public var includeExcluded: Bool
    public var sort: Sort
    public var limit: Int?
    /// Entries after this id in the chosen order (cursor pagination).
    public var after: String?

    public init(
        sourceID: String? = nil, statuses: Set<String> = [], type: String? = nil, minConfidence: Int? = nil,
        search: String? = nil, includeExcluded: Bool = false, sort: Sort = .name, limit: Int? = nil, after: String? = nil
    ) {
        self.sourceID = sourceID
        self.statuses = statuses
        self.type = type
        self.minConfidence = minConfidence
        self.search = search
        self.includeExcluded = includeExcluded
        self.sort = sort
        self.limit = limit
        self.after = after
    }
}

/// Counts of a catalog by status and by type.
public struct CatalogCounts: Sendable, Hashable, Codable {
    public var byStatus: [String: Int]
    public var byType: [String: Int]

    public init(byStatus: [String: Int] = [:], byType: [String: Int] = [:]) {
        self.byStatus = byStatus
        self.byType = byType
    }

    enum CodingKeys: String, CodingKey {
        case byStatus = "counts_by_status"
        case byType = "counts_by_type"
    }
}

/// Marketplace sources and their catalogs.
public protocol MarketplaceStore: Sendable {
    func insertSource(_ source: MarketplaceSourceRecord) throws(CacheError)
    func updateSource(_ source: MarketplaceSourceRecord) throws(CacheError)
    /// Deletes a source and its catalog.
    func deleteSource(id: String) throws(CacheError)
    func source(id: String) throws(CacheError) -> MarketplaceSourceRecord?
    func sources() throws(CacheError) -> [MarketplaceSourceRecord]
    /// Writes the result of a scan in one transaction: the source row and every changed entry.
    func saveScan(source: MarketplaceSourceRecord, entries: [CatalogEntryRecord]) throws(CacheError)
    /// Writes one entry (status changes: import, exclude, restore).
    func saveEntry(_ entry: CatalogEntryRecord) throws(CacheError)
    /// Writes several entries in one transaction (a batch of imports).
    func saveEntries(_ entries: [CatalogEntryRecord]) throws(CacheError)
    func entry(id: String) throws(CacheError) -> CatalogEntryRecord?
    /// Entries whose id starts with `prefix`.
    func entries(idPrefix: String) throws(CacheError) -> [CatalogEntryRecord]
    func entries(_ query: CatalogQuery) throws(CacheError) -> [CatalogEntryRecord]
    /// Every entry of a source, whatever its status.
    func allEntries(sourceID: String) throws(CacheError) -> [CatalogEntryRecord]
    /// Entries of other sources with this type and content hash.
    func entries(type: String, contentHash: String, notInSource sourceID: String) throws(CacheError) -> [CatalogEntryRecord]
    /// Entries imported as the collection artifact `<collection>/<type>:<name>`.
    func entries(importedAs: String) throws(CacheError) -> [CatalogEntryRecord]
    func counts(sourceID: String?) throws(CacheError) -> CatalogCounts
    /// Returns every entry imported as `importedAs` to `new` (or leaves `removed`/`excluded` ones in
    /// their status) with no import id or date, in one statement; returns how many changed.
    @discardableResult
    func resetImports(importedAs: String) throws(CacheError) -> Int
}
