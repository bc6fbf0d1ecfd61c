public import SkillMeatPluginAPI

/// The conflict strategies a request can name: what happens when a name or path is already taken.
/// Each is the name of a `conflict_strategy` plugin, looked up through `PluginCatalog.conflictStrategy(named:)`.
public enum ConflictStrategyName: String, Sendable, Hashable, Codable, NamedCases {
    /// Leave what is there; the conflict stays unresolved.
    case skip
    /// Replace what is there.
    case overwrite
    /// Install under a free name.
    case rename
}
