public import Foundation
public import SkillMeatStore

/// What a rescan cannot tell about a catalog entry: that it was imported (its import id and date,
/// the artifact it became), that the user excluded it (and why), or the name the user gave it. Kept in `catalog-decisions.toml`
/// so a rebuilt database gets them back with the next scan, as the lifecycle events they came from.
public struct CatalogDecision: Sendable, Hashable, Codable {
    public var id: String
    public var sourceID: String
    public var importID: String?, importDate: Date?, importedAs: String?
    public var excludedReason: String?, excludedAt: Date?
    public var userName: String?

    /// The decision `entry` carries; nil when it carries none (a scan would find it as it is), which
    /// includes an exclusion the scan itself makes again (a duplicate within the source).
    init?(_ entry: CatalogEntryRecord) {
        let imported = entry.importID != nil && entry.importDate != nil && entry.importedAs != nil
        let excludedByUser = entry.status == .excluded && entry.excludedReason != CatalogLifecycle.duplicateReason
        guard imported || excludedByUser || entry.userName != nil else { return nil }
        userName = entry.userName
        (id, sourceID) = (entry.id, entry.sourceID)
        if imported { (importID, importDate, importedAs) = (entry.importID, entry.importDate, entry.importedAs) }
        if excludedByUser { (excludedReason, excludedAt) = (entry.excludedReason ?? "", entry.excludedAt ?? entry.lastSeen) }
    }

    /// `entry` (as a scan found it, `new`) with this decision put back through `CatalogLifecycle`: it was
    /// imported as recorded, then excluded if it had been.
    func restored(on entry: CatalogEntryRecord) -> CatalogEntryRecord {
        var restored = entry
        if let importID, let importDate, let importedAs {
            restored = (try? CatalogLifecycle.apply(.imported(importID: importID, at: importDate, importedAs: importedAs), to: restored)) ?? restored
        }
        if let userName {
            restored = (try? CatalogLifecycle.apply(.named(userName), to: restored)) ?? restored
        }
        if let excludedReason, let excludedAt {
            restored = (try? CatalogLifecycle.apply(.excluded(reason: excludedReason, at: excludedAt), to: restored)) ?? restored
        }
        return restored
    }

    enum CodingKeys: String, CodingKey {
        case id
        case sourceID = "source_id"
        case importID = "import_id"
        case importDate = "import_date"
        case importedAs = "imported_as"
        case excludedReason = "excluded_reason"
        case excludedAt = "excluded_at"
        case userName = "user_name"
    }
}
