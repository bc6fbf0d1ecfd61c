public import SkillMeatStore

/// `cache stats --json` and `GET /api/v1/cache/stats`: the store's own statistics, whose `Codable`
/// form is the printed one.
public typealias CacheStatsOutput = CacheStatistics

extension CacheStatistics {
    /// The statistics of the collection cache of `stores`.
    public init(stores: any StoreBackend) async throws(SkillMeatError) {
        self = try await SkillMeatError.store { try await stores.collectionCache.statistics() }
    }
}
