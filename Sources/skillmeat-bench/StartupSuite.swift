import Foundation

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

    /// Spawns `binary` with `arguments` (stdout to /dev/null) and waits. posix_spawn and waitpid are
    /// used directly: Foundation's Process polls for exit on Linux, adding tens of milliseconds no
    /// user pays.
    static func run(_ binary: URL, _ arguments: [String], environment: [String: String] = [:]) throws {
        var pid: pid_t = 0
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        var argv: [UnsafeMutablePointer<CChar>?] = ([binary.path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var merged = ProcessInfo.processInfo.environment
        for (key, value) in environment { merged[key] = value }
        var envp: [UnsafeMutablePointer<CChar>?] = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        let spawned = posix_spawn(&pid, binary.path, &actions, nil, &argv, &envp)
        guard spawned == 0 else { throw BenchError("could not start \(binary.path): error \(spawned)") }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        guard status == 0 else { throw BenchError("skillmeat \(arguments.joined(separator: " ")) exited with status \(status)") }
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
