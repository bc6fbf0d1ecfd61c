import ArgumentParser
import Foundation
import Logging
import SkillMeatCore
import SkillMeatPluginAPI
import SkillMeatRegistry

/// Options every command takes, before the subcommand (`skillmeat -q list`) or after it (`GlobalArguments`).
struct GlobalOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The SkillMeat home for this run (default: $SKILLMEAT_HOME, else ~/.skillmeat).", valueName: "path"), completion: .directory)
    var home: String?

    @Flag(name: .shortAndLong, help: "Print no progress and no status lines (counts, next steps); data, warnings and errors still print.")
    var quiet = false

    @Flag(help: "No colour or bold, as NO_COLOR does.")
    var noColor = false

    @Option(name: .customLong("log-level"), help: "The least severe messages logged (default: the config's log.level).")
    var logLevel: Logger.Level?

    @Flag(name: .shortAndLong, help: "Log more: -v for info, -vv for debug.")
    var verbose: Int

    /// Spellings that take a value, for moving them from before the subcommand to after it.
    static let optionsWithValue: Set<String> = ["--log-level", "--home"]
    /// Flags, likewise (`-vv` and `-qv` style bundles of these letters are flags too).
    static let flags: Set<String> = ["-v", "--verbose", "-q", "--quiet", "--no-color"]
    static let bundledLetters: Set<Character> = ["v", "q"]

    /// `context` as these options change it: another home, quiet, no colour.
    func applied(to context: CLIContext) -> CLIContext {
        var context = context
        if let home {
            context.environment["SKILLMEAT_HOME"] = URL(fileURLWithPath: home, relativeTo: context.currentDirectory).standardizedFileURL.path
        }
        if quiet { context.quiet = true }
        if noColor { context.environment["NO_COLOR"] = "1" }
        return context
    }

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

extension GlobalOptions {
    /// The global options a parsed command holds (every command has them as `@OptionGroup var global`).
    static func of(_ command: any ParsableCommand) -> GlobalOptions? {
        for child in Mirror(reflecting: command).children {
            if let group = child.value as? OptionGroup<GlobalOptions> { return group.wrappedValue }
        }
        return nil
    }
}
