import Foundation
import SkillMeatPluginAPI

/// Changes the user's `config.toml` one key at a time, atomically and under a lock. A change that
/// would leave the configuration invalid is refused before anything is written.
public struct ConfigurationEditor: Sendable {
    public let home: SkillMeatHome

    public init(home: SkillMeatHome) {
        self.home = home
    }

    /// Sets `key` to `value` (read as a TOML value when it parses as one, else as text). `validate`
    /// sees the configuration as it would be and throws to refuse it; its error reaches the caller as is.
    public func set(
        _ key: ConfigKeyPath,
        to rawValue: String,
        environment: [String: String],
        dryRun: Bool = false,
        validate: (Configuration) throws -> Void
    ) throws {
        try edit(environment: environment, dryRun: dryRun, validate: validate) { table in
            Configuration.set(&table, key.components[...], Configuration.parseScalar(rawValue))
            return true
        }
    }

    /// Removes `key` from the user's file, so the default (or environment) applies again. Returns
    /// false, and writes nothing, when the file does not set `key`.
    @discardableResult
    public func unset(
        _ key: ConfigKeyPath,
        environment: [String: String],
        dryRun: Bool = false,
        validate: (Configuration) throws -> Void
    ) throws -> Bool {
        try edit(environment: environment, dryRun: dryRun, validate: validate) { table in
            var value: JSONValue? = .object(table)
            for component in key.components { value = value?[component] }
            guard value != nil else { return false }
            Configuration.set(&table, key.components[...], nil)
            return true
        }
    }

    /// Applies `change` (which says whether it changed anything) and writes the file if it did (and this
    /// is not a dry run, which validates the change and writes nothing).
    @discardableResult
    private func edit(
        environment: [String: String],
        dryRun: Bool = false,
        validate: (Configuration) throws -> Void,
        change: (inout [String: JSONValue]) -> Bool
    ) throws -> Bool {
        if dryRun {
            var user = FileManager.default.fileExists(atPath: home.configFile.path) ? try TOMLCodec.read(home.configFile) : [:]
            guard change(&user) else { return false }
            let defaults = try TOMLCodec.parse(DefaultConfiguration.toml, path: "built-in config/skillmeat.toml")
            try validate(Configuration.layered(defaults: defaults, user: user, environment: Configuration.environmentOverrides(environment)))
            return true
        }
        try home.requireUsable()
        do {
            try FileManager.default.createDirectory(at: home.root, withIntermediateDirectories: true)
        } catch {
            throw SkillMeatError.io(home.root, error)
        }
        // Errors pass through untouched: a refusal from `validate` is the caller's own message.
        return try FileLock(home: home, name: "config").withLock {
            var user = try TOMLCodec.read(home.configFile)
            guard change(&user) else { return false }
            let defaults = try TOMLCodec.parse(DefaultConfiguration.toml, path: "built-in config/skillmeat.toml")
            try validate(Configuration.layered(
                defaults: defaults,
                user: user,
                environment: Configuration.environmentOverrides(environment)
            ))
            try AtomicFile.write(TOMLCodec().serialize(user), to: home.configFile)
            return true
        }
    }
}
