import Foundation
import SkillMeatPluginAPI

/// Wall time of `skillmeat --version` as a new process: what every command pays before it starts.
struct StartupSuite: BenchmarkSuite {
    let name = "startup"
    let summary = "spawn `skillmeat --version` and wait for it to exit"
    let target: Double? = 0.020
    private var binary: URL?
    /// Processes per timed run; the result is divided back to one.
    let launches = 10

    var scale: Double { 1 / Double(launches) }

    mutating func setUp(in scratch: URL) async throws -> String {
        let binary = try SkillmeatProcess.locate()
        self.binary = binary
        return "\(launches) launches of \(binary.path) per run (figures are per launch)"
    }

    func run() async throws -> Int {
        guard let binary else { return 0 }
        for _ in 0..<launches {
            try SkillmeatProcess.run(binary, ["--version"])
        }
        return launches
    }
}

/// Runs the `skillmeat` binary that sits next to `skillmeat-bench`.
enum SkillmeatProcess {
    static func locate() throws -> URL {
        let candidate = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appending(path: "skillmeat")
        guard FileManager.default.isExecutableFile(atPath: candidate.path) else {
            throw BenchError("the skillmeat binary is not next to skillmeat-bench (\(candidate.path)); build it first")
        }
        return candidate
    }

    /// Spawns `binary` with `arguments` (stdout to /dev/null, stderr kept) and waits; the wait blocks in
    /// `waitid` rather than polling, so the figure is the program's own time.
    static func run(_ binary: URL, _ arguments: [String], environment: [String: String] = [:]) throws {
        let merged = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let ended = try ChildProcess.start(binary, arguments, environment: merged, error: .inherit).waitUntilExit()
        guard ended == .exited(0) else { throw BenchError("skillmeat \(arguments.joined(separator: " ")) ended with \(ended)") }
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
