public import SkillMeatPluginAPI

/// Leaves an existing artifact untouched: a taken name means nothing is written.
public struct SkipConflictStrategy: ConflictStrategy {
    public init(context: PluginContext) {}

    public func decide(_ conflict: NameConflict) -> ConflictDecision {
        conflict.isConflict ? .skip(existingName: conflict.requestedName) : .proceed(name: conflict.requestedName)
    }
}
