import Foundation
import SkillMeatPluginAPI

/// GitHub responses kept on disk with their ETag, so a later request can be made conditional (a 304
/// is free) or, for content addressed by a sha, skipped altogether.
struct GitHubResponseCache: Sendable {
    struct Entry: Sendable {
        var etag: String?
        var body: Data
    }

    let directory: URL

    /// A file name for a request: the accept header matters because GitHub answers one URL in
    /// several media types (`application/vnd.github.sha` versus JSON).
    func key(url: URL, accept: String) -> String {
        ContentHash.of(Data("\(accept) \(url.absoluteString)".utf8))
    }

    func load(_ key: String) -> Entry? {
        guard let data = try? Data(contentsOf: file(key)), let newline = data.firstIndex(of: UInt8(ascii: "\n")) else {
            return nil
        }
        let etag = String(decoding: data[data.startIndex..<newline], as: UTF8.self)
        return Entry(etag: etag.isEmpty ? nil : etag, body: Data(data[data.index(after: newline)...]))
    }

    /// Stores a response: the ETag on the first line, the body after it, written atomically so a
    /// concurrent reader sees the old entry or the new one. A failure only costs a later request.
    func store(_ key: String, etag: String?, body: Data) {
        var data = Data((etag ?? "").filter { $0 != "\n" && $0 != "\r" }.utf8)
        data.append(UInt8(ascii: "\n"))
        data.append(body)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try data.write(to: file(key), options: .atomic)
        } catch {
            // Best effort by design: the next run asks GitHub again.
        }
    }

    private func file(_ key: String) -> URL {
        directory.appending(path: key + ".response", directoryHint: .notDirectory)
    }
}
