/// One page of a keyset-paged query: at most the query's limit of items, and the cursor of the next
/// page (nil on the last). The store reads one row past the limit to know whether another page
/// follows, so a page costs the same at any depth and no query is read whole to be cut in memory.
public struct StorePage<Item: Sendable>: Sendable {
    public var items: [Item]
    /// Pass back as the query's `after` for the next page; opaque to callers.
    public var nextCursor: String?
    /// How many items match the query across every page, where the store counts them (catalog queries).
    public var total: Int?

    public init(items: [Item], nextCursor: String?, total: Int? = nil) {
        self.items = items
        self.nextCursor = nextCursor
        self.total = total
    }

    /// Cuts rows read with one more than `limit` to `limit`, the cursor naming the last one kept.
    public init(lookahead rows: [Item], limit: Int?, cursor: (Item) -> String) {
        guard let limit, rows.count > limit else {
            self.init(items: rows, nextCursor: nil)
            return
        }
        let items = Array(rows.prefix(limit))
        self.init(items: items, nextCursor: items.last.map(cursor))
    }
}

extension StorePage: Equatable where Item: Equatable {}
extension StorePage: Hashable where Item: Hashable {}
