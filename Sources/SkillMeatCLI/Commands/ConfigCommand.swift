import Foundation
import ArgumentParser
import SkillMeatCore
import SkillMeatPluginAPI
import SkillMeatRegistry

/// `skillmeat config …`
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Read and change the configuration ($SKILLMEAT_HOME/config.toml over the built-in defaults).",
        subcommands: [ConfigListCommand.self, ConfigGetCommand.self, ConfigSetCommand.self, ConfigUnsetCommand.self, ConfigPathCommand.self]
    ).examples(
        "skillmeat config list",
        "skillmeat config set server.port 9000",
        "skillmeat config path"
    )

    /// What a secret looks like when printed.
    static let mask = "********"

    static func display(_ key: ConfigKeyPath, _ value: JSONValue) -> JSONValue {
        if key.isSecret, value != .string(""), value != .null { return .string(mask) }
        guard case .object(let table) = value else { return value }
        var masked: [String: JSONValue] = [:]
        for (child, childValue) in table {
            masked[child] = display(ConfigKeyPath(key.components + [child]), childValue)
        }
        return .object(masked)
    }

    /// TOML-like text for one value, as `config get` prints it.
    static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): text
        case .object: String(decoding: value.prettyData(), as: UTF8.self)
        default: value.description
        }
    }

    /// Refuses values of the wrong kind or out of range (`ConfigurationSchema`), a `[plugins]` section
    /// that is invalid (naming the valid ids), and a store this build does not have.
    static func validate(_ configuration: Configuration) throws {
        let errors = ConfigurationSchema.builtIn.check(configuration).errors
        if !errors.isEmpty {
            throw SkillMeatError.invalidConfiguration(errors.joined(separator: " ") + " Nothing was changed.")
        }
        _ = try PluginEnablement.resolve(BuiltinPlugins.descriptors, configuration: configuration.plugins)
        try StoreBackends.validate(StoreSettings(configuration: configuration))
    }

    /// Says which settings nobody knows (a typo, or a key of another version), with the nearest known one.
    static func warnUnknownKeys(_ configuration: Configuration) {
        for warning in ConfigurationSchema.builtIn.check(configuration).warnings { Output.warning(warning) }
    }
}

/// One configuration value, as `config list --json` and `config get --json` print it.
struct ConfigEntryOutput: Encodable {
    var key: String
    var value: JSONValue
    var origin: String?
}

/// `skillmeat config list [--json]`
struct ConfigListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Show every effective setting and where it came from (secrets masked).").examples(
        "skillmeat config list",
        "skillmeat config list --json"
    )

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print the settings as JSON.") var json = false

    func run() async throws {
        let runtime = try global.runtime()
        ConfigCommand.warnUnknownKeys(runtime.configuration)
        let entries = runtime.configuration.leaves().map { key, value in
            ConfigEntryOutput(
                key: key.description,
                value: ConfigCommand.display(key, value),
                origin: runtime.configuration.origins[key]?.rawValue
            )
        }
        if json {
            try Output.json(entries)
            return
        }
        Output.table(["KEY", "VALUE", "FROM"], entries.map { [$0.key, ConfigCommand.text($0.value), $0.origin ?? ""] })
    }
}

/// `skillmeat config get KEY [--json]`
struct ConfigGetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "get", abstract: "Print one setting (a secret prints masked).").examples(
        "skillmeat config get server.port",
        "skillmeat config get 'plugins.\"source/github\".api_url' --json"
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "A dotted key, e.g. server.port or plugins.\"source/github\".api_url.") var key: String
    @Flag(help: "Print the value as JSON.") var json = false

    func run() async throws {
        let runtime = try global.runtime()
        let path = try ConfigKeyPath(parsing: key)
        guard let value = runtime.configuration.value(at: path) else {
            throw SkillMeatError.notFound("The setting '\(key)' is not set; 'skillmeat config list' shows every setting.")
        }
        let shown = ConfigCommand.display(path, value)
        if json {
            try Output.json(ConfigEntryOutput(key: path.description, value: shown, origin: runtime.configuration.origins[path]?.rawValue))
        } else {
            Output.line(ConfigCommand.text(shown))
        }
    }
}

/// `skillmeat config set KEY VALUE`
struct ConfigSetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Set a value in config.toml; it is read as TOML (8080, true, [\"a\", \"b\"]) or else as text."
    ).examples(
        "skillmeat config set server.port 9000",
        "skillmeat config set deploy.default_profiles '[\"claude_code\", \"codex\"]'",
        "skillmeat config set log.level debug --dry-run"
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "A dotted key, e.g. server.port or plugins.disable.") var key: String
    @Argument(help: "The value.") var value: String
    @Flag(help: "Say what would be done and write nothing.") var dryRun = false

    func run() async throws {
        let context = CLIContext.current
        let home = SkillMeatHome.resolve(environment: context.environment)
        let path = try ConfigKeyPath(parsing: key)
        try ConfigurationEditor(home: home).set(path, to: value, environment: context.environment, dryRun: dryRun) { configuration in
            try ConfigCommand.validate(configuration)
            ConfigCommand.warnUnknownKeys(configuration)
        }
        let shown = path.isSecret ? ConfigCommand.mask : ConfigCommand.text(Configuration.parseScalar(value))
        Output.line(dryRun ? "Would set \(path) = \(shown) in \(home.configFile.path); nothing was written." : "Set \(path) = \(shown) in \(home.configFile.path).")
    }
}

/// `skillmeat config unset KEY`
struct ConfigUnsetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "unset", abstract: "Remove a value from config.toml, so the default applies again.").examples(
        "skillmeat config unset server.port",
        "skillmeat config unset server.port --dry-run"
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "A dotted key.") var key: String
    @Flag(help: "Say what would be done and write nothing.") var dryRun = false

    func run() async throws {
        let context = CLIContext.current
        let home = SkillMeatHome.resolve(environment: context.environment)
        let path = try ConfigKeyPath(parsing: key)
        guard try ConfigurationEditor(home: home).unset(path, environment: context.environment, dryRun: dryRun, validate: ConfigCommand.validate) else {
            Output.line("\(path) is not set in \(home.configFile.path); nothing was changed.")
            return
        }
        Output.line(dryRun ? "Would remove \(path) from \(home.configFile.path); nothing was written." : "Removed \(path) from \(home.configFile.path).")
    }
}

/// `skillmeat config path`
struct ConfigPathCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "path", abstract: "Print where config.toml is.").examples(
        "skillmeat config path",
        "skillmeat --home /tmp/sm config path"
    )

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print the path as JSON.") var json = false

    func run() async throws {
        let path = SkillMeatHome.resolve(environment: CLIContext.current.environment).configFile.path
        if json { return try Output.json(["path": path]) }
        Output.line(path)
    }
}
