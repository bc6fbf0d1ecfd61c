public import SkillMeatPluginAPI

/// How far a marketplace source is trusted, lowest first.
public enum TrustLevel: String, Sendable, Hashable, Codable, NamedCases {
    case untrusted
    case basic
    case trusted
    case official

    /// A level as clients spell it: the raw values, and SkillMeat's `verified` for `trusted`.
    public init?(parsing name: String) {
        if name == "verified" {
            self = .trusted
        } else {
            self.init(rawValue: name)
        }
    }
}
