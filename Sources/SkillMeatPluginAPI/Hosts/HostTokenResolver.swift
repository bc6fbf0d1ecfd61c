import Foundation

/// Finds a host's token once per provider: the configured one (setting, environment), else what a
/// command-line client prints (`gh auth token`, `glab config get token`) when it is on the `PATH`.
/// A missing or failing program simply means "no token".
public actor HostTokenResolver {
    /// A command-line client that knows a token.
    public struct Program: Sendable {
        public var name: String
        public var arguments: [String]
        /// Turns the program's standard output into the token text; nil when it holds none.
        public var read: @Sendable (String) -> String?

        public init(name: String, arguments: [String], read: @escaping @Sendable (String) -> String? = { $0 }) {
            self.name = name
            self.arguments = arguments
            self.read = read
        }
    }

    private let configured: HostToken?
    private let environment: [String: String]
    private let program: Program?
    private var asked = false
    private var fromProgram: HostToken?

    public init(configured: HostToken?, environment: [String: String], program: Program?) {
        self.configured = configured
        self.environment = environment
        self.program = program
    }

    /// The token to send, if any; the program is asked at most once.
    public func token() async -> HostToken? {
        if let configured { return configured }
        if asked { return fromProgram }
        asked = true
        guard let program, let executable = ExternalProgram.find(program.name, searchPath: environment["PATH"] ?? "") else { return nil }
        guard let outcome = try? await ExternalProgram.run(executable, program.arguments, environment: environment),
              outcome.status == 0,
              let text = program.read(String(decoding: outcome.standardOutput, as: UTF8.self))
        else { return nil }
        fromProgram = HostToken(text, source: .program(([program.name] + program.arguments.prefix(2)).joined(separator: " ")))
        return fromProgram
    }
}
