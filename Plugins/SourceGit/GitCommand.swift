import Foundation
import SkillMeatPluginAPI

/// Runs the system `git` and collects its output. Output goes through temporary files rather than
/// pipes, so a large listing can never dead-lock against a full pipe buffer, and the wait for exit is
/// a continuation, so no thread blocks while git works.
struct GitCommand: Sendable {
    let executable: URL
    let environment: [String: String]

    struct Output: Sendable {
        var status: Int32
        var stdout: Data
        var stderr: String
    }

    /// Locates `git`: an explicit path from the settings, else the first `git` on `PATH`.
    static func locate(explicitPath: String?, environment: [String: String]) throws -> URL {
        let manager = FileManager.default
        if let explicitPath {
            guard manager.isExecutableFile(atPath: explicitPath) else {
                throw PluginError.notFound("the git executable '\(explicitPath)' set in plugins.\"source/git\".git_path; point it at an installed git")
            }
            return URL(fileURLWithPath: explicitPath)
        }
        let path = environment["PATH"] ?? ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin:/usr/local/bin"
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = URL(fileURLWithPath: String(folder)).appending(path: "git", directoryHint: .notDirectory)
            if manager.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw PluginError.unsupported("git is not installed or not on PATH; install git or set git_path under [plugins.\"source/git\"] to read git sources.")
    }

    /// Runs git with `arguments`; returns whatever the exit status.
    func run(_ arguments: [String], in directory: URL? = nil) async throws -> Output {
        let manager = FileManager.default
        let scratch = manager.temporaryDirectory.appending(path: "skillmeat-git-\(UUID().uuidString)", directoryHint: .isDirectory)
        try manager.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? manager.removeItem(at: scratch) }
        let stdoutURL = scratch.appending(path: "stdout", directoryHint: .notDirectory)
        let stderrURL = scratch.appending(path: "stderr", directoryHint: .notDirectory)
        _ = manager.createFile(atPath: stdoutURL.path, contents: nil)
        _ = manager.createFile(atPath: stderrURL.path, contents: nil)
        let stdoutHandle = try FileHandle(forWritingTo: stdoutURL)
        let stderrHandle = try FileHandle(forWritingTo: stderrURL)

        let process = Process()
        process.executableURL = executable
        process.arguments = (directory.map { ["-C", $0.path] } ?? []) + arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdoutHandle
        process.standardError = stderrHandle
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { finished in
                continuation.resume(returning: finished.terminationStatus)
            }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: PluginError.commandFailed(command: "git \(arguments.first ?? "")", status: -1, output: "\(error)"))
            }
        }
        try? stdoutHandle.close()
        try? stderrHandle.close()
        let stdout = try Data(contentsOf: stdoutURL)
        let stderr = String(decoding: (try? Data(contentsOf: stderrURL)) ?? Data(), as: UTF8.self)
        return Output(status: status, stdout: stdout, stderr: stderr.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Runs git and returns its standard output, throwing `commandFailed` on a non-zero exit.
    func checked(_ arguments: [String], in directory: URL? = nil) async throws -> Data {
        let output = try await run(arguments, in: directory)
        guard output.status == 0 else {
            throw PluginError.commandFailed(command: "git " + arguments.prefix(2).joined(separator: " "), status: output.status, output: Self.lastLine(output.stderr))
        }
        return output.stdout
    }

    /// git's own message, trimmed to its last meaningful line (the `fatal:` one).
    static func lastLine(_ text: String) -> String {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return lines.last(where: { $0.hasPrefix("fatal:") || $0.hasPrefix("error:") }) ?? lines.last ?? ""
    }

    /// The environment git runs with: never prompting for credentials, messages in plain English.
    static func environment(base: [String: String]) -> [String: String] {
        var environment = base.isEmpty ? ProcessInfo.processInfo.environment : base
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["GIT_ASKPASS"] = environment["GIT_ASKPASS"] ?? ""
        environment["LC_ALL"] = "C"
        return environment
    }
}
