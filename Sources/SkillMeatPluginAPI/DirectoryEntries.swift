#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One name in a folder and what the folder's listing says it is.
public struct DirectoryEntry: Sendable, Hashable {
    /// What a listing says an entry is, without following a link.
    public enum Kind: Sendable, Hashable {
        case directory
        case regular
        case symbolicLink
        /// A device, socket or pipe.
        case other
        /// The file system does not say in its listing; `lstat` the entry to know.
        case unknown
    }

    public var name: String
    public var kind: Kind

    /// `kind`, asking the file system (`lstat` of `location`, where this entry is) when the listing
    /// did not say; `.unknown` when it is gone.
    public func knownKind(at location: String) -> Kind {
        guard kind == .unknown else { return kind }
        var status = stat()
        guard lstat(location, &status) == 0 else { return .unknown }
        switch status.st_mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFREG: return .regular
        case S_IFLNK: return .symbolicLink
        default: return .other
        }
    }
}

/// Folder listings through `readdir` on plain path strings, with the entry types the listing carries:
/// listing a tree through Foundation (a URL per name, `attributesOfItem` per file, which also looks
/// up owner names) cost more than reading the files. `.` and `..` are left out.
public enum DirectoryEntries {
    /// The entries of `folder`; nil (with `errno` set) when it cannot be opened as a folder.
    public static func read(_ folder: String) -> [DirectoryEntry]? {
        read(opened: open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC))
    }

    /// The entries of `folder` relative to the open folder `root`, refusing a `folder` that is itself a
    /// symbolic link (a caller that checked the names on the way keeps what it checked).
    public static func read(_ folder: String, under root: Int32) -> [DirectoryEntry]? {
        read(opened: openat(root, folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC))
    }

    private static func read(opened descriptor: Int32) -> [DirectoryEntry]? {
        guard descriptor >= 0 else { return nil }
        guard let directory = fdopendir(descriptor) else {
            let failure = errno
            close(descriptor)
            errno = failure
            return nil
        }
        defer { closedir(directory) }
        var entries: [DirectoryEntry] = []
        while let record = readdir(directory) {
            let name = withUnsafeBytes(of: record.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard name != ".", name != ".." else { continue }
            entries.append(DirectoryEntry(name: name, kind: kind(record.pointee.d_type)))
        }
        return entries
    }

    private static func kind(_ type: UInt8) -> DirectoryEntry.Kind {
        switch Int32(type) {
        case Int32(DT_DIR): .directory
        case Int32(DT_REG): .regular
        case Int32(DT_LNK): .symbolicLink
        case Int32(DT_UNKNOWN): .unknown
        default: .other
        }
    }
}
