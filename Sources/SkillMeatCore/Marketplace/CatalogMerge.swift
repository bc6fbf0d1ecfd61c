public import Foundation
public import SkillMeatStore
import SkillMeatPluginAPI

/// Merges what a scan found into a source's catalog: each entry's new state comes from
/// `CatalogLifecycle` (first seen, found, changed, missing); this type only pairs candidates with
/// entries, spots duplicates within the source and counts what changed for the scan report.
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

    /// What makes two entries of one source duplicates: the same type and content.
    static func contentKey(_ entry: CatalogEntryRecord) -> String {
        "\(entry.type.rawValue)\u{0}\(entry.contentHash)"
    }

    /// Merges `found` (ids already computed) into `existing`, at time `now`.
    public static func merge(existing: [CatalogEntryRecord], found: [CatalogEntryRecord], now: Date) -> Result {
        var byID = Dictionary(existing.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var counts = Counts()
        var changed: [CatalogEntryRecord] = []
        var upstreamChanges: [String] = []
        var seen = Set<String>()
        // Same type and content at two paths of one source: one is the entry to import, the rest are
        // excluded as duplicates. Entries the catalog already lists (and the user has not hidden)
        // come first, so a copy arriving later is the duplicate whatever its path; among newcomers,
        // the first in path order is kept.
        var firstByContent: [String: String] = [:]
        func rank(_ candidate: CatalogEntryRecord) -> Int {
            guard let entry = byID[candidate.id] else { return 2 }
            return entry.status == .excluded || entry.status == .removed ? 1 : 0
        }

        for candidate in found.sorted(by: { (rank($0), $0.path, $0.name) < (rank($1), $1.path, $1.name) }) {
            guard seen.insert(candidate.id).inserted else { continue }
            let key = Self.contentKey(candidate)
            let isDuplicate = firstByContent[key].map { $0 != candidate.id } ?? false
            if firstByContent[key] == nil { firstByContent[key] = candidate.id }

            guard let entry = byID[candidate.id] else {
                let arrived = CatalogLifecycle.discovered(candidate, duplicate: isDuplicate, at: now)
                if isDuplicate { counts.duplicates += 1 } else { counts.new += 1 }
                changed.append(arrived)
                byID[arrived.id] = arrived
                continue
            }
            let event = CatalogEvent.scanned(candidate, previous: entry, at: now)
            // Scan events apply to every status.
            let next = (try? CatalogLifecycle.apply(event, to: entry)) ?? entry
            switch (entry.status, next.status) {
            case (.removed, .updated), (.new, .updated):
                counts.updated += 1
            case (.updated, _) where entry.contentHash != candidate.contentHash:
                counts.updated += 1
            case (.imported, _) where entry.contentHash != candidate.contentHash:
                upstreamChanges.append(entry.id)
                counts.unchanged += 1
            default:
                counts.unchanged += 1
            }
            changed.append(next)
            byID[next.id] = next
        }

        for entry in existing where !seen.contains(entry.id) {
            guard let gone = try? CatalogLifecycle.apply(.scanMissing, to: entry), gone != entry else { continue }
            counts.removed += 1
            changed.append(gone)
            byID[gone.id] = gone
        }
        return Result(
            changed: changed,
            all: byID.values.sorted { $0.id < $1.id },
            counts: counts,
            upstreamChanges: upstreamChanges.compactMap { byID[$0] }
        )
    }
}
