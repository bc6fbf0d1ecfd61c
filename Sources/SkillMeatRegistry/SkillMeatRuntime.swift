public import Logging
public import SkillMeatCore
public import SkillMeatPluginAPI
public import SkillMeatStore

/// Everything one run of SkillMeat works with, composed once at start-up: the home, the layered
/// configuration and the enabled plugins. The CLI and the HTTP server both start from this.
public struct SkillMeatRuntime: Sendable {
    public let home: SkillMeatHome
    public let environment: [String: String]
    public let configuration: Configuration
    public let plugins: PluginCatalog
    public let logger: Logger

    /// Loads the configuration for the home `environment` names and builds the enabled plugins, with
    /// a logger made once the configuration (and so the configured log level) is known.
    /// `pluginSettings` are set on top of the configuration for this run only (a `--token` flag).
    public static func load(
        environment: [String: String],
        pluginSettings: [String: [String: JSONValue]] = [:],
        logger makeLogger: (Configuration) -> Logger
    ) throws(SkillMeatError) -> SkillMeatRuntime {
        let home = SkillMeatHome.resolve(environment: environment)
        var configuration = try Configuration.load(home: home, environment: environment)
        for (id, settings) in pluginSettings {
            configuration = configuration.setting(["plugins", id], merging: settings)
        }
        let logger = makeLogger(configuration)
        let plugins = try BuiltinPlugins.catalog(configuration: configuration, home: home, environment: environment, logger: logger)
        return SkillMeatRuntime(home: home, environment: environment, configuration: configuration, plugins: plugins, logger: logger)
    }

    /// Opens the store the configuration names (`[store] backend`) for this home; a damaged database
    /// is replaced with a warning. `verify` checks every page first (for a rebuild).
    public func openStores(verify: Bool = false) throws(SkillMeatError) -> HomeStoreBackend {
        try StoreBackends.open(StoreSettings(configuration: configuration), home: home, logger: logger, verify: verify)
    }
}

extension SkillMeatRuntime {
    /// The project cache over `stores`, the configuration's `[projects]` and its default collection.
    public func projectCache(stores: any StoreBackend) -> ProjectCache {
        ProjectCache(
            home: home, stores: stores, plugins: plugins, settings: ProjectCacheSettings(configuration: configuration),
            collection: configuration.defaultCollection
        )
    }
}
