public import SkillMeatPluginAPI

/// Replaces the existing artifact of the same name.
public struct OverwriteConflictStrategy: ConflictStrategy {
    public init(context: PluginContext) {}

    public func decide(_ conflict: NameConflict) -> ConflictDecision {
        conflict.isConflict ? .overwrite(name: conflict.requestedName) : .proceed(name: conflict.requestedName)
    }
}
