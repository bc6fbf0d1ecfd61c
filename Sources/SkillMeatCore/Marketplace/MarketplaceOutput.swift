public import SkillMeatPluginAPI
public import SkillMeatStore

/// A catalog entry as the CLI's `--json` and the HTTP API print it: the record's own snake_case
/// form, the name import gives it, and its frontmatter's author, license, version and tools at the
/// top level, where clients of SkillMeat's API read them.
public struct CatalogEntryOutput: Sendable, Hashable, Encodable {
    public var entry: CatalogEntryRecord
    /// The name import gives it in a collection: its own, or one made distinct within its source.
    public var importName: String

    /// `importName` comes from `CatalogNaming` over the entry's source (`MarketplaceService.outputs`).
    public init(_ entry: CatalogEntryRecord, importName: String) {
        self.entry = entry
        self.importName = importName
    }

    enum AddedKeys: String, CodingKey {
        case author, license, version, tools
        case importName = "import_name"
    }

    public func encode(to encoder: any Encoder) throws {
        try entry.encode(to: encoder)
        var container = encoder.container(keyedBy: AddedKeys.self)
        try container.encode(importName, forKey: .importName)
        try container.encodeIfPresent(entry.metadata.author, forKey: .author)
        try container.encodeIfPresent(entry.metadata.license, forKey: .license)
        try container.encodeIfPresent(entry.metadata.version, forKey: .version)
        try container.encode(entry.metadata.tools, forKey: .tools)
    }
}

/// `catalog list --json`: the entries with counts by status and type, and the cursor of the next
/// page when a limit cut the list.
public struct CatalogListOutput: Sendable, Hashable, Encodable {
    public var entries: [CatalogEntryOutput]
    public var counts: CatalogCounts
    public var nextCursor: String?

    public init(entries: [CatalogEntryOutput], counts: CatalogCounts, nextCursor: String? = nil) {
        self.entries = entries
        self.counts = counts
        self.nextCursor = nextCursor
    }

    enum CodingKeys: String, CodingKey {
        case entries
        case nextCursor = "next_cursor"
    }

    public func encode(to encoder: any Encoder) throws {
        try counts.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(entries, forKey: .entries)
        // Always present (null on the last page), so clients need not test for the key.
        try container.encode(nextCursor, forKey: .nextCursor)
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
}

/// `source show --json` and `GET /api/v1/marketplace/sources/{id}`: a source and its catalog's counts.
public struct SourceDetailOutput: Sendable, Hashable, Encodable {
    public var source: MarketplaceSourceRecord
    public var counts: CatalogCounts

    public init(source: MarketplaceSourceRecord, counts: CatalogCounts) {
        self.source = source
        self.counts = counts
    }
}
