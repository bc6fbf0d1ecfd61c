public import SkillMeatPluginAPI

/// Whether a plugin runs, the reason in words, and for a plugin that does not, how to turn it on.
public struct PluginStatus: Sendable, Hashable, Codable {
    public var enabled: Bool
    public var reason: String
    /// What to change in `[plugins]` of config.toml to enable it; nil when it is enabled.
    public var enableHint: String?

    public init(enabled: Bool, reason: String, enableHint: String? = nil) {
        self.enabled = enabled
        self.reason = reason
        self.enableHint = enableHint
    }
}

/// Decides which plugins run from the manifest's defaults and the `[plugins]` configuration, with
/// SwiftLint's rule modes: `only` alone, or `enable` / `disable` on top of the defaults.
public enum PluginEnablement {
    /// The status of every descriptor. Unknown ids, `only` mixed with `enable`/`disable`, and an id in
    /// both `enable` and `disable` are errors that list the valid ids.
    public static func resolve(
        _ descriptors: [PluginDescriptor],
        configuration: PluginsConfiguration
    ) throws(SkillMeatError) -> [PluginID: PluginStatus] {
        let known = Set(descriptors.map(\.id.description))
        let validList = descriptors.map(\.id.description).sorted().joined(separator: ", ")

        if !configuration.unknownKeys.isEmpty {
            throw .invalidConfiguration(
                "[plugins] has unknown key(s) \(configuration.unknownKeys.sorted().map { "'\($0)'" }.joined(separator: ", ")); "
                    + "it takes only, enable, disable and one table per plugin id (valid ids: \(validList))."
            )
        }
        for (list, ids) in [("only", configuration.only), ("enable", configuration.enable), ("disable", configuration.disable)] {
            let unknown = ids.filter { !known.contains($0) }
            if !unknown.isEmpty {
                throw .invalidConfiguration(
                    "plugins.\(list) names unknown plugin id(s) \(unknown.map { "'\($0)'" }.joined(separator: ", ")); valid ids are: \(validList)."
                )
            }
        }
        let unknownTables = configuration.settings.keys.filter { !known.contains($0) }.sorted()
        if !unknownTables.isEmpty {
            throw .invalidConfiguration(
                "[plugins] has settings for unknown plugin id(s) \(unknownTables.map { "'\($0)'" }.joined(separator: ", ")); valid ids are: \(validList)."
            )
        }
        if !configuration.only.isEmpty, !configuration.enable.isEmpty || !configuration.disable.isEmpty {
            throw .invalidConfiguration(
                "plugins.only cannot be combined with plugins.enable or plugins.disable; use either 'only', or 'enable'/'disable' on top of the defaults."
            )
        }
        let both = Set(configuration.enable).intersection(configuration.disable).sorted()
        if !both.isEmpty {
            throw .invalidConfiguration(
                "\(both.map { "'\($0)'" }.joined(separator: ", ")) is in both plugins.enable and plugins.disable; keep it in one of them."
            )
        }

        var statuses: [PluginID: PluginStatus] = [:]
        let only = Set(configuration.only)
        let enable = Set(configuration.enable)
        let disable = Set(configuration.disable)
        for descriptor in descriptors {
            let id = descriptor.id.description
            let status: PluginStatus
            if !only.isEmpty {
                status = only.contains(id)
                    ? PluginStatus(enabled: true, reason: "listed in plugins.only")
                    : PluginStatus(enabled: false, reason: "not listed in plugins.only", enableHint: "add '\(id)' to plugins.only in config.toml")
            } else if enable.contains(id) {
                status = PluginStatus(enabled: true, reason: "enabled by plugins.enable")
            } else if disable.contains(id) {
                status = PluginStatus(enabled: false, reason: "disabled by plugins.disable", enableHint: "remove '\(id)' from plugins.disable in config.toml")
            } else if descriptor.defaultEnabled {
                status = PluginStatus(enabled: true, reason: "enabled by default")
            } else {
                status = PluginStatus(
                    enabled: false,
                    reason: "disabled by default" + (descriptor.disabledReason.map { ": \($0)" } ?? ""),
                    enableHint: "add '\(id)' to plugins.enable in config.toml"
                )
            }
            statuses[descriptor.id] = status
        }
        return statuses
    }
}
