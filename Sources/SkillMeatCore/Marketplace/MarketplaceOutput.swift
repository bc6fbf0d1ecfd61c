public import SkillMeatCache
public import SkillMeatPluginAPI

/// A marketplace source as the CLI's `--json` and the HTTP API print it.
public struct SourceOutput: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var location: String
    public var ref: String?
    public var root: String?
    public var manualMap: [String: String]
    public var trust: String
    public var description: String?
    public var tags: [String]
    public var pendingTags: [String]
    public var provider: String?
    public var createdAt: String
    public var updatedAt: String
    public var lastScanAt: String?
    public var lastCommit: String?
    public var lastError: String?
    public var artifactCount: Int

    public init(_ source: MarketplaceSourceRecord) {
        id = source.id
        name = source.name
        location = source.location
        ref = source.ref
        root = source.root
        manualMap = source.manualMap
        trust = source.trust
        description = source.description
        tags = source.tags
        pendingTags = source.pendingTags
        provider = source.provider
        createdAt = source.createdAt
        updatedAt = source.updatedAt
        lastScanAt = source.lastScanAt
        lastCommit = source.lastCommit
        lastError = source.lastError
        artifactCount = source.artifactCount
    }

    enum CodingKeys: String, CodingKey {
        case id, name, location, ref, root, trust, description, tags, provider
        case manualMap = "manual_map"
        case pendingTags = "pending_tags"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case lastScanAt = "last_scan_at"
        case lastCommit = "last_commit"
        case lastError = "last_error"
        case artifactCount = "artifact_count"
    }
}

/// A catalog entry as the CLI's `--json` and the HTTP API print it.
public struct CatalogEntryOutput: Sendable, Hashable, Codable {
    public var id: String
    public var sourceID: String
    public var type: String
    public var name: String
    /// The name import gives it in a collection: its own, or one made distinct within its source.
    public var importName: String
    public var path: String
    public var upstreamURL: String?
    public var detectedSHA: String?
    public var contentHash: String
    public var confidence: Int
    public var reasons: [String]
    public var status: String
    public var importID: String?
    public var importDate: String?
    public var excludedReason: String?
    public var excludedAt: String?
    public var description: String?
    public var tags: [String]
    public var author: String?
    public var license: String?
    public var version: String?
    public var tools: [String]
    public var files: [String]
    public var duplicates: [String]
    public var firstSeen: String
    public var lastSeen: String

    /// `importName` comes from `CatalogNaming` over the entry's source (`MarketplaceService.outputs`).
    public init(_ entry: CatalogEntryRecord, importName: String) {
        id = entry.id
        sourceID = entry.sourceID
        type = entry.type
        name = entry.name
        self.importName = importName
        path = entry.path
        upstreamURL = entry.upstreamURL
        detectedSHA = entry.detectedSHA
        contentHash = entry.contentHash
        confidence = entry.confidence
        reasons = entry.reasons
        status = entry.status
        importID = entry.importID
        importDate = entry.importDate
        excludedReason = entry.excludedReason
        excludedAt = entry.excludedAt
        description = entry.description
        tags = entry.tags
        author = entry.metadata.author
        license = entry.metadata.license
        version = entry.metadata.version
        tools = entry.metadata.tools
        files = entry.files
        duplicates = entry.duplicates
        firstSeen = entry.firstSeen
        lastSeen = entry.lastSeen
    }

    enum CodingKeys: String, CodingKey {
        case id, type, name, path, confidence, reasons, status, description, tags, author, license, version, tools, files, duplicates
        case sourceID = "source_id"
        case importName = "import_name"
        case upstreamURL = "upstream_url"
        case detectedSHA = "detected_sha"
        case contentHash = "content_hash"
        case importID = "import_id"
        case importDate = "import_date"
        case excludedReason = "excluded_reason"
        case excludedAt = "excluded_at"
        case firstSeen = "first_seen"
        case lastSeen = "last_seen"
    }
}

/// `catalog list --json`: the entries with counts by status and type, and the cursor of the next
/// page when a limit cut the list.
public struct CatalogListOutput: Sendable, Hashable, Codable {
    public var entries: [CatalogEntryOutput]
    public var countsByStatus: [String: Int]
    public var countsByType: [String: Int]
    public var nextCursor: String?

    public init(entries: [CatalogEntryOutput], counts: CatalogCounts, nextCursor: String? = nil) {
        self.entries = entries
        self.countsByStatus = counts.byStatus
        self.countsByType = counts.byType
        self.nextCursor = nextCursor
    }

    enum CodingKeys: String, CodingKey {
        case entries
        case countsByStatus = "counts_by_status"
        case countsByType = "counts_by_type"
        case nextCursor = "next_cursor"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(entries, forKey: .entries)
        try container.encode(countsByStatus, forKey: .countsByStatus)
        try container.encode(countsByType, forKey: .countsByType)
        // Always present (null on the last page), so clients need not test for the key.
        try container.encode(nextCursor, forKey: .nextCursor)
    }
}

/// `source add --json`, `source scan --json` and the API's create and rescan: the source with what
/// its scan found, or why the scan failed.
public struct SourceScanOutput: Sendable, Hashable, Encodable {
    public var source: SourceOutput
    public var scan: MarketplaceService.ScanReport?
    public var error: String?

    public init(source: SourceOutput, scan: MarketplaceService.ScanReport?, error: String? = nil) {
        self.source = source
        self.scan = scan
        self.error = error
    }
}

/// `source show --json` and `GET /api/v1/marketplace/sources/{id}`: a source and its catalog's counts.
public struct SourceDetailOutput: Sendable, Hashable, Encodable {
    public var source: SourceOutput
    public var counts: CatalogCounts

    public init(source: SourceOutput, counts: CatalogCounts) {
        self.source = source
        self.counts = counts
    }
}
