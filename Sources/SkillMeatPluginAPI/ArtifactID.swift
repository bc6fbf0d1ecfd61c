/// Identifies an artifact within a collection as `type:name`.
public struct ArtifactID: Sendable, Hashable, Comparable, TextIdentifier {
    public var type: ArtifactType
    public var name: String

    public init(type: ArtifactType, name: String) {
        self.type = type
        self.name = name
    }

    /// Parses `type:name`; the type may use any spelling `ArtifactType(parsing:)` accepts.
    public init?(parsing text: String) {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        guard let type = ArtifactType(parsing: String(text[..<colon])) else { return nil }
        let name = String(text[text.index(after: colon)...])
        guard !name.isEmpty else { return nil }
        self.init(type: type, name: name)
    }

    public var description: String { "\(type.rawValue):\(name)" }

    public static let writtenForm = "type:name artifact id"

    public static func < (lhs: ArtifactID, rhs: ArtifactID) -> Bool {
        (lhs.type, lhs.name) < (rhs.type, rhs.name)
    }
}

/// A value named by its type and name (a detected, collected, cached or discovered artifact), whose
/// `id` is `type:name`: within a collection its key, and in a store its page cursor.
public protocol NamedArtifact {
    var type: ArtifactType { get }
    var name: String { get }
}

extension NamedArtifact {
    /// `type:name`.
    public var id: ArtifactID { ArtifactID(type: type, name: name) }
}
