public import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A minimal HTTP/1.1 client for servers on 127.0.0.1, for chromedriver: it writes headers without
/// the space after the colon, which Foundation's URLSession on Linux refuses ("Failed writing
/// header"). One request per connection (`Connection: close`), read to the end.
enum LoopbackHTTP {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Sends `method path` with `body` to 127.0.0.1:`port`; the status and body of the answer.
    static func send(port: Int, method: String, path: String, body: Data?, timeout: TimeInterval = 60) async throws -> (status: Int, body: Data) {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try sendBlocking(port: port, method: method, path: path, body: body, timeout: timeout) })
            }
        }
    }

    static func sendBlocking(port: Int, method: String, path: String, body: Data?, timeout: TimeInterval) throws -> (status: Int, body: Data) {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket() failed: errno \(errno)") }
        defer { close(descriptor) }
        var wait = timeval(tv_sec: Int(timeout), tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = Self.retryingInterrupted {
            withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Int(connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))) }
            }
        }
        // A connect interrupted and called again may find itself done already.
        guard connected == 0 || errno == EISCONN else { throw Failure(description: "connect to 127.0.0.1:\(port) failed: errno \(errno)") }
        var request = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\nAccept: application/json\r\n"
        if let body { request += "Content-Type: application/json; charset=utf-8\r\nContent-Length: \(body.count)\r\n" }
        var bytes = Data((request + "\r\n").utf8)
        if let body { bytes.append(body) }
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Self.retryingInterrupted { Glibc.send(descriptor, buffer.baseAddress! + offset, buffer.count - offset, Int32(MSG_NOSIGNAL)) }
                guard written > 0 else { throw Failure(description: "writing to 127.0.0.1:\(port) failed: errno \(errno)") }
                offset += written
            }
        }
        var response = Data()
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while !isComplete(response) {
            let count = Self.retryingInterrupted { recv(descriptor, &chunk, chunk.count, 0) }
            if count == 0 { break }
            guard count > 0 else { throw Failure(description: "reading from 127.0.0.1:\(port) failed: errno \(errno)") }
            response.append(contentsOf: chunk[0..<count])
        }
        guard let split = response.range(of: Data("\r\n\r\n".utf8)),
              let head = String(data: response[..<split.lowerBound], encoding: .utf8),
              let statusLine = head.split(separator: "\r\n").first,
              let status = statusLine.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
        else { throw Failure(description: "not an HTTP answer from 127.0.0.1:\(port)") }
        var payload = Data(response[split.upperBound...])
        if head.lowercased().contains("transfer-encoding:chunked") || head.lowercased().contains("transfer-encoding: chunked") {
            payload = dechunk(payload)
        }
        return (status, payload)
    }

    /// Runs a system call again when a signal interrupted it (EINTR): a signal to this process is not
    /// a network failure (a browser test failed on one).
    static func retryingInterrupted(_ call: () -> Int) -> Int {
        while true {
            let result = call()
            if result == -1 && errno == EINTR { continue }
            return result
        }
    }

    /// Whether `response` holds the whole answer its Content-Length announces (servers may keep the
    /// connection open despite `Connection: close`).
    static func isComplete(_ response: Data) -> Bool {
        guard let split = response.range(of: Data("\r\n\r\n".utf8)) else { return false }
        let head = String(decoding: response[..<split.lowerBound], as: UTF8.self).lowercased()
        guard let line = head.split(separator: "\r\n").first(where: { $0.hasPrefix("content-length:") }),
              let length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces))
        else { return false }
        return response.count - split.upperBound >= length
    }

    static func dechunk(_ data: Data) -> Data {
        var result = Data()
        var rest = data[...]
        while let lineEnd = rest.range(of: Data("\r\n".utf8)),
              let size = Int(String(decoding: rest[..<lineEnd.lowerBound], as: UTF8.self).split(separator: ";").first ?? "", radix: 16), size > 0 {
            let start = lineEnd.upperBound
            let end = rest.index(start, offsetBy: size, limitedBy: rest.endIndex) ?? rest.endIndex
            result.append(rest[start..<end])
            rest = rest[min(rest.endIndex, rest.index(end, offsetBy: 2, limitedBy: rest.endIndex) ?? rest.endIndex)...]
        }
        return result
    }
}
