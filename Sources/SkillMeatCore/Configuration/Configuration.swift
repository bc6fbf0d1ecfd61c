import Foundation
public import SkillMeatPluginAPI

/// SkillMeat's configuration: the built-in defaults (`config/skillmeat.toml`), the user's
/// `$SKILLMEAT_HOME/config.toml` on top, then `SKILLMEAT_<SECTION>__<KEY>` environment variables.
/// Tables merge key by key; any other value replaces what the layer below said.
public struct Configuration: Sendable {
    /// Where a value came from, for `config list`.
    public enum Layer: String, Sendable, Codable {
        case defaults
        case user
        case environment
    }

    /// The merged tree.
    public let values: [String: JSONValue]
    /// The layer that set each leaf key.
    public let origins: [ConfigKeyPath: Layer]

    public init(values: [String: JSONValue], origins: [ConfigKeyPath: Layer] = [:]) {
        self.values = values
        self.origins = origins
    }

    /// Loads and layers the configuration for `home`. A malformed user file is an error naming its line.
    public static func load(home: SkillMeatHome, environment: [String: String]) throws(SkillMeatError) -> Configuration {
        try home.requireUsable()
        let defaults = try TOMLCodec.parse(DefaultConfiguration.toml, path: "built-in config/skillmeat.toml")
        let user = try TOMLCodec.read(home.configFile)
        return layered(defaults: defaults, user: user, environment: environmentOverrides(environment))
    }

    /// Merges the three layers, remembering which one set each leaf.
    public static func layered(
        defaults: [String: JSONValue],
        user: [String: JSONValue],
        environment: [String: JSONValue]
    ) -> Configuration {
        var values: [String: JSONValue] = [:]
        var origins: [ConfigKeyPath: Layer] = [:]
        for (layer, table) in [(Layer.defaults, defaults), (.user, user), (.environment, environment)] {
            merge(table, into: &values, path: [], layer: layer, origins: &origins)
        }
        return Configuration(values: values, origins: origins)
    }

    private static func merge(
        _ table: [String: JSONValue],
        into target: inout [String: JSONValue],
        path: [String],
        layer: Layer,
        origins: inout [ConfigKeyPath: Layer]
    ) {
        for (key, value) in table {
            if case .object(let child) = value {
                var existing = target[key]?.objectValue ?? [:]
                merge(child, into: &existing, path: path + [key], layer: layer, origins: &origins)
                target[key] = .object(existing)
            } else {
                target[key] = value
                origins[ConfigKeyPath(path + [key])] = layer
            }
        }
    }

    /// `SKILLMEAT_SERVER__PORT=9000` becomes `server.port = 9000`: `__` separates table levels and
    /// the value is read as a TOML value when it parses as one, else as a string. Variables without
    /// `__` (`SKILLMEAT_HOME`, tokens read by plugins) are not configuration keys.
    public static func environmentOverrides(_ environment: [String: String]) -> [String: JSONValue] {
        var table: [String: JSONValue] = [:]
        for (name, raw) in environment where name.hasPrefix("SKILLMEAT_") && name.contains("__") {
            let components = name.dropFirst("SKILLMEAT_".count)
                .components(separatedBy: "__")
                .map { $0.lowercased() }
            guard !components.contains(where: \.isEmpty) else { continue }
            set(&table, components[...], parseScalar(raw))
        }
        return table
    }

    /// Reads a value as TOML would (`8080`, `true`, `["a"]`, `"text"`), falling back to plain text.
    public static func parseScalar(_ raw: String) -> JSONValue {
        if let table = try? TOMLCodec.parse("v = \(raw)", path: "value"), let value = table["v"] { return value }
        return .string(raw)
    }

    static func set(_ table: inout [String: JSONValue], _ path: ArraySlice<String>, _ value: JSONValue?) {
        guard let first = path.first else { return }
        if path.count == 1 {
            table[first] = value
            return
        }
        var child = table[first]?.objectValue ?? [:]
        set(&child, path.dropFirst(), value)
        table[first] = .object(child)
    }

    /// A copy with `settings` merged into the table at `path`, as the `runtime` layer (flags).
    public func setting(_ path: [String], merging settings: [String: JSONValue]) -> Configuration {
        var values = self.values
        var origins = self.origins
        for (key, value) in settings {
            Configuration.set(&values, (path + [key])[...], value)
            origins[ConfigKeyPath(path + [key])] = .environment
        }
        return Configuration(values: values, origins: origins)
    }

    /// The value at `key`, a leaf or a whole table.
    public func value(at key: ConfigKeyPath) -> JSONValue? {
        var current: JSONValue = .object(values)
        for component in key.components {
            guard let next = current[component] else { return nil }
            current = next
        }
        return current
    }

    /// Every leaf as `dotted.key = value`, sorted by key.
    public func leaves() -> [(key: ConfigKeyPath, value: JSONValue)] {
        var result: [(ConfigKeyPath, JSONValue)] = []
        func walk(_ table: [String: JSONValue], _ path: [String]) {
            for (key, value) in table {
                if case .object(let child) = value, !child.isEmpty {
                    walk(child, path + [key])
                } else {
                    result.append((ConfigKeyPath(path + [key]), value))
                }
            }
        }
        walk(values, [])
        return result.sorted { $0.0.description < $1.0.description }
    }

    // MARK: Typed accessors

    /// The collection used when a command is not told which.
    public var defaultCollection: String {
        value(at: ConfigKeyPath(["collection", "default"]))?.stringValue ?? "default"
    }

    /// The configured log level name.
    public var logLevel: String? {
        value(at: ConfigKeyPath(["log", "level"]))?.stringValue
    }

    /// The `[plugins]` section.
    public var plugins: PluginsConfiguration {
        PluginsConfiguration(table: values["plugins"]?.objectValue ?? [:])
    }
}

/// The `[plugins]` section: which plugins run, and each plugin's own settings table.
public struct PluginsConfiguration: Sendable, Hashable {
    public var only: [String]
    public var enable: [String]
    public var disable: [String]
    /// Settings tables keyed by plugin id as written (`source/github`).
    public var settings: [String: [String: JSONValue]]
    /// Keys under `[plugins]` that are neither lists nor plugin tables.
    public var unknownKeys: [String]

    public init(only: [String] = [], enable: [String] = [], disable: [String] = [], settings: [String: [String: JSONValue]] = [:]) {
        self.only = only
        self.enable = enable
        self.disable = disable
        self.settings = settings
        self.unknownKeys = []
    }

    init(table: [String: JSONValue]) {
        self.init(
            only: table["only"]?.stringList ?? [],
            enable: table["enable"]?.stringList ?? [],
            disable: table["disable"]?.stringList ?? []
        )
        for (key, value) in table where !["only", "enable", "disable"].contains(key) {
            if case .object(let object) = value {
                settings[key] = object
            } else {
                unknownKeys.append(key)
            }
        }
    }
}
