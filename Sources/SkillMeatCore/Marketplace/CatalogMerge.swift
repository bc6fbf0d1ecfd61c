public import SkillMeatCache

/// The catalog's status machine (DESIGN §4) as a pure function of the entries a source had and what
/// a scan found: a rescan marks an entry `updated` only when its own content hash changed, `removed`
/// when it is gone (keeping its import id), brings a removed entry back as `updated`, and leaves
/// `imported` and `excluded` entries in their status.
public enum CatalogMerge {
    /// The counts a rescan reports.
    public struct Counts: Sendable, Hashable, Codable {
        public var new = 0
        public var updated = 0
        public var removed = 0
        public var unchanged = 0
        /// Duplicates within the source, excluded on arrival.
        public var duplicates = 0

        public init() {}
    }

    public struct Result: Sendable {
        /// Every entry whose row must be written (new or changed).
        public var changed: [CatalogEntryRecord]
        /// Every entry of the source after the merge.
        public var all: [CatalogEntryRecord]
        public var counts: Counts
        /// Imported entries whose upstream content changed.
        public var upstreamChanges: [CatalogEntryRecord]
    }

    public static let duplicateReason = "duplicate_within_source"

    /// Merges `found` (ids already computed, status `new`) into `existing`, at time `now`.
    public static func merge(existing: [CatalogEntryRecord], found: [CatalogEntryRecord], now: String) -> Result {
        var byID = Dictionary(existing.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var counts = Counts()
        var changed: [CatalogEntryRecord] = []
        var upstreamChanges: [CatalogEntryRecord] = []
        var seen = Set<String>()
        // Same type and content at two paths of one source: the first in path order is the one to
        // import, the rest are excluded as duplicates.
        var firstByContent: [String: String] = [:]

        for candidate in found.sorted(by: { ($0.path, $0.name) < ($1.path, $1.name) }) {
            guard seen.insert(candidate.id).inserted else { continue }
            let contentKey = "\(candidate.type)\u{0}\(candidate.contentHash)"
            let isDuplicate = firstByContent[contentKey].map { $0 != candidate.id } ?? false
            if firstByContent[contentKey] == nil { firstByContent[contentKey] = candidate.id }

            guard var entry = byID[candidate.id] else {
                var entry = candidate
                entry.firstSeen = now
                entry.lastSeen = now
                if isDuplicate {
                    entry.status = "excluded"
                    entry.excludedReason = duplicateReason
                    entry.excludedAt = now
                    counts.duplicates += 1
                } else {
                    entry.status = "new"
                    counts.new += 1
                }
                changed.append(entry)
                byID[entry.id] = entry
                continue
            }
            let hashChanged = entry.contentHash != candidate.contentHash
            switch entry.status {
            case "removed":
                // Back after being gone: whatever it holds now is news to the user. Status, import id
                // and import date change together, so an entry that had been imported leaves
                // `imported` whole; `importedAs` still links it to the collection artifact.
                entry.status = "updated"
                entry.importID = nil
                entry.importDate = nil
                counts.updated += 1
            case "imported":
                if hashChanged { upstreamChanges.append(candidate) }
                counts.unchanged += 1
            case "excluded":
                counts.unchanged += 1
            default:
                if hashChanged {
                    entry.status = "updated"
                    counts.updated += 1
                } else {
                    counts.unchanged += 1
                }
            }
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
            changed.append(entry)
            byID[entry.id] = entry
        }

        for entry in existing where !seen.contains(entry.id) && entry.status != "removed" && entry.status != "excluded" {
            var gone = entry
            gone.status = "removed"
            counts.removed += 1
            changed.append(gone)
            byID[gone.id] = gone
        }
        return Result(
            changed: changed,
            all: byID.values.sorted { $0.id < $1.id },
            counts: counts,
            upstreamChanges: upstreamChanges.map { byID[$0.id] ?? $0 }
        )
    }
}
