public import Foundation
public import SkillMeatPluginAPI

/// One artifact of a source's catalog (DESIGN §4). Its status and import fields change only through
/// `CatalogLifecycle`.
public struct CatalogEntryRecord: Sendable, Hashable, Encodable {
    public var id: String
    public var sourceID: String
    public var type: ArtifactType
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
    public var status: CatalogStatus
    public var importID: String?
    public var importDate: Date?
    /// `<collection>/<type>:<name>` of the artifact it was imported as.
    public var importedAs: String?
    /// `contentHash` as it was when the entry was last imported: an entry that comes back after
    /// being removed upstream is `imported` again only when its content still equals this.
    public var importedHash: String?
    public var excludedReason: String?
    public var excludedAt: Date?
    public var description: String?
    public var tags: [String]
    public var metadata: ArtifactMetadata
    public var files: [String]
    /// For artifacts declared inside a shared file (an MCP server entry, a hooks block).
    public var declaration: JSONValue?
    /// `source:entry` ids of the same content in other sources.
    public var duplicates: [String]
    public var firstSeen: Date
    public var lastSeen: Date
    /// The name the user gave the entry (rename), which it is shown and imported under instead of
    /// the detected `name`; scans never change it.
    public var userName: String? = nil

    public init(
        id: String, sourceID: String, type: ArtifactType, name: String, path: String, upstreamURL: String?, detectedSHA: String?,
        contentHash: String, confidence: Int, reasons: [String], status: CatalogStatus, importID: String? = nil, importDate: Date? = nil,
        importedAs: String? = nil, importedHash: String? = nil, excludedReason: String? = nil, excludedAt: Date? = nil,
        description: String? = nil, tags: [String] = [], metadata: ArtifactMetadata = ArtifactMetadata(), files: [String] = [],
        declaration: JSONValue? = nil, duplicates: [String] = [], firstSeen: Date, lastSeen: Date, userName: String? = nil
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
        self.importedHash = importedHash
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
        self.userName = userName
    }

    /// SkillMeat's field names (`artifact_type`, `confidence_score`) where its API names one.
    enum CodingKeys: String, CodingKey {
        case id, name, path, reasons, status, description, tags, metadata, files, declaration, duplicates
        case type = "artifact_type"
        case confidence = "confidence_score"
        case sourceID = "source_id"
        case upstreamURL = "upstream_url"
        case detectedSHA = "detected_sha"
        case contentHash = "content_hash"
        case importID = "import_id"
        case importDate = "import_date"
        case importedAs = "imported_as"
        case importedHash = "imported_hash"
        case excludedReason = "excluded_reason"
        case excludedAt = "excluded_at"
        case firstSeen = "first_seen"
        case lastSeen = "last_seen"
        case detectedName = "detected_name"
    }
}

extension CatalogEntryRecord {
    /// The name shown for the entry: the user's, else the detected one.
    public var displayName: String { userName ?? name }

    /// Every field, absent values as `null` (SkillMeat's clients read a missing value as `null`, not
    /// as a missing key), except `declaration`, which only entries declared in a shared file have.
    /// `name` is the user's name when the entry was renamed, `detected_name` the one the scan gave.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeFields([
            .id: id, .sourceID: sourceID, .type: type, .name: displayName, .detectedName: name, .path: path, .upstreamURL: upstreamURL,
            .detectedSHA: detectedSHA, .contentHash: contentHash, .confidence: confidence, .reasons: reasons, .status: status,
            .importID: importID, .importDate: importDate, .importedAs: importedAs, .importedHash: importedHash, .excludedReason: excludedReason,
            .excludedAt: excludedAt, .description: description, .tags: tags, .metadata: metadata, .files: files, .duplicates: duplicates,
            .firstSeen: firstSeen, .lastSeen: lastSeen,
        ])
        try container.encodeIfPresent(declaration, forKey: .declaration)
    }
}
