/// What a profile accepts as the deployed name of one artifact type: a length limit and a
/// character set. The host hands the limit to the conflict strategy, so a renamed artifact still
/// fits; the deployer refuses names that break the rule when it plans.
public struct NameRule: Sendable, Hashable {
    /// The characters a name may use.
    public enum Characters: Sendable, Hashable {
        /// Any name that is one safe path component.
        case anySafeComponent
        /// Lowercase letters, digits and single hyphens, neither first nor last (Agent Skills).
        case lowercaseHyphenated
    }

    /// The longest name allowed, in characters; nil for no limit beyond the file system's.
    public var maxLength: Int?
    public var characters: Characters

    public init(maxLength: Int?, characters: Characters) {
        self.maxLength = maxLength
        self.characters = characters
    }

    /// Any safe path component, of any length.
    public static let unrestricted = NameRule(maxLength: nil, characters: .anySafeComponent)

    /// The Agent Skills specification (agentskills.io): 1–64 lowercase letters, digits and single hyphens.
    public static let agentSkills = NameRule(maxLength: 64, characters: .lowercaseHyphenated)

    /// Whether `name` follows the rule.
    public func permits(_ name: String) -> Bool {
        guard !name.isEmpty, maxLength.map({ name.count <= $0 }) ?? true else { return false }
        switch characters {
        case .anySafeComponent:
            return true
        case .lowercaseHyphenated:
            let allowed = name.unicodeScalars.allSatisfy { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "-" }
            return allowed && !name.hasPrefix("-") && !name.hasSuffix("-") && !name.contains("--")
        }
    }

    /// The rule in words, for a message: "1–64 lowercase letters, digits and single hyphens".
    public var summary: String {
        let length = maxLength.map { "1–\($0) " } ?? ""
        switch characters {
        case .anySafeComponent: return maxLength.map { "at most \($0) characters" } ?? "any single path component"
        case .lowercaseHyphenated: return "\(length)lowercase letters, digits and single hyphens"
        }
    }
}
