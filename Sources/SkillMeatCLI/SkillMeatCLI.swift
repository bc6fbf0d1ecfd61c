import ArgumentParser
import Foundation
import Logging
import SkillMeatCore

/// The command-line interface as a library: the executable and the tests both enter through `run`.
public enum SkillMeatCLI {
    /// Exit codes (DESIGN §6).
    public enum ExitStatus: Int32, Sendable {
        case success = 0
        case failure = 1
        case usage = 2
        case unresolvedConflicts = 3
    }

    /// Parses `arguments` (without the program name), runs the command in `context` and returns the
    /// exit status. Nothing here calls `exit`, so a test can run many commands in one process.
    public static func run(_ arguments: [String], context: CLIContext) async -> Int32 {
        let status = await CLIContext.$current.withValue(context) {
            await Interruption.$current.withValue(context.interruption) {
                await runCommand(arguments, context: context)
            }
        }
        // Interrupted work stopped at an entry boundary and printed what it did: say so, and exit as
        // the signal would have (128 + its number: 130 for SIGINT, 143 for SIGTERM).
        if let signal = context.interruption?.signal {
            context.output.write("Interrupted: what is reported above was done and kept; the rest was not started.\n", to: .standardError)
            return 128 + signal
        }
        return status
    }

    static func runCommand(_ arguments: [String], context: CLIContext) async -> Int32 {
        var context = context
        do {
            var command = try RootCommand.parseAsRoot(try GlobalArguments.normalized(arguments))
            if let global = GlobalOptions.of(command) { context = global.applied(to: context) }
            // Progress is drawn on a terminal's stderr only, and never with --quiet.
            let progress = context.errorIsTerminal && !context.quiet
                ? TerminalProgress(output: context.output, width: context.terminalWidth ?? 80) : nil
            if let progress { context.output = TerminalProgress.ClearingSink(base: context.output, progress: progress) }
            defer { progress?.finish() }
            try await CLIContext.$current.withValue(context) {
                try await WorkProgress.$reporter.withValue(progress) {
                    if var asyncCommand = command as? any AsyncParsableCommand {
                        try await asyncCommand.run()
                    } else {
                        try command.run()
                    }
                }
            }
            progress?.finish()
            if let failure = context.output.standardOutputFailure {
                context.output.write("error: The output could not be written: \(failure).\n", to: .standardError)
                return ExitStatus.failure.rawValue
            }
            return ExitStatus.success.rawValue
        } catch {
            return report(error, context: context)
        }
    }

    /// Installs the process-wide log handler: stderr, so it never mixes with command output. Called
    /// once by the executable; levels are set per logger from `--log-level`, `-v` or the config.
    public static func bootstrapLogging() {
        LoggingSystem.bootstrap { label in
            StreamLogHandler.standardError(label: label)
        }
    }

    static func report(_ error: any Error, context: CLIContext) -> Int32 {
        switch error {
        case let error as SkillMeatError:
            context.output.write("error: \(error.cliMessage)\n", to: .standardError)
            return exitStatus(for: error).rawValue
        case let error as GlobalArguments.UnknownSubcommand:
            context.output.write("error: \(error.message)\n", to: .standardError)
            return ExitStatus.usage.rawValue
        case let error as CommandFailure:
            if !error.message.isEmpty { context.output.write("error: \(error.message)\n", to: .standardError) }
            return error.status.rawValue
        default:
            let code = RootCommand.exitCode(for: error)
            let message = RootCommand.fullMessage(for: error)
            if code == .success {
                // --help and --version are clean exits whose text belongs on stdout.
                if !message.isEmpty { context.output.write(message + "\n", to: .standardOutput) }
                return ExitStatus.success.rawValue
            }
            if !message.isEmpty { context.output.write(message + "\n", to: .standardError) }
            return code == .validationFailure ? ExitStatus.usage.rawValue : code.rawValue
        }
    }

    static func exitStatus(for error: SkillMeatError) -> ExitStatus {
        switch error {
        case .invalidArgument: .usage
        case .conflict: .unresolvedConflicts
        default: .failure
        }
    }
}

/// Ends a command with a status and, optionally, a message for stderr (the command has already
/// printed whatever else the user needs).
struct CommandFailure: Error {
    var status: SkillMeatCLI.ExitStatus
    var message: String
}
