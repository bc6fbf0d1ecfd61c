/// Counts of a catalog by status (every entry) and by type (entries not excluded).
public struct CatalogCounts: Sendable, Hashable, Codable {
    public var byStatus: [CatalogStatus: Int]
    public var byType: [String: Int]

    public init(byStatus: [CatalogStatus: Int] = [:], byType: [String: Int] = [:]) {
        self.byStatus = byStatus
        self.byType = byType
    }

    enum CodingKeys: String, CodingKey {
        case byStatus = "counts_by_status"
        case byType = "counts_by_type"
    }
}
