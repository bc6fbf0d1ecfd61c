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
}

extension OutputSink {
    public func write(bytes: [UInt8], to stream: OutputStream) {
        write(String(decoding: bytes, as: UTF8.self), to: stream)
    }
}

/// Writes to the process's stdout and stderr.
public struct StandardOutputSink: OutputSink {
    public init() {}

    public func write(_ text: String, to stream: OutputStream) {
        var text = text
        text.withUTF8 { Self.write($0, to: stream) }
    }

    public func write(bytes: [UInt8], to stream: OutputStream) {
        bytes.withUnsafeBufferPointer { Self.write($0, to: stream) }
    }

    private static func write(_ buffer: UnsafeBufferPointer<UInt8>, to stream: OutputStream) {
        let descriptor: Int32 = stream == .standardOutput ? 1 : 2
        var offset = 0
        while offset < buffer.count {
            let written = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                // A closed pipe (`skillmeat list | head`) is not an error worth reporting.
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
