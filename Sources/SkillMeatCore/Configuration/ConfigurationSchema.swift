import Foundation
public import SkillMeatPluginAPI

/// What a valid configuration looks like. The built-in defaults (`config/skillmeat.toml`) are the schema:
/// every key they hold is known and takes a value of the same kind (text, number, switch, list of text);
/// a few keys have no default and are declared here, and some carry a range or a closed set. A key
/// nobody knows is not an error (a newer version may know it) but is reported with the nearest known key.
public struct ConfigurationSchema: Sendable {
    /// The kind of value a key takes.
    public enum Kind: Sendable, Hashable {
        case text
        case integer(ClosedRange<Int>?)
        case boolean
        case textList
        case oneOf([String])

        var noun: String {
            switch self {
            case .text: "text"
            case .integer(let range): range.map { "a whole number from \($0.lowerBound) to \($0.upperBound)" } ?? "a whole number"
            case .boolean: "true or false"
            case .textList: "a list of text, e.g. [\"a\", \"b\"]"
            case .oneOf(let values): "one of \(values.joined(separator: ", "))"
            }
        }
    }

    public let keys: [ConfigKeyPath: Kind]

    /// The schema of this build: the defaults' keys plus the declared ones.
    public static let builtIn: ConfigurationSchema = {
        let defaults = (try? TOMLCodec.parse(DefaultConfiguration.toml, path: "built-in config/skillmeat.toml")) ?? [:]
        return ConfigurationSchema(defaults: defaults)
    }()

    /// Keys without a default value, and keys whose values are narrower than their default's kind.
    static let declared: [String: Kind] = [
        "server.token": .text,
        "server.port": .integer(1...65_535),
        "server.idle_timeout_seconds": .integer(ServerSettings.idleTimeoutRange),
        "log.level": .oneOf(["trace", "debug", "info", "notice", "warning", "error", "critical"]),
        "projects.cache_ttl_seconds": .integer(0...604_800),
        "projects.refresh_interval_seconds": .integer(0...604_800),
        "projects.refresh_concurrency": .integer(1...32),
    ]

    init(defaults: [String: JSONValue]) {
        var keys: [ConfigKeyPath: Kind] = [:]
        func walk(_ table: [String: JSONValue], _ path: [String]) {
            for (key, value) in table {
                switch value {
                case .object(let child): walk(child, path + [key])
                case .bool: keys[ConfigKeyPath(path + [key])] = .boolean
                case .int, .double: keys[ConfigKeyPath(path + [key])] = .integer(nil)
                case .array: keys[ConfigKeyPath(path + [key])] = .textList
                default: keys[ConfigKeyPath(path + [key])] = .text
                }
            }
        }
        walk(defaults, [])
        for (key, kind) in Self.declared {
            if let path = try? ConfigKeyPath(parsing: key) { keys[path] = kind }
        }
        self.keys = keys
    }

    /// Whether `key` lies in a table whose keys belong to someone else: a plugin's own settings.
    static func isPluginSetting(_ key: ConfigKeyPath) -> Bool {
        key.components.count > 2 && key.components[0] == "plugins"
    }

    /// Refuses a value of the wrong kind or out of range; nil when `value` fits `key` (or `key` is unknown).
    public func problem(with value: JSONValue, at key: ConfigKeyPath) -> String? {
        guard let kind = keys[key] else { return nil }
        let fits: Bool
        switch (kind, value) {
        case (.text, .string), (.boolean, .bool): fits = true
        case (.integer(let range), .int(let number)): fits = range.map { $0.contains(number) } ?? true
        case (.textList, .array(let items)):
            fits = items.allSatisfy { if case .string = $0 { true } else { false } }
        case (.oneOf(let allowed), .string(let text)): fits = allowed.contains(text.lowercased())
        default: fits = false
        }
        return fits ? nil : "\(key) takes \(kind.noun), not \(value.description)."
    }

    /// The keys of `table` (a user's file or the merged configuration) nobody knows, each with the
    /// nearest known key when one is close.
    public func unknownKeys(in table: [String: JSONValue]) -> [(key: ConfigKeyPath, suggestion: ConfigKeyPath?)] {
        var result: [(ConfigKeyPath, ConfigKeyPath?)] = []
        func walk(_ table: [String: JSONValue], _ path: [String]) {
            for (name, value) in table {
                let key = ConfigKeyPath(path + [name])
                if keys[key] != nil || Self.isPluginSetting(key) || (path == ["plugins"] && value.objectValue != nil) { continue }
                // An unknown table is reported by its leaves, which is where a typo is easiest to see.
                if case .object(let child) = value, !child.isEmpty {
                    walk(child, path + [name])
                    continue
                }
                result.append((key, suggestion(for: key)))
            }
        }
        walk(table, [])
        return result.sorted { $0.0.description < $1.0.description }
    }

    /// Every problem of a configuration: wrong kinds and ranges (errors), unknown keys (warnings).
    public func check(_ configuration: Configuration) -> (errors: [String], warnings: [String]) {
        var errors: [String] = []
        for (key, value) in configuration.leaves() {
            if let problem = problem(with: value, at: key) { errors.append(problem) }
        }
        let warnings = unknownKeys(in: configuration.values).map { key, suggestion in
            "\(key) is not a setting this version knows" + (suggestion.map { "; did you mean \($0)?" } ?? "; it is ignored.")
        }
        return (errors, warnings)
    }

    func suggestion(for key: ConfigKeyPath) -> ConfigKeyPath? {
        let text = key.description
        let scored = keys.keys.map { ($0, Self.distance($0.description, text)) }
        guard let best = scored.min(by: { ($0.1, $0.0.description) < ($1.1, $1.0.description) }) else { return nil }
        return best.1 <= max(2, text.count / 3) ? best.0 : nil
    }

    /// Levenshtein distance, for "did you mean".
    static func distance(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs), b = Array(rhs)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
