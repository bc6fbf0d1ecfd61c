public import Foundation
import Synchronization

/// Which stream a piece of output goes to.
public enum OutputStream: Sendable {
    /// Data and messages meant for the user or a script.
    case standardOutput
    /// Errors and warnings.
    case standardError
}

/// The one place commands print to, so tests can capture exactly what a user would see.
public protocol OutputSink: Sendable {
    func write(_ text: String, to stream: OutputStream)
}

/// Writes to the process's stdout and stderr.
public struct StandardOutputSink: OutputSink {
    public init() {}

    public func write(_ text: String, to stream: OutputStream) {
        let handle = stream == .standardOutput ? FileHandle.standardOutput : FileHandle.standardError
        handle.write(Data(text.utf8))
    }
}

/// Keeps everything written, for tests and for callers that want the text.
public final class BufferedOutputSink: OutputSink {
    private let buffers = Mutex<(output: String, error: String)>(("", ""))

    public init() {}

    public func write(_ text: String, to stream: OutputStream) {
        buffers.withLock { buffers in
            switch stream {
            case .standardOutput: buffers.output += text
            case .standardError: buffers.error += text
            }
        }
    }

    /// Everything written to standard output so far.
    public var standardOutput: String { buffers.withLock { $0.output } }
    /// Everything written to standard error so far.
    public var standardError: String { buffers.withLock { $0.error } }
}
