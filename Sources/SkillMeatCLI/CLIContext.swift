public import Foundation
public import SkillMeatCore
public import SkillMeatRegistry

/// What a command needs from the world it runs in: the environment, where output goes, whether a
/// person is watching, and the server the executable can start. The executable fills it from the
/// process; tests fill it with a temporary home and a buffer.
public struct CLIContext: Sendable {
    /// Starts the HTTP server; provided by the executable, which alone links the HTTP module. The server
    /// calls the last argument with its address (`http://127.0.0.1:8080`) once it accepts connections.
    public typealias ServerLauncher = @Sendable (SkillMeatRuntime, ServerSettings, _ listening: @escaping @Sendable (String) -> Void) async throws -> Void

    public var environment: [String: String]
    public var output: any OutputSink
    /// Whether standard output is a terminal (tables, colour and progress) or a pipe (plain text).
    public var isTerminal: Bool
    /// Whether standard error is a terminal: progress is drawn there only then.
    public var errorIsTerminal: Bool
    /// The terminal's width in columns, which tables fit; nil when standard output is not a terminal
    /// (a pipe or file gets full rows).
    public var terminalWidth: Int?
    /// `-q/--quiet`: no progress, and no status lines (counts, next steps); data, warnings and errors stay.
    public var quiet: Bool
    public var currentDirectory: URL
    public var serverLauncher: ServerLauncher?
    /// Asks a person a yes/no question; nil when nobody can answer (no terminal on standard input).
    public var confirm: (@Sendable (String) -> Bool)?
    /// Where SIGINT/SIGTERM ask long work to stop at an entry boundary; nil when no signal can arrive
    /// (a test running commands in process).
    public var interruption: Interruption?

    public init(
        environment: [String: String],
        output: any OutputSink,
        isTerminal: Bool = false,
        errorIsTerminal: Bool = false,
        terminalWidth: Int? = nil,
        quiet: Bool = false,
        currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true),
        serverLauncher: ServerLauncher? = nil,
        confirm: (@Sendable (String) -> Bool)? = nil,
        interruption: Interruption? = nil
    ) {
        self.environment = environment
        self.output = output
        self.isTerminal = isTerminal
        self.errorIsTerminal = errorIsTerminal
        self.terminalWidth = terminalWidth
        self.quiet = quiet
        self.currentDirectory = currentDirectory
        self.serverLauncher = serverLauncher
        self.confirm = confirm
        self.interruption = interruption
    }

    /// A path as the user typed it, absolute: resolved against the current directory.
    func url(of path: String) -> URL {
        URL(fileURLWithPath: path, relativeTo: currentDirectory).standardizedFileURL
    }

    /// The context of this process.
    public static func process(serverLauncher: ServerLauncher? = nil) -> CLIContext {
        let environment = ProcessInfo.processInfo.environment
        let isTerminal = isatty(STDOUT_FILENO) == 1
        return CLIContext(
            environment: environment,
            output: StandardOutputSink(),
            isTerminal: isTerminal,
            errorIsTerminal: isatty(STDERR_FILENO) == 1,
            terminalWidth: isTerminal ? TerminalWidth.columns(environment: environment) : nil,
            serverLauncher: serverLauncher,
            confirm: isatty(STDIN_FILENO) == 1 ? askOnTerminal : nil,
            interruption: Interruption(faults: ProcessInfo.processInfo.environment["SKILLMEAT_TEST_FAULT"], onFirstObserve: trapSignals)
        )
    }

    /// Turns SIGINT and SIGTERM into a request to stop at the next entry boundary, once a command does
    /// work that honours it. A signal nobody will see (a second one, or one between such pieces of work)
    /// ends the process the ordinary way.
    @Sendable static func trapSignals(_ interruption: Interruption) {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [source] in
                // The handler holds its source, which lives as long as the process.
                _ = source
                guard !interruption.raise(number) else { return }
                signal(number, SIG_DFL)
                kill(getpid(), number)
            }
            source.resume()
        }
    }

    /// Asks on standard error and reads the answer from standard input.
    @Sendable static func askOnTerminal(_ question: String) -> Bool {
        FileHandle.standardError.write(Data("\(question) [y/N] ".utf8))
        let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        return answer == "y" || answer == "yes"
    }

    /// The user's home (`HOME`), where user-scope deployments go.
    public var userHome: URL {
        environment["HOME"].map { URL(fileURLWithPath: $0, isDirectory: true) } ?? FileManager.default.homeDirectoryForCurrentUser
    }

    /// Whether colour may be used: on a terminal, unless `NO_COLOR` is set (https://no-color.org).
    public var usesColor: Bool {
        isTerminal && (environment["NO_COLOR"] ?? "").isEmpty
    }

    @TaskLocal static var current = CLIContext(environment: [:], output: StandardOutputSink())
}
