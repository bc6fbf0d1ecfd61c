public import Foundation
public import SkillMeatPluginAPI
public import SkillMeatStore

/// Records for the contract's checks: whole-second dates (what every store keeps) and every field
/// set, so a field a store forgets to write shows as a difference.
public enum StoreFixtures {
    /// `2026-01-01T00:00:00Z` plus `seconds`.
    public static func date(_ seconds: Int = 0) -> Date {
        Date(timeIntervalSince1970: 1_767_225_600 + TimeInterval(seconds))
    }

    public static func artifact(
        _ name: String, type: ArtifactType = .skill, collection: String = "default", tags: [String] = ["docs"],
        description: String? = nil, deployments: String = "[]"
    ) -> CachedArtifact {
        CachedArtifact(
            collection: collection, type: type, name: name, path: "\(type.collectionFolder)/\(name)", title: "Title of \(name)",
            description: description ?? "About \(name)", upstream: "https://example.com/\(name)", origin: "marketplace",
            originSource: "github", versionSpec: "latest", tags: tags, author: "Ann", license: "MIT", tools: ["Read", "Write"],
            version: "1.0", resolvedSHA: "abc123", resolvedVersion: "main", contentHash: "hash-\(name)", importID: "imp-1",
            added: "2026-01-01T00:00:00+00:00", lastUpdated: "2026-01-02T00:00:00+00:00", syncedAt: date(60),
            deploymentsJSON: deployments
        )
    }

    public static func state(_ collection: String = "default", size: Int64 = 100) -> CollectionCacheState {
        CollectionCacheState(collection: collection, manifestModified: 1_767_225_600.5, manifestSize: size, syncedAt: date(120))
    }

    public static func source(_ id: String, name: String? = nil) -> MarketplaceSourceRecord {
        MarketplaceSourceRecord(
            id: id, name: name ?? "owner/\(id)", location: "owner/\(id)", ref: "main", root: "plugins",
            manualMap: ["plugins/x": .command], trust: .trusted, description: "Source \(id)", tags: ["team"],
            pendingTags: ["topic"], provider: "source/github", createdAt: date(), updatedAt: date(10), lastScanAt: date(20),
            lastCommit: "c0ffee", lastError: nil, artifactCount: 3
        )
    }

    public static func entry(
        _ id: String, source: String = "s1", name: String? = nil, type: ArtifactType = .skill, status: CatalogStatus = .new,
        confidence: Int = 90, firstSeen: Int = 0, hash: String? = nil, description: String? = nil, path: String? = nil,
        importedAs: String? = nil
    ) -> CatalogEntryRecord {
        let imported = status == .imported
        return CatalogEntryRecord(
            id: id, sourceID: source, type: type, name: name ?? id, path: path ?? "skills/\(id)", upstreamURL: "https://example.com/\(id)",
            detectedSHA: "c0ffee", contentHash: hash ?? "hash-\(id)", confidence: confidence, reasons: ["has SKILL.md"], status: status,
            importID: imported ? "imp-1" : nil, importDate: imported ? date(30) : nil, importedAs: importedAs ?? (imported ? "default/skill:\(id)" : nil),
            importedHash: imported ? (hash ?? "hash-\(id)") : nil,
            excludedReason: status == .excluded ? "not wanted" : nil, excludedAt: status == .excluded ? date(40) : nil,
            description: description ?? "Entry \(id)", tags: ["t"], metadata: ArtifactMetadata(description: "Entry \(id)", author: "Ann"),
            files: ["skills/\(id)/SKILL.md"], declaration: type == .mcpServer ? .object(["command": .string("npx")]) : nil,
            duplicates: [], firstSeen: date(firstSeen), lastSeen: date(firstSeen + 5)
        )
    }
}
