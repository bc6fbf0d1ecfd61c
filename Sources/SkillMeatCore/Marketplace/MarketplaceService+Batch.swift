public import Foundation
import SkillMeatPluginAPI
public import SkillMeatStore

/// What a source reference names, as the provider that would read it sees it (`source infer`,
/// `POST /api/v1/marketplace/sources/infer-url`).
public struct InferredSourceOutput: Sendable, Hashable, Codable {
    /// The plugin that accepts the reference.
    public var provider: String
    public var location: String
    public var ref: String?
    public var root: String?
    public var suggestedName: String

    enum CodingKeys: String, CodingKey {
        case provider, location, ref, root
        case suggestedName = "suggested_name"
    }
}

extension MarketplaceService {
    /// Which enabled provider accepts `location` and the parts it reads from it, without any I/O
    /// beyond a file-existence check.
    public func infer(_ location: String) throws(SkillMeatError) -> InferredSourceOutput {
        let trimmed = location.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .invalidArgument("Give a URL, owner/repo, git address or folder to infer a source from.") }
        let reference = SourceReference(location: trimmed)
        let (id, provider) = try plugins.sourceProvider(for: reference)
        let parts = try Self.parts(of: reference, id: id, provider: provider)
        return InferredSourceOutput(
            provider: id.description, location: parts.location, ref: parts.ref, root: parts.root?.string,
            suggestedName: Self.defaultName(parts.location)
        )
    }
}

extension MarketplaceService {
    /// One page of the catalog: at most `query.limit` entries after `query.after` (or `query.offset`
    /// entries in), how many match in all, the counts of the source (or of every source), and the
    /// cursor of the next page when there is one.
    public func catalogPage(_ query: CatalogQuery) async throws(SkillMeatError) -> CatalogListOutput {
        let page = try await catalog(query)
        let number = query.after == nil ? query.limit.map { query.offset / max($0, 1) + 1 } ?? 1 : nil
        return CatalogListOutput(
            entries: try await outputs(page.items), counts: try await counts(sourceID: query.sourceID), nextCursor: page.nextCursor,
            total: page.total, page: number, pageSize: query.limit
        )
    }
}

extension MarketplaceService {
    /// The parts `provider` reads from `reference`; an unusable reference (a GitHub URL without a
    /// repository, a URL without a host) is an error here, before anything is written.
    static func parts(of reference: SourceReference, id: PluginID, provider: any SourceProvider) throws(SkillMeatError) -> SourceReference {
        do {
            return try provider.parts(of: reference)
        } catch let error as PluginError {
            throw .plugin(id, error)
        } catch {
            throw .plugin(id, .invalidReference(reference.location, reason: "\(error)"))
        }
    }
}
