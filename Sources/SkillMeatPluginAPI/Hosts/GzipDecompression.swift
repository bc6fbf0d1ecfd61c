public import Foundation

/// Decompresses a gzip file with the system `gzip`, reading its output as it comes and stopping it
/// as soon as it passes a size bound: a small download that would inflate to gigabytes (a gzip
/// bomb) costs at most `maximumBytes` of disk, and the caller removes that.
public enum GzipDecompression {
    public enum Failure: Error, Sendable, Hashable {
        /// `gzip` refused the data (not gzip, cut short, a bad checksum), with its first line of complaint.
        case damaged(String)
        /// The output passed `maximumBytes`; `gzip` was stopped there.
        case tooLarge(maximumBytes: Int64)
    }

    /// Writes the decompressed bytes of `gzipFile` to `output` (created or truncated), at most
    /// `maximumBytes` of them; returns how many were written. Throws `Failure` for bad data or too
    /// much of it, `PluginError` when `gzip` is missing or a file cannot be opened.
    @discardableResult
    public static func decompress(_ gzipFile: URL, into output: URL, maximumBytes: Int64) async throws -> Int64 {
        let searchPath = (ProcessInfo.processInfo.environment["PATH"] ?? "") + ":/usr/bin:/bin:/usr/local/bin:/opt/homebrew/bin"
        guard let gzip = ExternalProgram.find("gzip", searchPath: searchPath) else {
            throw PluginError.unsupported("Reading archives from a source host needs the gzip program, and none was found on the PATH; install gzip.")
        }
        guard FileManager.default.createFile(atPath: output.path, contents: nil),
              let writer = FileHandle(forWritingAtPath: output.path),
              let input = FileHandle(forReadingAtPath: gzipFile.path)
        else {
            throw PluginError.io(path: output.path, reason: "the archive could not be written to the cache")
        }
        let errors = FileManager.default.temporaryDirectory.appending(path: "skillmeat-gzip-\(UUID().uuidString).err", directoryHint: .notDirectory)
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        defer {
            try? writer.close()
            try? input.close()
            try? FileManager.default.removeItem(at: errors)
        }
        guard let errorHandle = FileHandle(forWritingAtPath: errors.path) else {
            throw PluginError.io(path: errors.path, reason: "a temporary file could not be created")
        }
        defer { try? errorHandle.close() }

        let pipe = try ChildProcess.pipe()
        let process = try ChildProcess.start(gzip, ["-dc"], input: .handle(input), output: .handle(pipe.write), error: .handle(errorHandle))
        // Only gzip may hold the write end, so its exit is the end of file.
        try? pipe.write.close()
        // The reads block, so they run on a dispatch thread rather than a Swift concurrency one.
        let outcome: Result<Int64, any Error> = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: Result { try pump(pipe.read, into: writer, process: process, maximumBytes: maximumBytes) })
            }
        }
        let written = try outcome.get()
        guard process.termination == .exited(0) else {
            let complaint = String(decoding: (try? Data(contentsOf: errors)) ?? Data(), as: UTF8.self)
            let line = complaint.split(separator: "\n").first.map { String($0).replacingOccurrences(of: gzipFile.path, with: "archive") } ?? "gzip failed"
            throw Failure.damaged(line)
        }
        return written
    }

    /// Copies the pipe into `writer` until end of file, or stops `process` once more than
    /// `maximumBytes` came; waits for the process to exit either way.
    private static func pump(_ reader: FileHandle, into writer: FileHandle, process: ChildProcess, maximumBytes: Int64) throws -> Int64 {
        var total: Int64 = 0
        defer {
            try? reader.close()
            process.waitUntilExit()
        }
        while let chunk = try reader.read(upToCount: 1 << 20), !chunk.isEmpty {
            total += Int64(chunk.count)
            if total > maximumBytes {
                process.terminate()
                throw Failure.tooLarge(maximumBytes: maximumBytes)
            }
            try writer.write(contentsOf: chunk)
        }
        return total
    }
}
