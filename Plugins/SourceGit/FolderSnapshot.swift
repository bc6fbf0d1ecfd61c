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
        var url: URL
        var mode: FileMode
        var size: Int64
    }

    /// Walks `root` without following symbolic links; `.git` folders are skipped.
    static func list(_ root: URL) throws -> [Item] {
        var items: [Item] = []
        var pending: [(URL, RelativePath)] = [(root, .root)]
        while let (folder, prefix) = pending.popLast() {
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            } catch {
                throw PluginError.io(path: folder.path, reason: "its contents could not be listed (\(error.localizedDescription))")
            }
            for name in names where name != ".git" {
                let url = folder.appending(path: name, directoryHint: .notDirectory)
                var status = stat()
                guard lstat(url.path, &status) == 0, let path = try? prefix.appending(name) else { continue }
                switch status.st_mode & S_IFMT {
                case S_IFDIR:
                    pending.append((url, path))
                case S_IFREG:
                    let executable = status.st_mode & 0o111 != 0
                    items.append(Item(path: path, url: url, mode: executable ? .executable : .regular, size: Int64(status.st_size)))
                case S_IFLNK:
                    items.append(Item(path: path, url: url, mode: .symlink, size: Int64(status.st_size)))
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

    /// A file's bytes, or for a symbolic link the path it holds (as git stores it), never its target.
    static func contents(of item: Item) throws -> Data {
        do {
            if item.mode == .symlink {
                return Data(try FileManager.default.destinationOfSymbolicLink(atPath: item.url.path).utf8)
            }
            return try Data(contentsOf: item.url, options: .mappedIfSafe)
        } catch {
            throw PluginError.io(path: item.url.path, reason: "it could not be read (\(error.localizedDescription))")
        }
    }

    /// git's blob id: SHA-1 of `blob <size>\0` followed by the bytes.
    static func blobID(of data: Data) -> String {
        var hasher = Insecure.SHA1()
        hasher.update(data: Data("blob \(data.count)\u{0}".utf8))
        hasher.update(data: data)
        return hasher.finalize().map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
    }
}

/// Reads files of a plain folder on demand; symbolic links yield the path they hold and are never followed.
struct FolderContentReader: SourceContentReader {
    let items: [RelativePath: FolderSnapshot.Item]

    func contents(of path: RelativePath) async throws -> Data {
        guard let item = items[path] else { throw PluginError.notFound("'\(path)' is not a file of this folder") }
        return try FolderSnapshot.contents(of: item)
    }
}
