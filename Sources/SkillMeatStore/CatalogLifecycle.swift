public import Foundation

/// The catalog's state machine (DESIGN §4) as one pure function, `(entry, event) -> entry`. Every
/// path that changes an entry's status or import fields goes through it (scan merge, import,
/// re-import, exclude, restore, removal from a collection); the store's constraints only guard it.
///
/// The three-field rule: `status`, `importID` and `importDate` change together. An `imported` entry
/// has both; `new` and `updated` have neither; `removed` and `excluded` keep what they had, so a
/// removed entry remembers its import and a restored one returns to `imported`.
public enum CatalogLifecycle {
    /// Why an event does not apply to an entry in its status.
    public enum Refusal: Error, Sendable, Hashable, CustomStringConvertible {
        /// `restored` of an entry that is not excluded.
        case notExcluded(id: String, status: CatalogStatus)
        /// `imported` of an excluded entry: it must be restored first.
        case excluded(id: String, reason: String?)

        public var description: String {
            switch self {
            case .notExcluded(let id, let status): "The entry '\(id)' is \(status), not excluded; there is nothing to restore."
            case .excluded(let id, let reason): "The entry '\(id)' is excluded (\(reason ?? "by the user")); restore it first."
            }
        }
    }

    /// The reason an entry is excluded on arrival when another path of its source has the same content.
    public static let duplicateReason = "duplicate_within_source"

    /// A candidate a scan found for the first time: `new`, or `excluded` as a duplicate within its source.
    public static func discovered(_ candidate: CatalogEntryRecord, duplicate: Bool, at now: Date) -> CatalogEntryRecord {
        var entry = candidate
        entry.firstSeen = now
        entry.lastSeen = now
        entry.importID = nil
        entry.importDate = nil
        entry.importedAs = nil
        entry.importedHash = nil
        if duplicate {
            entry.status = .excluded
            entry.excludedReason = duplicateReason
            entry.excludedAt = now
        } else {
            entry.status = .new
            entry.excludedReason = nil
            entry.excludedAt = nil
        }
        return entry
    }

    /// What `entry` becomes after `event`.
    public static func apply(_ event: CatalogEvent, to entry: CatalogEntryRecord) throws(Refusal) -> CatalogEntryRecord {
        var next = entry
        switch event {
        case .scanFound(let candidate, let now), .scanChanged(let candidate, let now):
            let changed = candidate.contentHash != entry.contentHash
            refreshContent(&next, from: candidate, at: now)
            switch entry.status {
            case .new:
                if changed { next.status = .updated }
            case .updated, .imported, .excluded:
                // An imported entry stays imported: an upstream change is reported, not a status.
                break
            case .removed:
                returned(&next)
            }
        case .scanMissing:
            // Excluded entries stay hidden; the rest are gone, remembering an import they had.
            if entry.status != .excluded { next.status = .removed }
        case .imported(let importID, let now, let importedAs):
            if entry.status == .excluded { throw .excluded(id: entry.id, reason: entry.excludedReason) }
            next.status = .imported
            next.importID = importID
            next.importDate = now
            next.importedAs = importedAs
            next.importedHash = entry.contentHash
        case .removedFromCollection:
            if entry.status == .imported { next.status = .new }
            next.importID = nil
            next.importDate = nil
            next.importedAs = nil
            next.importedHash = nil
        case .excluded(let reason, let now):
            next.status = .excluded
            next.excludedReason = reason
            next.excludedAt = now
        case .restored:
            guard entry.status == .excluded else { throw .notExcluded(id: entry.id, status: entry.status) }
            next.excludedReason = nil
            next.excludedAt = nil
            if entry.importID != nil, entry.importDate != nil {
                next.status = .imported
            } else {
                next.status = .new
                next.importID = nil
                next.importDate = nil
            }
        case .renamed(let importedAs):
            // Only the link moves; an entry with no link has nothing to follow.
            if entry.importedAs != nil { next.importedAs = importedAs }
        case .named(let name):
            // The user's name; no scan event touches it (`refreshContent` leaves it), so it is kept
            // across rescans. What was imported keeps the name it was imported under.
            next.userName = name
        }
        return next
    }

    /// Whether `entry` keeps the three-field rule (what the store's constraint also checks).
    public static func isConsistent(_ entry: CatalogEntryRecord) -> Bool {
        let hasImport = entry.importID != nil && entry.importDate != nil
        switch entry.status {
        case .imported: return hasImport
        case .new, .updated: return entry.importID == nil && entry.importDate == nil
        case .removed, .excluded: return (entry.importID == nil) == (entry.importDate == nil)
        }
    }

    /// A removed entry seen again. While it is still linked to the collection artifact it was
    /// imported as, it is `imported` again when its content equals what was imported; otherwise it
    /// is `updated` (news to the user), keeping the link and imported hash as its history.
    static func returned(_ entry: inout CatalogEntryRecord) {
        if entry.importID != nil, entry.importDate != nil, entry.importedAs != nil,
            let importedHash = entry.importedHash, importedHash == entry.contentHash {
            entry.status = .imported
        } else {
            entry.status = .updated
            entry.importID = nil
            entry.importDate = nil
        }
    }

    /// Takes what a scan read (content, commit, metadata) into the entry; identity, status, import
    /// and exclusion fields stay the lifecycle's.
    static func refreshContent(_ entry: inout CatalogEntryRecord, from candidate: CatalogEntryRecord, at now: Date) {
        entry.contentHash = candidate.contentHash
        entry.detectedSHA = candidate.detectedSHA
        entry.upstreamURL = candidate.upstreamURL
        entry.confidence = candidate.confidence
        entry.reasons = candidate.reasons
        entry.description = candidate.description
        entry.metadata = candidate.metadata
        entry.files = candidate.files
        entry.declaration = candidate.declaration
        entry.tags = candidate.tags
        entry.lastSeen = now
    }
}
