import Foundation
import SkillMeatCLI
import SkillMeatTestSupport

/// Runs `skillmeat` commands in process against a temporary home.
struct CLIHarness {
    let home: TemporaryDirectory
    var environment: [String: String]

    init() throws {
        home = try TemporaryDirectory(prefix: "skillmeat-home")
        environment = ["SKILLMEAT_HOME": home.url.path, "HOME": home.url.path, "NO_COLOR": "1"]
    }

    /// A harness whose GitHub is `github`, a local fake.
    init(github: FakeGitHub) throws {
        try self.init()
        environment["SKILLMEAT_GITHUB_API_URL"] = github.apiURL.absoluteString
    }

    struct Result {
        var status: Int32
        var output: String
        var error: String
    }

    /// Runs one command line and returns what a user would see.
    func run(_ arguments: String...) async -> Result {
        await run(arguments)
    }

    func run(_ arguments: [String]) async -> Result {
        await run(arguments, terminal: false)
    }

    /// Runs one command line as if standard output and standard error were a terminal `width` columns wide.
    func runOnTerminal(width: Int = 80, _ arguments: String...) async -> Result {
        await run(arguments, terminal: true, width: width)
    }

    func run(_ arguments: [String], terminal: Bool, width: Int? = nil) async -> Result {
        let sink = BufferedOutputSink()
        let context = CLIContext(
            environment: environment, output: sink, isTerminal: terminal, errorIsTerminal: terminal, terminalWidth: terminal ? width ?? 80 : nil,
            currentDirectory: home.url
        )
        let status = await SkillMeatCLI.run(arguments, context: context)
        return Result(status: status, output: sink.standardOutput, error: sink.standardError)
    }

    /// Decodes standard output as JSON.
    func json(_ result: Result) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(result.output.utf8))
    }
}
