public import Foundation

/// API responses kept on disk with their ETag, so a later request can be made conditional (a 304
/// costs nothing or little) or, for content addressed by a sha, skipped altogether.
public struct HostResponseCache: Sendable {
    public struct Entry: Sendable {
        public var etag: String?
        public var body: Data
    }

    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// A file name for a request: the accept header matters because a host may answer one URL in
    /// several media types (GitHub's `application/vnd.github.sha` versus JSON).
    public func key(url: URL, accept: String) -> String {
        ContentHash.of(Data("\(accept) \(url.absoluteString)".utf8))
    }

    public func load(_ key: String) -> Entry? {
        guard let data = try? Data(contentsOf: file(key)), let newline = data.firstIndex(of: UInt8(ascii: "\n")) else {
            return nil
        }
        let etag = String(decoding: data[data.startIndex..<newline], as: UTF8.self)
        return Entry(etag: etag.isEmpty ? nil : etag, body: Data(data[data.index(after: newline)...]))
    }

    /// Stores a response: the ETag on the first line, the body after it, written atomically so a
    /// concurrent reader sees the old entry or the new one. A failure only costs a later request.
    public func store(_ key: String, etag: String?, body: Data) {
        var data = Data((etag ?? "").filter { $0 != "\n" && $0 != "\r" }.utf8)
        data.append(UInt8(ascii: "\n"))
        data.append(body)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try data.write(to: file(key), options: .atomic)
        } catch {
            // Best effort by design: the next run asks the host again.
        }
    }

    private func file(_ key: String) -> URL {
        directory.appending(path: key + ".response", directoryHint: .notDirectory)
    }
}
