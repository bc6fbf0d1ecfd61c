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
    /// Writes UTF-8 bytes; large outputs (a `--json` list) skip building a `String` first.
    func write(bytes: [UInt8], to stream: OutputStream)
    /// Why standard output could not be written (a full disk), so the command fails instead of
    /// pretending its output was delivered; nil when every write went through.
    var standardOutputFailure: String? { get }
}

extension OutputSink {
    public func write(bytes: [UInt8], to stream: OutputStream) {
        write(String(decoding: bytes, as: UTF8.self), to: stream)
    }

    public var standardOutputFailure: String? { nil }
}

/// Writes to the process's stdout and stderr.
public final class StandardOutputSink: OutputSink {
    let descriptors: (output: Int32, error: Int32)
    private let failure = Mutex<String?>(nil)

    /// Writes to `output` and `error` (the process's own by default).
    public init(output: Int32 = 1, error: Int32 = 2) {
        descriptors = (output, error)
    }

    public var standardOutputFailure: String? { failure.withLock { $0 } }

    public func write(_ text: String, to stream: OutputStream) {
        var text = text
        text.withUTF8 { write($0, to: stream) }
    }

    public func write(bytes: [UInt8], to stream: OutputStream) {
        bytes.withUnsafeBufferPointer { write($0, to: stream) }
    }

    private func write(_ buffer: UnsafeBufferPointer<UInt8>, to stream: OutputStream) {
        let descriptor = stream == .standardOutput ? descriptors.output : descriptors.error
        var offset = 0
        while offset < buffer.count {
            let written = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 {
                let code = errno
                if code == EINTR { continue }
                // A closed pipe (`skillmeat list | head`) is not an error worth reporting; anything
                // else on standard output (a full disk) fails the command.
                if code != EPIPE, stream == .standardOutput {
                    failure.withLock { $0 = $0 ?? String(cString: strerror(code)).lowercased() }
                }
                return
            }
            offset += written
        }
    }
}

#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif

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
