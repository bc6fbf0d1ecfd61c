import Foundation
import SkillMeatPluginAPI

/// Runs the system `git` (through `ExternalProgram`) with an environment that never prompts.
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
        if let found = ExternalProgram.find("git", searchPath: environment["PATH"]) { return found }
        throw PluginError.unsupported("git is not installed or not on PATH; install git or set git_path under [plugins.\"source/git\"] to read git sources.")
    }

    /// Runs git with `arguments`; returns whatever the exit status.
    func run(_ arguments: [String], in directory: URL? = nil) async throws -> Output {
        let result = try await ExternalProgram.run(executable, (directory.map { ["-C", $0.path] } ?? []) + arguments, environment: environment)
        return Output(status: result.status, stdout: result.standardOutput, stderr: result.standardError)
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
