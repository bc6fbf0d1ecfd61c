import Foundation

/// Runs a helper program (`gzip`, `gh`) and waits for it without blocking a thread of the pool.
enum ProcessRunner {
    struct Outcome: Sendable {
        var status: Int32
        var output: Data
        var errorOutput: Data
    }

    /// The first executable called `name` in the `:`-separated `searchPath`, if any.
    static func findExecutable(_ name: String, searchPath: String?) -> URL? {
        guard let searchPath else { return nil }
        for directory in searchPath.split(separator: ":") where !directory.isEmpty {
            let candidate = URL(fileURLWithPath: String(directory), isDirectory: true).appending(path: name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// Runs `executable`; standard output goes to `output` when given, else it is captured (keep
    /// captured output small: it is read once the program has ended).
    static func run(
        _ executable: URL,
        arguments: [String],
        environment: [String: String]? = nil,
        input: FileHandle? = nil,
        output: FileHandle? = nil
    ) async throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        let outputPipe = Pipe()
        let errorPipe = Pipe()
        process.standardInput = input ?? FileHandle.nullDevice
        if let output { process.standardOutput = output } else { process.standardOutput = outputPipe }
        process.standardError = errorPipe
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        let captured = output == nil ? outputPipe.fileHandleForReading.readDataToEndOfFile() : Data()
        return Outcome(status: status, output: captured, errorOutput: errorPipe.fileHandleForReading.readDataToEndOfFile())
    }
}
