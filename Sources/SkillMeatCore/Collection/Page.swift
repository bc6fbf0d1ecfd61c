/// One page of a list, as the HTTP API returns lists: the items and the cursor of the next page
/// (null on the last).
public struct Page<Item: Sendable & Hashable & Codable>: Sendable, Hashable, Codable {
    public var items: [Item]
    public var nextCursor: String?

    public init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }

    /// Cuts a list read with one item more than `limit` (which tells whether another page follows
    /// without counting them all) to `limit` items, the cursor being the last item's key.
    public init(lookahead items: [Item], limit: Int, key: (Item) -> String) {
        var items = items
        var next: String?
        if items.count > limit {
            items.removeLast(items.count - limit)
            next = items.last.map(key)
        }
        self.init(items: items, nextCursor: next)
    }

    enum CodingKeys: String, CodingKey {
        case items
        case nextCursor = "next_cursor"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        // Always present (null on the last page), so clients need not test for the key.
        try container.encode(nextCursor, forKey: .nextCursor)
    }
}

extension Page: JSONWritable where Item: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("items")
        writer.beginArray()
        for item in items { item.writeJSON(to: &writer) }
        writer.endArray()
        writer.field("next_cursor", nextCursor)
        writer.endObject()
    }
}
