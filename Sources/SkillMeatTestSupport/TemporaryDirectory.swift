public import Foundation

/// A fresh folder under the system's temporary directory, removed when the value is discarded by
/// `remove()`. Each test builds its own world in one.
public struct TemporaryDirectory: Sendable {
    public let url: URL

    /// Creates a new, empty folder whose name starts with `prefix`.
    public init(prefix: String = "skillmeat-test") throws {
        let base = URL(fileURLWithPath: NSTemporaryDirectory(), isDirectory: true)
            .resolvingSymlinksInPath()
        url = base.appending(path: "\(prefix)-\(UUID().uuidString)", directoryHint: .isDirectory)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// A path inside the folder.
    public func path(_ relative: String) -> URL {
        url.appending(path: relative)
    }

    /// Writes `text` at `relative`, creating folders as needed.
    @discardableResult
    public func write(_ relative: String, _ text: String) throws -> URL {
        try write(relative, Data(text.utf8))
    }

    /// Writes `data` at `relative`, creating folders as needed.
    @discardableResult
    public func write(_ relative: String, _ data: Data) throws -> URL {
        let target = path(relative)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: target)
        return target
    }

    /// Reads the text at `relative`.
    public func read(_ relative: String) throws -> String {
        try String(contentsOf: path(relative), encoding: .utf8)
    }

    /// Deletes the folder and everything in it.
    public func remove() {
        try? FileManager.default.removeItem(at: url)
    }

    /// Every file below the folder with its bytes, for before/after comparisons.
    public func snapshot() throws -> [String: Data] {
        var result: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.isRegularFileKey]) else {
            return result
        }
        let prefix = url.path.hasSuffix("/") ? url.path : url.path + "/"
        for case let file as URL in enumerator {
            guard (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let path = file.resolvingSymlinksInPath().path
            result[String(path.dropFirst(prefix.count))] = try Data(contentsOf: file)
        }
        return result
    }
}
