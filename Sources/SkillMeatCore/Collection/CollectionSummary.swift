public import Foundation
import SkillMeatPluginAPI
public import SkillMeatStore

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

extension CollectionService {
    /// Every collection of `home`, sorted by name, counted from the cache (made fresh from the manifest
    /// first, so the counts are the files' truth without parsing a manifest per request); a collection
    /// whose manifest cannot be read counts as empty rather than hiding it.
    public static func summaries(in home: SkillMeatHome, stores: any StoreBackend, active: String) async throws(SkillMeatError) -> [CollectionSummary] {
        var summaries: [CollectionSummary] = []
        for name in try collectionNames(home) {
            let service = CollectionService(home: home, collection: name, stores: stores)
            var counts: [ArtifactType: Int] = [:]
            if (try? await service.cache.ensureFresh()) != nil {
                do {
                    counts = try await stores.collectionCache.typeCounts(collection: name)
                } catch {
                    throw SkillMeatError(error)
                }
            }
            summaries.append(CollectionSummary(
                name: name, active: name == active, artifacts: counts.values.reduce(0, +), path: service.store.directory.path,
                countsByType: Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value) })
            ))
        }
        return summaries
    }
}
