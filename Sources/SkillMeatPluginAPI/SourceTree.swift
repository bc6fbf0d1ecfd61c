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

    /// At most the first `maxBytes` bytes of the file at `path` (all of it when it is shorter), for
    /// callers that only look at a file's head, such as its frontmatter.
    func prefix(of path: RelativePath, maxBytes: Int) async throws -> Data
}

extension SourceContentReader {
    /// Reads the whole file and keeps its head; readers that can stop early implement their own.
    public func prefix(of path: RelativePath, maxBytes: Int) async throws -> Data {
        let data = try await contents(of: path)
        return data.count <= maxBytes ? data : data.prefix(maxBytes)
    }
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
    private var reader: any SourceContentReader

    public init(
        reference: SourceReference,
        commit: String?,
        providerID: PluginID,
        entries: [SourceTreeEntry],
        reader: any SourceContentReader,
        requestLog: (any SourceRequestLog)? = nil
    ) {
        // Providers usually list in order already; checking is linear, sorting is not.
        let isSorted = zip(entries, entries.dropFirst()).allSatisfy { !($1.path < $0.path) }
        let sorted = isSorted ? entries : entries.sorted { $0.path < $1.path }
        var index: [RelativePath: Int] = [:]
        index.reserveCapacity(sorted.count)
        for (position, entry) in sorted.enumerated() where index[entry.path] == nil {
            index[entry.path] = position
        }
        self.reference = reference
        self.commit = commit
        self.providerID = providerID
        self.entries = sorted
        self.index = index
        self.reader = reader
        self.requestLog = requestLog
    }

    /// The same listing read through `reader` (a cache in front of this tree's reads, say), without
    /// sorting and indexing the entries again.
    public func reading(through reader: any SourceContentReader) -> SourceTree {
        var tree = self
        tree.reader = reader
        return tree
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
        let prefix = folder.string + "/"
        // Entries below the folder are one contiguous run: two binary searches find it.
        let start = lowerBound { RelativePath.utf8Precedes($0.path.string, prefix) }
        let end = lowerBound { RelativePath.utf8Precedes($0.path.string, prefix) || $0.path.string.utf8.starts(with: prefix.utf8) }
        return entries[start..<end]
    }

    /// Whether any file lies below `folder`.
    public func isDirectory(_ folder: RelativePath) -> Bool {
        if folder.isRoot { return !entries.isEmpty }
        let prefix = folder.string + "/"
        let start = lowerBound { RelativePath.utf8Precedes($0.path.string, prefix) }
        return start < entries.count && entries[start].path.string.utf8.starts(with: prefix.utf8)
    }

    /// The bytes of the file at `path`.
    public func contents(of path: RelativePath) async throws -> Data {
        guard contains(path) else { throw PluginError.notFound("'\(path)' is not a file of \(reference)") }
        return try await reader.contents(of: path)
    }

    /// At most the first `maxBytes` bytes of the file at `path`.
    public func prefix(of path: RelativePath, maxBytes: Int) async throws -> Data {
        guard contains(path) else { throw PluginError.notFound("'\(path)' is not a file of \(reference)") }
        return try await reader.prefix(of: path, maxBytes: maxBytes)
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
