public import Foundation
public import Logging

/// Everything the host hands a plugin when it builds one: its identity, its own settings, a logger
/// carrying `plugin.id` metadata, and the places and environment it may use.
public struct PluginContext: Sendable {
    public let id: PluginID
    public let settings: PluginSettings
    public let logger: Logger
    /// `$SKILLMEAT_HOME`; a plugin keeps caches under `cacheDirectory`, never elsewhere.
    public let homeDirectory: URL
    /// The process environment as the host saw it (tests pass their own).
    public let environment: [String: String]

    public init(
        id: PluginID,
        settings: PluginSettings = PluginSettings(),
        logger: Logger,
        homeDirectory: URL,
        environment: [String: String] = [:]
    ) {
        var logger = logger
        logger[metadataKey: "plugin.id"] = "\(id)"
        self.id = id
        self.settings = settings
        self.logger = logger
        self.homeDirectory = homeDirectory
        self.environment = environment
    }

    /// A folder reserved for this plugin's caches: `$SKILLMEAT_HOME/cache/plugins/<kind>/<name>`.
    public var cacheDirectory: URL {
        homeDirectory
            .appending(path: "cache", directoryHint: .isDirectory)
            .appending(path: "plugins", directoryHint: .isDirectory)
            .appending(path: id.kind.rawValue, directoryHint: .isDirectory)
            .appending(path: id.name, directoryHint: .isDirectory)
    }
}
