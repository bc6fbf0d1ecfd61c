public import SkillMeatPluginAPI

/// Keeps both: the newcomer takes the first free `<name>-1`, `<name>-2`, … When a length limit
/// applies, the base is shortened so the suffix still fits (a skill name stays within 64 characters).
public struct RenameConflictStrategy: ConflictStrategy {
    /// How many suffixes are tried before giving up; far more than any real collection needs, but a
    /// bound keeps a pathological input from looping.
    static let maximumAttempts = 10_000

    public init(context: PluginContext) {}

    public func decide(_ conflict: NameConflict) -> ConflictDecision {
        guard conflict.isConflict else { return .proceed(name: conflict.requestedName) }
        for number in 1...Self.maximumAttempts {
            let suffix = "-\(number)"
            var base = conflict.requestedName
            if let limit = conflict.maxNameLength, base.count + suffix.count > limit {
                guard limit > suffix.count else { break }
                base = String(base.prefix(limit - suffix.count))
                // A name may not end in a hyphen before the suffix ("a--1" breaks skill naming rules).
                while base.hasSuffix("-") { base.removeLast() }
                if base.isEmpty { break }
            }
            let candidate = base + suffix
            if !conflict.takenNames.contains(candidate) { return .rename(to: candidate) }
        }
        return .unresolved(reason: "no free name of the form '\(conflict.requestedName)-N' was found")
    }
}
