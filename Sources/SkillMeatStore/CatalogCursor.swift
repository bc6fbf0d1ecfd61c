public import Foundation
public import SkillMeatPluginAPI

/// Where a catalog page ended: the sort keys of its last entry, so the next page starts strictly
/// after it (keyset paging). Every implementation reads and writes cursors through this type, so a
/// cursor is the same text whichever store made it.
public struct CatalogCursor: Sendable, Hashable, Codable {
    public var sort: CatalogQuery.Sort
    public var confidence: Int
    public var firstSeen: Date
    public var name: String
    public var type: ArtifactType
    public var id: String

    /// The cursor just after `entry` in `sort`.
    public init(after entry: CatalogEntryRecord, sort: CatalogQuery.Sort) {
        self.sort = sort
        self.confidence = entry.confidence
        self.firstSeen = Timestamp.truncated(entry.firstSeen)
        self.name = entry.name
        self.type = entry.type
        self.id = entry.id
    }

    /// Reads a cursor `text` made for `sort`.
    public init(parsing text: String, sort: CatalogQuery.Sort) throws(StoreError) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64),
            let parts = try? JSONDecoder().decode([String].self, from: data), parts.count == 6,
            let parsedSort = CatalogQuery.Sort(rawValue: parts[0]), parsedSort == sort,
            let confidence = Int(parts[1]), let firstSeen = Timestamp.date(parts[2]),
            let type = ArtifactType(rawValue: parts[4])
        else { throw .invalidCursor(text) }
        self.sort = parsedSort
        self.confidence = confidence
        self.firstSeen = firstSeen
        self.name = parts[3]
        self.type = type
        self.id = parts[5]
    }

    /// The cursor as opaque URL-safe text.
    public var text: String {
        let parts = [sort.rawValue, String(confidence), Timestamp.string(firstSeen), name, type.rawValue, id]
        let data = (try? JSONEncoder().encode(parts)) ?? Data()
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

extension CatalogQuery.Sort {
    /// Whether `lhs` lists before `rhs` in this order: the order every store must return, written
    /// once so the contract suite can check any implementation against it.
    public func precedes(_ lhs: CatalogEntryRecord, _ rhs: CatalogEntryRecord) -> Bool {
        switch self {
        case .name:
            return (lhs.name, lhs.type.rawValue, lhs.id) < (rhs.name, rhs.type.rawValue, rhs.id)
        case .confidence:
            if lhs.confidence != rhs.confidence { return lhs.confidence > rhs.confidence }
            return (lhs.name, lhs.id) < (rhs.name, rhs.id)
        case .date:
            let left = Timestamp.truncated(lhs.firstSeen), right = Timestamp.truncated(rhs.firstSeen)
            if left != right { return left > right }
            return (lhs.name, lhs.id) < (rhs.name, rhs.id)
        }
    }
}
