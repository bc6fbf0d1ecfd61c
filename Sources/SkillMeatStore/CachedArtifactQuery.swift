public import SkillMeatPluginAPI

/// Filters for listing a collection's cached artifacts, ordered by type then name.
public struct CachedArtifactQuery: Sendable, Hashable {
    public var collection: String
    public var type: ArtifactType?
    /// Case-insensitive, exact tag.
    public var tag: String?
    /// Case-insensitive match on name, description and tags.
    public var search: String?
    /// Rows after this cursor (a previous page's `nextCursor`: the last row's `type:name`).
    public var after: String?
    /// At most this many rows; nil for all.
    public var limit: Int?

    public init(collection: String, type: ArtifactType? = nil, tag: String? = nil, search: String? = nil, after: String? = nil, limit: Int? = nil) {
        self.collection = collection
        self.type = type
        self.tag = tag
        self.search = search
        self.after = after
        self.limit = limit
    }
}
