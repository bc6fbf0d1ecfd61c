public import Foundation

/// Runs an external program (`tar`, `git`) to completion and returns what it printed.
public enum CommandRunner {
    public struct Output: Sendable {
        public var status: Int32
        public var standardOutput: Data
        public var standardError: String
    }

    /// Runs `executable` (looked up on `PATH`) with `arguments`.
    public static func run(_ executable: String, _ arguments: [String], in directory: URL? = nil) throws(SkillMeatError) -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
        if let directory { process.currentDirectoryURL = directory }
        // stderr goes to a file so that only one pipe is read: reading two pipes one after the other
        // can deadlock once the unread one fills.
        let errorFile = FileManager.default.temporaryDirectory.appending(path: "skillmeat-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        do {
            process.standardError = try FileHandle(forWritingTo: errorFile)
            try process.run()
        } catch {
            throw .io(path: executable, reason: "it could not be started (\(error.localizedDescription)); is it installed?")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errorText = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
        return Output(status: process.terminationStatus, standardOutput: data, standardError: errorText)
    }

    /// Runs and throws unless the program exits 0.
    @discardableResult
    public static func check(_ executable: String, _ arguments: [String], in directory: URL? = nil) throws(SkillMeatError) -> Data {
        let result = try run(executable, arguments, in: directory)
        guard result.status == 0 else {
            let detail = result.standardError.trimmingCharacters(in: .whitespacesAndNewlines)
            throw .io(
                path: executable,
                reason: "'\(([executable] + arguments).joined(separator: " "))' failed (status \(result.status))" + (detail.isEmpty ? "" : ": \(detail)")
            )
        }
        return result.standardOutput
    }
}
