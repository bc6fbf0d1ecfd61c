import Foundation
import SkillMeatPluginAPI

/// Reads blobs through one long-lived `git cat-file --batch`, so a scan that reads thousands of files
/// pays for one process, not thousands. Requests are serialised by the actor; git answers them in order.
actor GitBlobReader: SourceContentReader {
    private let git: GitCommand
    private let repository: URL
    private let blobs: [RelativePath: String]
    private var process: ChildProcess?
    private var input: FileHandle?
    private var output: FileHandle?
    private var buffer = Data()

    init(git: GitCommand, repository: URL, blobs: [RelativePath: String]) {
        self.git = git
        self.repository = repository
        self.blobs = blobs
    }

    deinit {
        // Closing git's input ends cat-file; terminate covers a git that is stuck fetching a blob.
        try? input?.close()
        if process?.isRunning == true { process?.terminate() }
    }

    func contents(of path: RelativePath) async throws -> Data {
        guard let blob = blobs[path] else { throw PluginError.notFound("'\(path)' is not a file of \(repository.path)") }
        do {
            return try read(blob)
        } catch {
            // A broken pipe leaves the stream in an unknown state: start afresh next time.
            stop()
            throw error
        }
    }

    private func read(_ blob: String) throws -> Data {
        let (input, _) = try started()
        try input.write(contentsOf: Data((blob + "\n").utf8))
        let header = try readLine()
        let fields = header.split(separator: " ")
        guard fields.count == 3, let size = Int(fields[2]) else {
            throw PluginError.commandFailed(command: "git cat-file --batch", status: 0, output: "unexpected answer '\(header)' for blob \(blob)")
        }
        let body = try readBytes(size + 1)
        return body.prefix(size)
    }

    private func started() throws -> (FileHandle, FileHandle) {
        if let input, let output, process?.isRunning == true { return (input, output) }
        let stdin = try ChildProcess.pipe()
        let stdout = try ChildProcess.pipe()
        let process = try ChildProcess.start(
            git.executable, ["-C", repository.path, "cat-file", "--batch"], environment: git.environment,
            input: .handle(stdin.read), output: .handle(stdout.write)
        )
        // git holds its own ends now; ours would keep the streams open after it exits.
        try? stdin.read.close()
        try? stdout.write.close()
        self.process = process
        self.input = stdin.write
        self.output = stdout.read
        self.buffer = Data()
        return (stdin.write, stdout.read)
    }

    private func stop() {
        try? input?.close()
        if process?.isRunning == true { process?.terminate() }
        process = nil
        input = nil
        output = nil
        buffer = Data()
    }

    private func fill() throws {
        guard let output else { throw PluginError.commandFailed(command: "git cat-file --batch", status: 0, output: "the process is not running") }
        let chunk = output.availableData
        guard !chunk.isEmpty else {
            throw PluginError.commandFailed(command: "git cat-file --batch", status: process?.termination?.status ?? -1, output: "git stopped answering")
        }
        buffer.append(chunk)
    }

    private func readLine() throws -> String {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = buffer[buffer.startIndex..<newline]
                buffer.removeSubrange(buffer.startIndex...newline)
                return String(decoding: line, as: UTF8.self)
            }
            try fill()
        }
    }

    private func readBytes(_ count: Int) throws -> Data {
        while buffer.count < count { try fill() }
        let bytes = Data(buffer.prefix(count))
        buffer.removeSubrange(buffer.startIndex..<(buffer.startIndex + count))
        return bytes
    }
}
