public import Foundation
import SkillMeatPluginAPI

/// One collection as `collection list` and `GET /api/v1/user-collections` show it.
public struct CollectionSummary: Sendable, Encodable, Hashable {
    public var name: String
    /// Whether it is the configured default (`collection.default`).
    public var active: Bool
    public var artifacts: Int
    public var path: String
    /// Artifacts per type name, for the types it holds.
    public var countsByType: [String: Int]

    enum CodingKeys: String, CodingKey {
        case name, active, artifacts, path
        case countsByType = "counts_by_type"
    }
}

extension CollectionStore {
    /// Every collection of `home`, sorted by name, read from its manifest (the truth, not the cache);
    /// a manifest that cannot be read counts as empty rather than hiding the collection.
    public static func summaries(in home: SkillMeatHome, active: String) throws -> [CollectionSummary] {
        try names(in: home).map { name in
            let store = CollectionStore(home: home, name: name)
            let artifacts = (try? store.readManifest().artifacts) ?? []
            let counts = artifacts.reduce(into: [String: Int]()) { $0[$1.type.rawValue, default: 0] += 1 }
            return CollectionSummary(name: name, active: name == active, artifacts: artifacts.count, path: store.directory.path, countsByType: counts)
        }
    }
}
