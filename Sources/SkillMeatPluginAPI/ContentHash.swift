public import Foundation
import Crypto

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
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: url.path])
        }
        if !isDirectory.boolValue {
            return of(try Data(contentsOf: url, options: .mappedIfSafe))
        }
        var hasher = SHA256()
        for file in try regularFiles(under: url) {
            hasher.update(data: Data(file.path.string.utf8))
            // Read file by file: a directory may be far larger than memory.
            hasher.update(data: try Data(contentsOf: file.url, options: .mappedIfSafe))
        }
        return hex(hasher.finalize())
    }

    /// Every regular file under `directory`, in the hash's order, without following symbolic links.
    public static func regularFiles(under directory: URL) throws -> [(path: RelativePath, url: URL)] {
        var result: [(path: RelativePath, url: URL)] = []
        try collect(directory, prefix: .root, into: &result)
        return result.sorted { $0.path < $1.path }
    }

    private static func collect(_ directory: URL, prefix: RelativePath, into result: inout [(path: RelativePath, url: URL)]) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        for name in names {
            let url = directory.appending(path: name, directoryHint: .notDirectory)
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            let type = attributes[.type] as? FileAttributeType
            guard let path = try? prefix.appending(name) else { continue }
            if type == .typeDirectory {
                try collect(url, prefix: path, into: &result)
            } else if type == .typeRegular {
                result.append((path, url))
            }
        }
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
