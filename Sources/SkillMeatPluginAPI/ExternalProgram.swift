public import Foundation

/// Runs an external program (`git`, `tar`, `gzip`, `gh`) to completion. Output goes through temporary
/// files rather than pipes, so a large output can never dead-lock against a full pipe buffer, and the
/// wait for exit happens on a thread of its own, so no Swift concurrency thread blocks while the program works.
public enum ExternalProgram {
    /// What a program did.
    public struct Output: Sendable {
        public var status: Int32
        /// Standard output, unless it was sent to a file handle.
        public var standardOutput: Data
        public var standardError: String
    }

    /// The first executable called `name` in the `:`-separated `searchPath` (default: `PATH`).
    public static func find(_ name: String, searchPath: String? = nil) -> URL? {
        let path = searchPath ?? ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin:/usr/local/bin"
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = URL(fileURLWithPath: String(folder), isDirectory: true).appending(path: name, directoryHint: .notDirectory)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// Runs `executable` with `arguments`; returns whatever the exit status. `input` feeds standard
    /// input; `output`, when given, receives standard output instead of it being captured.
    public static func run(
        _ executable: URL,
        _ arguments: [String],
        environment: [String: String]? = nil,
        directory: URL? = nil,
        input: FileHandle? = nil,
        output: FileHandle? = nil
    ) async throws -> Output {
        let capture = try Capture()
        defer { capture.remove() }
        let child = try capture.start(executable, arguments, environment: environment, directory: directory, input: input, output: output)
        return try capture.output(await child.waitForExit(), captured: output == nil)
    }

    /// `run` for callers that may block their thread (tests, a synchronous command): same streams,
    /// same result.
    public static func runBlocking(
        _ executable: URL,
        _ arguments: [String],
        environment: [String: String]? = nil,
        directory: URL? = nil,
        input: FileHandle? = nil,
        output: FileHandle? = nil
    ) throws -> Output {
        let capture = try Capture()
        defer { capture.remove() }
        let child = try capture.start(executable, arguments, environment: environment, directory: directory, input: input, output: output)
        return try capture.output(child.waitUntilExit(), captured: output == nil)
    }

    /// The temporary files a run's standard output and error go to.
    private struct Capture {
        let scratch: URL
        let stdoutURL: URL
        let stderrURL: URL

        init() throws {
            let manager = FileManager.default
            scratch = manager.temporaryDirectory.appending(path: "skillmeat-run-\(UUID().uuidString)", directoryHint: .isDirectory)
            try manager.createDirectory(at: scratch, withIntermediateDirectories: true)
            stdoutURL = scratch.appending(path: "stdout", directoryHint: .notDirectory)
            stderrURL = scratch.appending(path: "stderr", directoryHint: .notDirectory)
            _ = manager.createFile(atPath: stdoutURL.path, contents: nil)
            _ = manager.createFile(atPath: stderrURL.path, contents: nil)
        }

        func start(
            _ executable: URL, _ arguments: [String], environment: [String: String]?, directory: URL?, input: FileHandle?, output: FileHandle?
        ) throws -> ChildProcess {
            let stdoutHandle = try FileHandle(forWritingTo: stdoutURL)
            let stderrHandle = try FileHandle(forWritingTo: stderrURL)
            // The child has its own copies once started; ours close right away.
            defer {
                try? stdoutHandle.close()
                try? stderrHandle.close()
            }
            return try ChildProcess.start(
                executable, arguments, environment: environment, directory: directory,
                input: input.map { .handle($0) } ?? .null, output: .handle(output ?? stdoutHandle), error: .handle(stderrHandle)
            )
        }

        func output(_ termination: ChildProcess.Termination, captured: Bool) throws -> Output {
            let standardOutput = captured ? try Data(contentsOf: stdoutURL) : Data()
            let errorText = String(decoding: (try? Data(contentsOf: stderrURL)) ?? Data(), as: UTF8.self)
            return Output(status: termination.status, standardOutput: standardOutput, standardError: errorText.trimmingCharacters(in: .whitespacesAndNewlines))
        }

        func remove() {
            try? FileManager.default.removeItem(at: scratch)
        }
    }

    /// Runs a program found on `PATH` and returns its standard output, throwing `commandFailed` (with
    /// the program's last line of complaint) on a non-zero exit.
    @discardableResult
    public static func check(_ name: String, _ arguments: [String], directory: URL? = nil) async throws -> Data {
        guard let executable = find(name) else {
            throw PluginError.unsupported("\(name) is not installed or not on PATH; install it to use this feature.")
        }
        let result = try await run(executable, arguments, directory: directory)
        guard result.status == 0 else {
            let lines = result.standardError.split(whereSeparator: \.isNewline)
            throw PluginError.commandFailed(command: ([name] + arguments.prefix(2)).joined(separator: " "), status: result.status, output: lines.last.map(String.init) ?? "")
        }
        return result.standardOutput
    }
}
