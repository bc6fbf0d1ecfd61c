public import Foundation

/// Something that happens to a catalog entry; `CatalogLifecycle.apply` says what the entry becomes.
public enum CatalogEvent: Sendable, Hashable {
    /// A scan saw the entry again with the content it had (the candidate carries what the scan read).
    case scanFound(CatalogEntryRecord, at: Date)
    /// A scan saw the entry again with other content.
    case scanChanged(CatalogEntryRecord, at: Date)
    /// A scan no longer saw it.
    case scanMissing
    /// It was imported (or re-imported) into a collection as `importedAs` (`<collection>/<type>:<name>`).
    case imported(importID: String, at: Date, importedAs: String)
    /// The collection artifact it was imported as was deleted (alone or with its collection).
    case removedFromCollection
    /// The user (or a scan, for a duplicate) hid it.
    case excluded(reason: String, at: Date)
    /// The user brought it back from `excluded`.
    case restored
    /// The collection artifact it was imported as now has another name (`<collection>/<type>:<name>`).
    case renamed(importedAs: String)
    /// The user gave the entry a name of its own (nil: back to the detected name).
    case named(String?)

    /// The event for what a scan read of an entry it had seen before: found or changed, by the
    /// entry's own content hash (not merely a new commit).
    public static func scanned(_ candidate: CatalogEntryRecord, previous: CatalogEntryRecord, at: Date) -> CatalogEvent {
        candidate.contentHash == previous.contentHash ? .scanFound(candidate, at: at) : .scanChanged(candidate, at: at)
    }

    /// The event's name, for messages and test tables.
    public var name: String {
        switch self {
        case .scanFound: "scan_found"
        case .scanChanged: "scan_changed"
        case .scanMissing: "scan_missing"
        case .imported: "imported"
        case .removedFromCollection: "removed_from_collection"
        case .excluded: "excluded"
        case .restored: "restored"
        case .renamed: "renamed"
        case .named: "named"
        }
    }
}
