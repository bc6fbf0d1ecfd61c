public import SkillMeatPluginAPI

/// Filters, order and page of a catalog listing.
public struct CatalogQuery: Sendable, Hashable {
    /// The orders a catalog lists in; each ends in the entry id, so every order is total and a
    /// keyset cursor never skips or repeats an entry, ties included.
    public enum Sort: String, Sendable, Hashable, Codable, CaseIterable {
        /// Most confident first, then name, then id.
        case confidence
        /// Name, then type, then id.
        case name
        /// Most recently first seen first, then name, then id.
        case date
    }

    public var sourceID: String?
    /// Empty means every status except `excluded` (unless `includeExcluded`).
    public var statuses: Set<CatalogStatus>
    public var type: ArtifactType?
    public var minConfidence: Int?
    /// Case-insensitive match on name, path and description.
    public var search: String?
    public var includeExcluded: Bool
    public var sort: Sort
    /// At most this many entries; nil for all.
    public var limit: Int?
    /// Entries after this cursor (a previous page's `nextCursor`, made for the same sort).
    public var after: String?
    /// Entries to skip before the page starts (numbered pages: `(page - 1) * limit`).
    public var offset: Int

    public init(
        sourceID: String? = nil, statuses: Set<CatalogStatus> = [], type: ArtifactType? = nil, minConfidence: Int? = nil,
        search: String? = nil, includeExcluded: Bool = false, sort: Sort = .name, limit: Int? = nil, after: String? = nil,
        offset: Int = 0
    ) {
        self.sourceID = sourceID
        self.statuses = statuses
        self.type = type
        self.minConfidence = minConfidence
        self.search = search
        self.includeExcluded = includeExcluded
        self.sort = sort
        self.limit = limit
        self.after = after
        self.offset = offset
    }
}
