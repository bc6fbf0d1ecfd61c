public import Foundation
public import SkillMeatPluginAPI

/// A marketplace source as stored. Its `Codable` form (snake_case, timestamps as text) is also the
/// form the CLI's `--json` and the HTTP API print.
public struct MarketplaceSourceRecord: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    /// The reference as the user gave it (`owner/repo`, a URL, a path).
    public var location: String
    public var ref: String?
    public var root: String?
    /// Path → artifact type, overriding detection for those paths.
    public var manualMap: [String: ArtifactType]
    public var trust: TrustLevel
    public var description: String?
    public var tags: [String]
    /// Tags suggested by the source itself (GitHub topics), waiting for the user to accept them.
    public var pendingTags: [String]
    /// The plugin that read it last.
    public var provider: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var lastScanAt: Date?
    public var lastCommit: String?
    /// Why the last scan failed, if it did.
    public var lastError: String?
    public var artifactCount: Int

    public init(
        id: String, name: String, location: String, ref: String? = nil, root: String? = nil,
        manualMap: [String: ArtifactType] = [:], trust: TrustLevel = .basic, description: String? = nil, tags: [String] = [],
        pendingTags: [String] = [], provider: String? = nil, createdAt: Date, updatedAt: Date,
        lastScanAt: Date? = nil, lastCommit: String? = nil, lastError: String? = nil, artifactCount: Int = 0
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
