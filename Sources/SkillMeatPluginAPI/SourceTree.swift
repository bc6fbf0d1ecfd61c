public import Foundation

/// How a tree entry is stored, as git records it.
public enum FileMode: String, Sendable, Hashable, Codable {
    case regular
    case executable
    case symlink

    /// Maps git's octal modes (`100644`, `100755`, `120000`).
    public init?(gitMode: String) {
        switch gitMode {
        case "100644", "100664": self = .regular
        case "100755": self = .executable
        case "120000": self = .symlink
        default: return nil
        }
    }
}

/// One file of a source.
public struct SourceTreeEntry: Sendable, Hashable, Codable {
    public var path: RelativePath
    /// Changes whenever the file's content does: git's blob id where git knows the file.
    public var blobID: String
    /// Size in bytes, when known.
    public var size: Int64?
    public var mode: FileMode

    public init(path: RelativePath, blobID: String, size: Int64?, mode: FileMode = .regular) {
        self.path = path
        self.blobID = blobID
        self.size = size
        self.mode = mode
    }
}

/// Reads file contents of a tree on demand, so a scan reads only the files detectors ask for.
public protocol SourceContentReader: Sendable {
    /// The bytes of the file at `path`; throws `PluginError.notFound` for a path the tree lacks.
    func contents(of path: RelativePath) async throws -> Data
}

/// A snapshot of a source: every file's path, blob id, size and mode, with lazy content reads.
/// Entries are sorted in byte-wise path order, so everything under a folder is one contiguous range.
public struct SourceTree: Sendable {
    /// The reference this tree was read from, as resolved by its provider.
    public let reference: SourceReference
    /// The commit read, or nil for a plain folder.
    public let commit: String?
    /// The plugin that produced the tree.
    public let providerID: PluginID
    public let entries: [SourceTreeEntry]
    /// The remote requests reading this tree cost so far, for providers that make any.
    public let requestLog: (any SourceRequestLog)?
    private let index: [RelativePath: Int]
    private let reader: any SourceContentReader

    public init(
        reference: SourceReference,
        commit: String?,
        providerID: PluginID,
        entries: [SourceTreeEntry],
        reader: any SourceContentReader,
        requestLog: (any SourceRequestLog)? = nil
    ) {
        let sorted = entries.sorted { $0.path < $1.path }
        self.reference = reference
        self.commit = commit
        self.providerID = providerID
        self.entries = sorted
        self.index = Dictionary(sorted.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { first, _ in first })
        self.reader = reader
        self.requestLog = requestLog
    }

    /// The entry at `path`, if the tree has that file.
    public func entry(at path: RelativePath) -> SourceTreeEntry? {
        index[path].map { entries[$0] }
    }

    /// Whether the tree has a file at `path`.
    public func contains(_ path: RelativePath) -> Bool { index[path] != nil }

    /// Every file at or below `folder`, in path order.
    public func entries(under folder: RelativePath) -> ArraySlice<SourceTreeEntry> {
        if folder.isRoot { return entries[...] }
        let prefix = Array((folder.string + "/").utf8)
        let start = lowerBound { Array($0.path.string.utf8).lexicographicallyPrecedes(prefix) }
        var end = start
        while end < entries.count, entries[end].path.string.utf8.starts(with: prefix) { end += 1 }
        return entries[start..<end]
    }

    /// Whether any file lies below `folder`.
    public func isDirectory(_ folder: RelativePath) -> Bool {
        folder.isRoot ? !entries.isEmpty : !entries(under: folder).isEmpty
    }

    /// The bytes of the file at `path`.
    public func contents(of path: RelativePath) async throws -> Data {
        guard contains(path) else { throw PluginError.notFound("'\(path)' is not a file of \(reference)") }
        return try await reader.contents(of: path)
    }

    private func lowerBound(_ isBefore: (SourceTreeEntry) -> Bool) -> Int {
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if isBefore(entries[middle]) { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
