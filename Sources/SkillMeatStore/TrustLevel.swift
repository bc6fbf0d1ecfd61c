/// How far a marketplace source is trusted, lowest first.
public enum TrustLevel: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case untrusted
    case basic
    case trusted
    case official

    public var description: String { rawValue }

    /// The canonical names, for messages and schemas.
    public static var names: [String] { allCases.map(\.rawValue) }

    /// A level as clients spell it: the raw values, and SkillMeat's `verified` for `trusted`.
    public init?(parsing name: String) {
        if name == "verified" {
            self = .trusted
        } else {
            self.init(rawValue: name)
        }
    }
}
