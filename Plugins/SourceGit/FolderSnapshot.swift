import Crypto
import Foundation
import SkillMeatPluginAPI
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lists a plain folder (one that is not a git repository) as a tree: every regular file and symbolic
/// link below it, never descending into a linked folder, with git's blob id computed from content so
/// that the id changes exactly when the bytes do.
enum FolderSnapshot {
    struct Item: Sendable {
        var path: RelativePath
        /// The file's absolute path on disk.
        var location: String
        var mode: FileMode
        var size: Int64
    }

    /// Walks `root` without following symbolic links; `.git` folders are skipped. Uses
    /// `DirectoryEntries` and `lstat` on plain path strings: building a URL per file cost more than the
    /// system calls.
    static func list(_ root: URL) throws -> [Item] {
        var items: [Item] = []
        var pending: [(String, RelativePath)] = [(root.path, .root)]
        while let (folder, prefix) = pending.popLast() {
            guard let entries = DirectoryEntries.read(folder) else {
                throw PluginError.io(path: folder, reason: "its contents could not be listed (\(String(cString: strerror(errno))))")
            }
            for name in entries.map(\.name) where name != ".git" {
                let location = folder.hasSuffix("/") ? folder + name : folder + "/" + name
                var status = stat()
                guard lstat(location, &status) == 0, let path = try? prefix.appending(name) else { continue }
                switch status.st_mode & S_IFMT {
                case S_IFDIR:
                    pending.append((location, path))
                case S_IFREG:
                    let executable = status.st_mode & 0o111 != 0
                    items.append(Item(path: path, location: location, mode: executable ? .executable : .regular, size: Int64(status.st_size)))
                case S_IFLNK:
                    items.append(Item(path: path, location: location, mode: .symlink, size: Int64(status.st_size)))
                default:
                    continue
                }
            }
        }
        return items
    }

    /// The entries of `items`, hashing files in parallel (bounded by the processor count).
    static func entries(_ items: [Item]) async throws -> [SourceTreeEntry] {
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        let chunk = max(64, (items.count + workers - 1) / workers)
        return try await withThrowingTaskGroup(of: [SourceTreeEntry].self) { group in
            var start = 0
            while start < items.count {
                let slice = Array(items[start..<min(items.count, start + chunk)])
                group.addTask { try slice.map { try entry(for: $0) } }
                start += chunk
            }
            var entries: [SourceTreeEntry] = []
            entries.reserveCapacity(items.count)
            for try await part in group { entries += part }
            return entries
        }
    }

    static func entry(for item: Item) throws -> SourceTreeEntry {
        let data = try contents(of: item)
        return SourceTreeEntry(path: item.path, blobID: blobID(of: data), size: Int64(data.count), mode: item.mode)
    }

    /// A file's bytes (at most `limit` of them), or for a symbolic link the path it holds (as git
    /// stores it), never its target.
    static func contents(of item: Item, limit: Int = .max) throws -> Data {
        if item.mode == .symlink {
            do {
                let target = Data(try FileManager.default.destinationOfSymbolicLink(atPath: item.location).utf8)
                return target.count <= limit ? target : target.prefix(limit)
            } catch {
                throw PluginError.io(path: item.location, reason: "it could not be read (\(error.localizedDescription))")
            }
        }
        return try read(item.location, limit: limit, expectedSize: Int(clamping: item.size))
    }

    /// Reads a regular file with plain `open`/`read`: scans read thousands of small files, and
    /// Foundation's file reading (or mapping) costs several times the system calls themselves.
    static func read(_ path: String, limit: Int, expectedSize: Int) throws -> Data {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw ioError(path, errno) }
        defer { close(descriptor) }
        // The listed size is a hint: the file may have grown or shrunk since, so read until the end.
        var capacity = min(limit, max(expectedSize, 0) + 1)
        var data = Data(count: max(capacity, 1))
        var filled = 0
        while filled < limit {
            if filled == capacity {
                capacity = min(limit, capacity * 2)
                data.count = capacity
            }
            let wanted = capacity - filled
            let count = data.withUnsafeMutableBytes { buffer in
                systemRead(descriptor, buffer.baseAddress.map { $0 + filled }, wanted)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw ioError(path, errno)
            }
            if count == 0 { break }
            filled += count
        }
        data.count = filled
        return data
    }

    private static func ioError(_ path: String, _ code: Int32) -> PluginError {
        PluginError.io(path: path, reason: "it could not be read (\(String(cString: strerror(code))))")
    }

    /// git's blob id: SHA-1 of `blob <size>\0` followed by the bytes.
    static func blobID(of data: Data) -> String {
        var hasher = Insecure.SHA1()
        hasher.update(data: Data("blob \(data.count)\u{0}".utf8))
        hasher.update(data: data)
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(40)
        for byte in hasher.finalize() {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

#if canImport(Glibc)
private let systemRead = Glibc.read
#elseif canImport(Darwin)
private let systemRead = Darwin.read
#endif

/// Reads files of a plain folder on demand; symbolic links yield the path they hold and are never followed.
struct FolderContentReader: SourceContentReader {
    let items: [RelativePath: FolderSnapshot.Item]

    func contents(of path: RelativePath) async throws -> Data {
        guard let item = items[path] else { throw PluginError.notFound("'\(path)' is not a file of this folder") }
        return try FolderSnapshot.contents(of: item)
    }

    /// Reads only the head of the file, for callers that want its frontmatter.
    func prefix(of path: RelativePath, maxBytes: Int) async throws -> Data {
        guard let item = items[path] else { throw PluginError.notFound("'\(path)' is not a file of this folder") }
        return try FolderSnapshot.contents(of: item, limit: maxBytes)
    }
}
