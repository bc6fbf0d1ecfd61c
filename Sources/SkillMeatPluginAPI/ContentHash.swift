public import Foundation
import Crypto
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The content hash of DESIGN §2: SHA-256 in lower-case hex. A file hashes as its bytes; a directory
/// as, for each regular file in byte-wise sorted relative path order (`/` separators), the path's
/// UTF-8 bytes followed by the file's bytes.
public enum ContentHash {
    /// The hash of one file's bytes.
    public static func of(_ data: Data) -> String {
        hex(SHA256.hash(data: data))
    }

    /// The hash of a set of files given in memory; the order of `files` does not matter.
    public static func ofFiles(_ files: [(path: RelativePath, data: Data)]) -> String {
        var hasher = SHA256()
        for file in files.sorted(by: { $0.path < $1.path }) {
            hasher.update(data: Data(file.path.string.utf8))
            hasher.update(data: file.data)
        }
        return hex(hasher.finalize())
    }

    /// The hash of whatever is at `url`: a regular file's bytes, or a directory's tree. Symbolic
    /// links are not followed and do not count.
    public static func ofItem(at url: URL) throws -> String {
        var status = stat()
        guard stat(url.path, &status) == 0 else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: url.path])
        }
        var hasher = SHA256()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        if (status.st_mode & S_IFMT) != S_IFDIR {
            try update(&hasher, withFileAt: url.path, buffer: &buffer)
            return hex(hasher.finalize())
        }
        for file in try files(under: url.path) {
            hasher.update(data: Data(file.path.string.utf8))
            try update(&hasher, withFileAt: file.location, buffer: &buffer)
        }
        return hex(hasher.finalize())
    }

    /// Every regular file under `directory`, in the hash's order, without following symbolic links.
    public static func regularFiles(under directory: URL) throws -> [(path: RelativePath, url: URL)] {
        try files(under: directory.path).map { ($0.path, URL(fileURLWithPath: $0.location, isDirectory: false)) }
    }

    /// The regular files under `directory` with their locations, sorted by path (`DirectoryEntries`:
    /// Foundation's per-file attributes and URLs were most of what hashing a tree of small files cost).
    private static func files(under directory: String) throws -> [(path: RelativePath, location: String)] {
        var result: [(path: RelativePath, location: String)] = []
        var pending: [(String, RelativePath)] = [(directory, .root)]
        while let (folder, prefix) = pending.popLast() {
            guard let entries = DirectoryEntries.read(folder) else { throw failure(reading: folder) }
            for entry in entries {
                guard let path = try? prefix.appending(entry.name) else { continue }
                let location = folder.hasSuffix("/") ? folder + entry.name : folder + "/" + entry.name
                switch entry.knownKind(at: location) {
                case .directory: pending.append((location, path))
                case .regular: result.append((path, location))
                case .symbolicLink, .other, .unknown: continue
                }
            }
        }
        return result.sorted { $0.path < $1.path }
    }

    /// Feeds the file at `path` to `hasher` through `buffer`, a piece at a time: a directory may be
    /// far larger than memory, and one buffer serves every file of a tree.
    private static func update(_ hasher: inout SHA256, withFileAt path: String, buffer: inout [UInt8]) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure(reading: path) }
        defer { close(descriptor) }
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { return }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure(reading: path)
            }
            buffer.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[..<count])) }
        }
    }

    /// Foundation's error for a file or folder that could not be read, naming it and the reason.
    private static func failure(reading path: String) -> CocoaError {
        let code = errno
        let kind: CocoaError.Code = code == ENOENT ? .fileReadNoSuchFile : code == EACCES ? .fileReadNoPermission : .fileReadUnknown
        return CocoaError(kind, userInfo: [NSFilePathErrorKey: path, NSUnderlyingErrorKey: POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)])
    }

    static func hex(_ digest: SHA256.Digest) -> String {
        var text = ""
        text.reserveCapacity(64)
        for byte in digest {
            text.append(hexDigits[Int(byte >> 4)])
            text.append(hexDigits[Int(byte & 0x0F)])
        }
        return text
    }

    private static let hexDigits: [Character] = Array("0123456789abcdef")
}
