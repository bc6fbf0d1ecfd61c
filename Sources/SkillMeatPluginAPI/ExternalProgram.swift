public import Foundation

/// Runs an external program (`git`, `tar`, `gzip`, `gh`) to completion. Output goes through temporary
/// files rather than pipes, so a large output can never dead-lock against a full pipe buffer, and the
/// wait for exit is a continuation, so no thread blocks while the program works.
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
        let manager = FileManager.default
        let scratch = manager.temporaryDirectory.appending(path: "skillmeat-run-\(UUID().uuidString)", directoryHint: .isDirectory)
        try manager.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? manager.removeItem(at: scratch) }
        let stdoutURL = scratch.appending(path: "stdout", directoryHint: .notDirectory)
        let stderrURL = scratch.appending(path: "stderr", directoryHint: .notDirectory)
        _ = manager.createFile(atPath: stdoutURL.path, contents: nil)
        _ = manager.createFile(atPath: stderrURL.path, contents: nil)
        let stdoutHandle = try FileHandle(forWritingTo: stdoutURL)
        let stderrHandle = try FileHandle(forWritingTo: stderrURL)
        defer {
            try? stdoutHandle.close()
            try? stderrHandle.close()
        }

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let directory { process.currentDirectoryURL = directory }
        process.standardInput = input ?? FileHandle.nullDevice
        process.standardOutput = output ?? stdoutHandle
        process.standardError = stderrHandle
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { finished in
                continuation.resume(returning: finished.terminationStatus)
            }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: PluginError.commandFailed(
                    command: executable.lastPathComponent, status: -1, output: "it could not be started (\(error.localizedDescription))"
                ))
            }
        }
        let captured = output == nil ? try Data(contentsOf: stdoutURL) : Data()
        let errorText = String(decoding: (try? Data(contentsOf: stderrURL)) ?? Data(), as: UTF8.self)
        return Output(status: status, standardOutput: captured, standardError: errorText.trimmingCharacters(in: .whitespacesAndNewlines))
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
