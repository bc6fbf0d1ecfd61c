import Foundation

/// Wall time of `skillmeat --version` as a new process: what every command pays before it starts.
struct StartupSuite: BenchmarkSuite {
    let name = "startup"
    let summary = "spawn `skillmeat --version` and wait for it to exit"
    let target: Double? = 0.020
    private var binary: URL?
    /// Processes per timed run; the result is divided back to one.
    let launches = 10

    mutating func setUp(in scratch: URL) throws -> String {
        let candidate = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appending(path: "skillmeat")
        guard FileManager.default.isExecutableFile(atPath: candidate.path) else {
            throw BenchError("the skillmeat binary is not next to skillmeat-bench (\(candidate.path)); build it first")
        }
        binary = candidate
        return "\(launches) launches of \(candidate.path) per run (figures are per launch)"
    }

    /// Divides the timings back to one launch.
    var scale: Double { 1 / Double(launches) }

    func run() throws -> Int {
        guard let binary else { return 0 }
        for _ in 0..<launches {
            // posix_spawn and waitpid directly: Foundation's Process polls for exit on Linux, which
            // would add tens of milliseconds that no user pays.
            var pid: pid_t = 0
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            let arguments = [binary.path, "--version"]
            var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
            defer { argv.forEach { free($0) } }
            let spawned = posix_spawn(&pid, binary.path, &actions, nil, &argv, environ)
            guard spawned == 0 else { throw BenchError("could not start \(binary.path): error \(spawned)") }
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            guard status == 0 else { throw BenchError("skillmeat --version exited with status \(status)") }
        }
        return launches
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
