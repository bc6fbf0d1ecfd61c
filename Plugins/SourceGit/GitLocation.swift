import Foundation

/// Where a git source lives: a folder on this machine, or a URL git can clone.
enum GitLocation: Sendable, Hashable {
    case local(URL)
    case remote(String)

    /// Classifies a user's location without touching the network; nil when it is neither.
    init?(_ location: String, currentDirectory: URL) {
        let text = location.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return nil }
        let lowered = text.lowercased()
        for scheme in ["https://", "http://", "ssh://", "git://", "git+ssh://", "ssh+git://", "file://"] where lowered.hasPrefix(scheme) {
            self = .remote(text)
            return
        }
        if GitLocation.isSCPLike(text) {
            self = .remote(text)
            return
        }
        var path = text
        if path == "~" || path.hasPrefix("~/") {
            path = FileManager.default.homeDirectoryForCurrentUser.path + path.dropFirst()
        }
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : currentDirectory.appending(path: path, directoryHint: .isDirectory)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else { return nil }
        self = .local(url.standardizedFileURL)
    }

    /// Why a remote URL cannot name a repository (no host, or nothing after it); nil when it can.
    static func problem(with url: String) -> String? {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        let rest = url[schemeEnd.upperBound...]
        if scheme == "file" { return rest.isEmpty ? "it names no folder" : nil }
        let host = rest.prefix { $0 != "/" }
        if host.isEmpty || host.hasPrefix("@") || host.hasSuffix("@") { return "it names no host" }
        let path = rest.dropFirst(host.count).drop { $0 == "/" }
        return path.isEmpty ? "it names a host but no repository" : nil
    }

    /// `user@host:path`, git's scp-like syntax (no scheme, a colon before any slash).
    static func isSCPLike(_ text: String) -> Bool {
        guard !text.contains("://"), let colon = text.firstIndex(of: ":"), let at = text.firstIndex(of: "@"), at < colon else { return false }
        let host = text[text.index(after: at)..<colon]
        return !host.isEmpty && !host.contains("/") && text.index(after: colon) < text.endIndex
    }

    /// A stable folder name for a remote's cache: readable, and unique through a hash of the URL.
    static func cacheName(for url: String) -> String {
        let readable = url.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }
        let trimmed = String(String(readable).split(separator: "-").joined(separator: "-").suffix(48))
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in url.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100000001b3
        }
        return trimmed + "-" + String(hash, radix: 16)
    }
}
