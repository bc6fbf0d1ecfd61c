import Foundation
import ArgumentParser
import SkillMeatCore
import SkillMeatRegistry

/// `skillmeat serve`
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the HTTP API (default 127.0.0.1:8080) until interrupted."
    ).examples(
        "skillmeat serve",
        "skillmeat serve --port 9000",
        "skillmeat serve --host 0.0.0.0 --token \"$TOKEN\""
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: "Address to bind (default: server.host, 127.0.0.1).") var host: String?
    @Option(help: "Port to listen on (default: server.port, 8080).") var port: Int?
    @Option(help: "Bearer token clients must send; required off loopback (default: server.token).") var token: String?

    func run() async throws {
        let runtime = try global.runtime()
        var settings = ServerSettings(configuration: runtime.configuration)
        if let host { settings.host = host }
        if let port { settings.port = port }
        if let token { settings.token = token }
        try settings.validate()
        guard let launch = CLIContext.current.serverLauncher else {
            throw CommandFailure(status: .failure, message: "This build of skillmeat has no HTTP server.")
        }
        // The server stops on SIGINT/SIGTERM its own way; requests it serves are never interrupted by them.
        let output = CLIContext.current.output
        let token = settings.token.map { !$0.isEmpty } ?? false
            ? "a token is required (Authorization: Bearer …)" : "no token is required (loopback only)"
        try await Interruption.$current.withValue(nil) {
            try await launch(runtime, settings) { address in
                output.write("Listening on \(address); \(token). Ctrl-C stops it.\n", to: .standardOutput)
            }
        }
    }
}
