public import SkillMeatPluginAPI
public import SkillMeatStore

/// A catalog entry as the CLI's `--json` and the HTTP API print it: the record's own snake_case
/// form (SkillMeat's CatalogEntry fields), the name import gives it, SkillMeat's derived fields
/// (`score_breakdown`, `detected_version`, `detected_at`, `artifact_id`), and its frontmatter's
/// author, license, version and tools at the top level, where clients of SkillMeat's API read them.
public struct CatalogEntryOutput: Sendable, Hashable, Encodable {
    public var entry: CatalogEntryRecord
    /// The name import gives it in a collection: its own, or one made distinct within its source.
    public var importName: String

    /// `importName` comes from `CatalogNaming` over the entry's source (`MarketplaceService.outputs`).
    public init(_ entry: CatalogEntryRecord, importName: String) {
        self.entry = entry
        self.importName = importName
    }

    /// The id (`type:name`) of the collection artifact the entry was imported as, or nil.
    public var artifactID: String? {
        entry.importedAs.flatMap { $0.split(separator: "/", maxSplits: 1).last.map(String.init) }
    }

    enum AddedKeys: String, CodingKey {
        case author, license, version, tools
        case importName = "import_name", scoreBreakdown = "score_breakdown", artifactID = "artifact_id"
        case detectedVersion = "detected_version", detectedAt = "detected_at"
    }

    /// How the confidence was reached: the score and the reasons that gave it.
    struct ScoreBreakdown: Encodable, Hashable {
        var confidenceScore: Int
        var reasons: [String]

        enum CodingKeys: String, CodingKey {
            case reasons
            case confidenceScore = "confidence_score"
        }
    }

    public func encode(to encoder: any Encoder) throws {
        try entry.encode(to: encoder)
        var container = encoder.container(keyedBy: AddedKeys.self)
        // `detected_at`: when the entry was last detected, at `detected_sha`.
        try container.encodeFields([
            .importName: importName, .scoreBreakdown: ScoreBreakdown(confidenceScore: entry.confidence, reasons: entry.reasons),
            .detectedVersion: entry.metadata.version, .detectedAt: entry.lastSeen, .artifactID: artifactID, .tools: entry.metadata.tools,
        ])
        try container.encodeIfPresent(entry.metadata.author, forKey: .author)
        try container.encodeIfPresent(entry.metadata.license, forKey: .license)
        try container.encodeIfPresent(entry.metadata.version, forKey: .version)
    }
}

/// `catalog list --json` and the API's catalog list: SkillMeat's page (`entries`, `total`, `page`,
/// `page_size`) with counts by status and type, and the cursor of the next page when a limit cut
/// the list (`page` is null for a page reached by cursor).
public struct CatalogListOutput: Sendable, Hashable, Encodable {
    public var entries: [CatalogEntryOutput]
    public var counts: CatalogCounts
    public var nextCursor: String?
    /// How many entries match the filters, on every page.
    public var total: Int
    /// The page number (from 1), or nil when the page was reached by cursor.
    public var page: Int?
    /// The page size asked for; nil when the list was not cut.
    public var pageSize: Int?

    public init(entries: [CatalogEntryOutput], counts: CatalogCounts, nextCursor: String? = nil, total: Int? = nil, page: Int? = 1, pageSize: Int? = nil) {
        self.entries = entries
        self.counts = counts
        self.nextCursor = nextCursor
        self.total = total ?? entries.count
        self.page = page
        self.pageSize = pageSize
    }

    enum CodingKeys: String, CodingKey {
        case entries, total, page
        case pageSize = "page_size"
        case nextCursor = "next_cursor"
    }

    public func encode(to encoder: any Encoder) throws {
        try counts.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        // `next_cursor` always present (null on the last page), so clients need not test for the key.
        try container.encodeFields([.entries: entries, .total: total, .page: page, .pageSize: pageSize, .nextCursor: nextCursor])
    }
}

/// `source add --json`, `source scan --json` and the API's create and rescan: the source with what
/// its scan found, or why the scan failed.
public struct SourceScanOutput: Sendable, Hashable, Encodable {
    public var source: MarketplaceSourceRecord
    public var scan: MarketplaceService.ScanReport?
    public var error: String?

    public init(source: MarketplaceSourceRecord, scan: MarketplaceService.ScanReport?, error: String? = nil) {
        self.source = source
        self.scan = scan
        self.error = error
    }

    /// A source with its scan's report, or the error that ended the scan.
    public init(source: MarketplaceSourceRecord, outcome: Result<MarketplaceService.ScanReport, SkillMeatError>) {
        switch outcome {
        case .success(let report): self.init(source: source, scan: report)
        case .failure(let error): self.init(source: source, scan: nil, error: error.description)
        }
    }
}

/// `source show --json` and `GET /api/v1/marketplace/sources/{id}`: a source and its catalog's counts.
public struct SourceDetailOutput: Sendable, Hashable, Encodable {
    public var source: MarketplaceSourceRecord
    public var counts: CatalogCounts
}
