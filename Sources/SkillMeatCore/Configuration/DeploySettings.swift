import SkillMeatPluginAPI

/// How deployments are made when a request leaves something out: `[deploy]` in the configuration.
public struct DeploySettings: Sendable, Hashable {
    /// The profiles a deployment goes to when it names none (`deploy.default_profiles`).
    public var defaultProfiles: [String]

    public init(defaultProfiles: [String] = []) {
        self.defaultProfiles = defaultProfiles
    }

    /// The `[deploy]` section of `configuration`; one profile may be written as a plain string.
    public init(configuration: Configuration) {
        let value = configuration.value(at: ConfigKeyPath(["deploy", "default_profiles"]))
        self.init(defaultProfiles: value?.stringValue.map { [$0] } ?? value?.stringList ?? [])
    }
}
