import ArgumentParser
import Logging
import SkillMeatCore
import SkillMeatPluginAPI
import SkillMeatRegistry

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("log-level"), help: "The least severe messages logged (default: the config's log.level).")
    var logLevel: Logger.Level?

    @Flag(name: .shortAndLong, help: "Log more: -v for info, -vv for debug.")
    var verbose: Int

    /// The level from the flags, else the configuration, else warning.
    func level(configured: String?) -> Logger.Level {
        if let logLevel { return logLevel }
        switch verbose {
        case 0: break
        case 1: return .info
        default: return .debug
        }
        return configured.flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? .warning
    }

    /// A logger for this command at the level the flags (or configuration) ask for.
    func logger(configured: String? = nil) -> Logger {
        var logger = Logger(label: "skillmeat")
        logger.logLevel = level(configured: configured)
        return logger
    }

    /// Loads the configuration and plugins for this run.
    func runtime(pluginSettings: [String: [String: JSONValue]] = [:]) throws -> SkillMeatRuntime {
        try SkillMeatRuntime.load(environment: CLIContext.current.environment, pluginSettings: pluginSettings) { configuration in
            logger(configured: configuration.logLevel)
        }
    }
}
