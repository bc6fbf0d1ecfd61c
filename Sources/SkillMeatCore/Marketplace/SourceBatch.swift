public import Foundation
public import SkillMeatPluginAPI
public import SkillMeatStore

/// How one source fared in a batch over several sources (seed 002's bulk responses).
public enum SourceBatchStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Done.
    case succeeded
    /// Tried and failed, or not a source at all (an unknown id is reported for itself).
    case failed
    /// Not tried: its provider's rate limit was reached earlier in the batch, so no request was made.
    case skipped
}

/// One source's outcome in a batch: its id as asked for, the status, the error when there is one, and
/// what was done (`Outcome`'s own fields, beside these).
public struct SourceBatchResult<Outcome: Sendable & Encodable>: Sendable, Encodable {
    public var sourceID: String
    public var status: SourceBatchStatus
    public var outcome: Outcome?
    public var error: String?

    public var success: Bool { status == .succeeded }

    enum CodingKeys: String, CodingKey {
        case success, status, error
        case sourceID = "source_id"
    }

    public func encode(to encoder: any Encoder) throws {
        try outcome?.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(sourceID, forKey: .sourceID)
        try container.encode(success, forKey: .success)
        try container.encode(status, forKey: .status)
        try container.encodeIfPresent(error, forKey: .error)
    }
}

/// A batch over several sources: each source's result, and the totals seed 002 lists.
public struct SourceBatch<Outcome: Sendable & Encodable>: Sendable, Encodable {
    public var results: [SourceBatchResult<Outcome>]

    public var succeeded: Int { results.filter { $0.status == .succeeded }.count }
    public var failed: Int { results.filter { $0.status == .failed }.count }
    public var skipped: Int { results.filter { $0.status == .skipped }.count }

    enum CodingKeys: String, CodingKey {
        case results
        case totalCount = "total_count", succeededCount = "succeeded_count", failedCount = "failed_count", skippedCount = "skipped_count"
    }

    public func encode(to encoder: any Encoder) throws {
        try encoder.encodeFields(CodingKeys.self, [
            .results: results, .totalCount: results.count, .succeededCount: succeeded, .failedCount: failed, .skippedCount: skipped,
        ])
    }
}

/// What refreshing a source's suggested tags found: the source as it is now (with its `pending_tags`)
/// and seed 002's counts.
public struct TagRefresh: Sendable, Hashable, Encodable {
    public var source: MarketplaceSourceRecord
    /// Distinct tags the source suggested.
    public var tagsFound: Int
    /// Suggested tags that were neither accepted nor pending before, now pending.
    public var tagsAdded: Int
    /// Suggested tags that were already pending, suggested again.
    public var tagsUpdated: Int

    enum CodingKeys: String, CodingKey {
        case source
        case tagsFound = "tags_found", tagsAdded = "tags_added", tagsUpdated = "tags_updated"
    }

    /// `source` and the counts (a bulk refresh's result).
    public func encode(to encoder: any Encoder) throws {
        try encoder.encodeFields(CodingKeys.self, [.source: source, .tagsFound: tagsFound, .tagsAdded: tagsAdded, .tagsUpdated: tagsUpdated])
    }

    /// The source's own fields with the counts beside them (one source's refresh, which answers with
    /// the source).
    public var flattened: Flat { Flat(refresh: self) }

    public struct Flat: Sendable, Encodable {
        var refresh: TagRefresh

        public func encode(to encoder: any Encoder) throws {
            try refresh.source.encode(to: encoder)
            try encoder.encodeFields(CodingKeys.self, [.tagsFound: refresh.tagsFound, .tagsAdded: refresh.tagsAdded, .tagsUpdated: refresh.tagsUpdated])
        }
    }
}

extension MarketplaceService {
    /// Refreshes the suggested tags of each source in `ids` (every source when nil); see `eachSource`.
    public func refreshTags(of ids: [String]?, now: Date = Date()) async throws(SkillMeatError) -> SourceBatch<TagRefresh> {
        try await eachSource(ids, now: now) { source throws(SkillMeatError) in try await refreshTags(source.id, now: now) }
    }

    /// Rescans each source in `ids` (every source when nil); see `eachSource`. A source left out after
    /// a rate limit has the reason recorded as its last error.
    public func scan(of ids: [String]?, now: Date = Date()) async throws(SkillMeatError) -> SourceBatch<SourceScanOutput> {
        try await eachSource(ids, now: now, recordSkips: true) { source throws(SkillMeatError) in
            let report = try await scan(source.id, now: now)
            return SourceScanOutput(source: try await requireSource(source.id), scan: report)
        }
    }

    /// Runs `body` on each source of `ids` (every source, by id, when nil), one after the other. One
    /// failure does not stop the others, and an id that names no source fails alone. Once a provider
    /// answers with a rate limit, the remaining sources it reads are not tried (no further requests):
    /// they are `skipped` with the reason, and with `recordSkips` the reason becomes their last error.
    func eachSource<Outcome>(
        _ ids: [String]?, now: Date, recordSkips: Bool = false, _ body: (MarketplaceSourceRecord) async throws(SkillMeatError) -> Outcome
    ) async throws(SkillMeatError) -> SourceBatch<Outcome> {
        var targets: [(id: String, source: MarketplaceSourceRecord?)] = []
        if let ids {
            for id in ids where !targets.contains(where: { $0.id == id }) {
                targets.append((id, try? await requireSource(id)))
            }
        } else {
            targets = try await sources().sorted { $0.id < $1.id }.map { ($0.id, $0) }
        }
        var limited: [String: String] = [:]
        var results: [SourceBatchResult<Outcome>] = []
        for (id, source) in targets {
            guard let source else {
                do {
                    _ = try await requireSource(id)
                } catch {
                    results.append(SourceBatchResult(sourceID: id, status: .failed, outcome: nil, error: error.description))
                }
                continue
            }
            let provider = providerID(of: source)
            if let provider, let reason = limited[provider] {
                let message = "Not tried: \(reason)"
                if recordSkips {
                    var marked = source
                    marked.lastError = message
                    try? await sourceStore.updateSource(marked)
                }
                results.append(SourceBatchResult(sourceID: source.id, status: .skipped, outcome: nil, error: message))
                continue
            }
            do {
                results.append(SourceBatchResult(sourceID: source.id, status: .succeeded, outcome: try await body(source), error: nil))
            } catch {
                if case .plugin(let plugin, .rateLimited(let resetsAt, _)) = error, let key = plugin?.description ?? provider {
                    let lifts = resetsAt.map { " (it lifts at \(Timestamp.string($0)))" } ?? ""
                    limited[key] = "\(key)'s rate limit was reached with '\(source.id)'\(lifts); try again once it lifts."
                }
                results.append(SourceBatchResult(sourceID: source.id, status: .failed, outcome: nil, error: error.description))
            }
        }
        return SourceBatch(results: results)
    }

    /// The provider that reads `source`: the one that read it last, else the one that accepts it.
    func providerID(of source: MarketplaceSourceRecord) -> String? {
        source.provider ?? (try? plugins.sourceProvider(for: reference(of: source)).id.description)
    }
}
