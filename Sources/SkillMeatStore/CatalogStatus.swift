/// Where a catalog entry stands (DESIGN §4). `CatalogLifecycle` is the only code that moves an
/// entry from one status to another.
/// `CodingKeyRepresentable`, so counts keyed by status encode as a JSON object.
public enum CatalogStatus: String, Sendable, Hashable, Codable, CodingKeyRepresentable, CaseIterable, Comparable, CustomStringConvertible {
    /// Detected, never imported.
    case new
    /// Detected before; its own content changed since, or it came back after being removed.
    case updated
    /// No longer detected; an import id it had is kept.
    case removed
    /// In a collection: `status`, `importID` and `importDate` always change together.
    case imported
    /// Hidden by the user or as a duplicate, with a reason.
    case excluded

    public var description: String { rawValue }

    /// Whether an entry in this status holds its import name against the others of its source (it
    /// is still in the source and not set aside); removed and excluded entries give way (`CatalogNaming`).
    public var holdsName: Bool { self != .removed && self != .excluded }

    /// The canonical names, for messages and schemas.
    public static var names: [String] { allCases.map(\.rawValue) }

    public static func < (lhs: CatalogStatus, rhs: CatalogStatus) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
