/// How far a marketplace source is trusted, lowest first.
public enum TrustLevel: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case untrusted
    case basic
    case trusted
    case official

    public var description: String { rawValue }

    /// The canonical names, for messages and schemas.
    public static var names: [String] { allCases.map(\.rawValue) }
}
