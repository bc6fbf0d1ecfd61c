// Conformances are as public as the types they extend, so these imports are public.
public import ArgumentParser
public import Logging
public import SkillMeatCore
public import SkillMeatPluginAPI

// The closed option sets as arguments: argument-parser validates them and lists every value in help
// and shell completion (`CaseIterable`).

extension ConflictStrategyName: ExpressibleByArgument {}

extension DeploymentScope: ExpressibleByArgument {}

extension PluginKind: ExpressibleByArgument {}

extension ArtifactType: ExpressibleByArgument {
    /// Also the spellings users and older files use (`mcp`, plurals, any case).
    public init?(argument: String) {
        self.init(parsing: argument)
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {
    /// In any case, as the configuration's log.level is read.
    public init?(argument: String) {
        self.init(rawValue: argument.lowercased())
    }
}
