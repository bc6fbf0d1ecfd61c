public import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A normalised path inside some root, safe to join onto it: never absolute, never climbing out
/// with `..`, free of NUL, control characters and backslashes. Every path read from a repository,
/// an artifact or a manifest becomes one of these before it touches the file system.
public struct RelativePath: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The path's components; empty for the root itself.
    public let components: [String]
    /// The path with `/` separators; `""` for the root. Stored, not derived: scans compare, hash and
    /// sort paths of every entry many times, and joining the components each time dominated them.
    public let string: String

    /// The root (`""`).
    public static let root = RelativePath(trusted: [])

    /// Validates and normalises `text`: `./` and repeated or trailing `/` are dropped; anything that
    /// could reach outside the root is refused.
    public init(validating text: String) throws(PathSafetyError) {
        if text.hasPrefix("/") { throw .absolute(text) }
        // One pass over the bytes: every check is about an ASCII byte, and UTF-8 never uses those inside
        // a longer character. Paths are validated by the thousand (every scan, every listed artifact),
        // and splitting the string into characters three times showed in those profiles.
        let utf8 = text.utf8
        var backslash = false
        var control = false
        var longComponent = false
        var ranges: [Range<String.UTF8View.Index>] = []
        var start = utf8.startIndex
        var index = start
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "/") {
                if start != index {
                    ranges.append(start..<index)
                    if utf8.distance(from: start, to: index) > Self.maximumComponentBytes { longComponent = true }
                }
                start = utf8.index(after: index)
            } else if byte == UInt8(ascii: "\\") {
                backslash = true
            } else if byte < 0x20 || byte == 0x7F {
                control = true
            }
            index = utf8.index(after: index)
        }
        if start != utf8.endIndex {
            ranges.append(start..<utf8.endIndex)
            if utf8.distance(from: start, to: utf8.endIndex) > Self.maximumComponentBytes { longComponent = true }
        }
        if backslash { throw .backslash(text) }
        if control { throw .controlCharacter(text) }
        // What file systems take (Linux's PATH_MAX and NAME_MAX); a longer name from a repository could
        // never be written, and a megabyte-long one would only cost memory wherever it is shown.
        if utf8.count > Self.maximumBytes || longComponent { throw .tooLong(text) }
        if let first = ranges.first.map({ text[$0] }), first.count == 2, first.last == ":", first.first?.isLetter == true {
            throw .absolute(text)
        }
        var parts: [String] = []
        parts.reserveCapacity(ranges.count)
        for range in ranges {
            let part = utf8[range]
            if part.elementsEqual(".".utf8) { continue }
            if part.elementsEqual("..".utf8) { throw .escapesRoot(text) }
            parts.append(String(text[range]))
        }
        self.init(trusted: parts)
    }

    /// The longest path accepted, in UTF-8 bytes.
    public static let maximumBytes = 4096
    /// The longest single component accepted, in UTF-8 bytes.
    public static let maximumComponentBytes = 255

    /// For components already known to be safe (produced by this type).
    init(trusted components: [String]) {
        self.components = components
        self.string = components.joined(separator: "/")
    }

    public var description: String { string }
    public var isRoot: Bool { components.isEmpty }
    /// The last component, or nil for the root.
    public var lastComponent: String? { components.last }
    /// The containing path, or nil for the root.
    public var parent: RelativePath? {
        components.isEmpty ? nil : RelativePath(trusted: Array(components.dropLast()))
    }
    /// The file name without its final extension (`deploy.md` → `deploy`).
    public var stem: String? {
        guard let last = components.last else { return nil }
        guard let dot = last.lastIndex(of: "."), dot != last.startIndex else { return last }
        return String(last[..<dot])
    }
    /// The final extension in lower case (`SKILL.MD` → `md`), or nil.
    public var fileExtension: String? {
        guard let last = components.last, let dot = last.lastIndex(of: "."), dot != last.startIndex else { return nil }
        return last[last.index(after: dot)...].lowercased()
    }

    /// Appends an untrusted path, validating it.
    public func appending(_ text: String) throws(PathSafetyError) -> RelativePath {
        RelativePath(trusted: components + (try RelativePath(validating: text)).components)
    }

    public func appending(_ other: RelativePath) -> RelativePath {
        RelativePath(trusted: components + other.components)
    }

    /// Whether `self` is `other` or lies below it.
    public func isDescendant(of other: RelativePath) -> Bool {
        components.count >= other.components.count && Array(components.prefix(other.components.count)) == other.components
    }

    /// `self` expressed relative to `base`, or nil when it is not below `base`.
    public func relative(to base: RelativePath) -> RelativePath? {
        guard isDescendant(of: base) else { return nil }
        return RelativePath(trusted: Array(components.dropFirst(base.components.count)))
    }

    /// The location of this path under `root`. Lexically contained; use
    /// `PathSafety.resolveContained` before writing to also rule out symlinks.
    public func url(in root: URL) -> URL {
        components.reduce(root) { $0.appending(path: $1, directoryHint: .notDirectory) }
    }

    // Components never contain `/`, so the joined string identifies the path: compare and hash it
    // alone instead of an array of strings.
    public static func == (lhs: RelativePath, rhs: RelativePath) -> Bool {
        lhs.string == rhs.string
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(string)
    }

    /// Byte-wise UTF-8 order, the order the content hash uses.
    public static func < (lhs: RelativePath, rhs: RelativePath) -> Bool {
        utf8Precedes(lhs.string, rhs.string)
    }

    /// Whether `lhs` sorts before `rhs` byte-wise, comparing contiguous UTF-8 storage directly when
    /// both strings have it (native strings always do).
    static func utf8Precedes(_ lhs: String, _ rhs: String) -> Bool {
        let fast = lhs.utf8.withContiguousStorageIfAvailable { left in
            rhs.utf8.withContiguousStorageIfAvailable { right in
                let shared = min(left.count, right.count)
                if shared > 0, let a = left.baseAddress, let b = right.baseAddress {
                    let order = memcmp(a, b, shared)
                    if order != 0 { return order < 0 }
                }
                return left.count < right.count
            }
        }
        if let fast, let result = fast { return result }
        return lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }
}

extension RelativePath: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode(String.self)
        do {
            self = try RelativePath(validating: raw)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(string)
    }
}

/// Why a path was refused.
public enum PathSafetyError: Error, Sendable, Hashable, CustomStringConvertible {
    case absolute(String)
    case escapesRoot(String)
    case backslash(String)
    case controlCharacter(String)
    case tooLong(String)
    case symlinkEscapes(path: String, root: String)

    public var description: String {
        switch self {
        case .absolute(let path): "The path '\(path)' is absolute; only paths relative to their root are allowed."
        case .escapesRoot(let path): "The path '\(path)' climbs out of its root with '..'; it was refused."
        case .backslash(let path): "The path '\(path)' contains a backslash; use '/' as the separator."
        case .controlCharacter(let path):
            "The path '\(path.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : String($0) }.joined())' contains a NUL or control character; it was refused."
        case .tooLong(let path):
            "The path '\(path.prefix(80))…' is longer than file systems allow (\(RelativePath.maximumBytes) bytes, \(RelativePath.maximumComponentBytes) per name); it was refused."
        case .symlinkEscapes(let path, let root): "The path '\(path)' leads through a symbolic link outside '\(root)'; it was refused."
        }
    }
}

/// Checks that a location really is inside its root on disk, symbolic links included.
public enum PathSafety {
    /// Resolves `path` under `root` and throws when any existing part of it is a symbolic link that
    /// leads outside `root`. The result is safe to create or overwrite.
    public static func resolveContained(_ path: RelativePath, in root: URL) throws(PathSafetyError) -> URL {
        try ContainedRoot(root).resolve(path)
    }

    /// Whether `url` (after resolving symbolic links) lies inside `root`.
    public static func isContained(_ url: URL, in root: URL) -> Bool {
        isInside(canonical(url), canonical(root))
    }

    /// `url` with symbolic links resolved (standardized when it does not exist): the one identity of a
    /// folder reached through a link and through its real path.
    public static func canonical(_ url: URL) -> URL {
        guard let resolved = realPath(url.path) else { return url.standardizedFileURL }
        return URL(fileURLWithPath: resolved)
    }

    /// `path` with every symbolic link resolved; nil when it (or a link's target) does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func isInside(_ candidate: URL, _ root: URL) -> Bool {
        isInside(candidate.path, root.path)
    }

    static func isInside(_ candidate: String, _ root: String) -> Bool {
        candidate == root || candidate.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }
}

/// A root whose real location is found once, for checking many paths under it: a list of 10,000
/// artifacts resolved the collection folder's links 10,000 times, and that was half its time.
public final class ContainedRoot: Sendable {
    /// The root as given.
    public let root: URL
    private let realRoot: String
    /// With `readsFolders`, the real root opened once, so folders are read and names looked up
    /// relative to it; otherwise (and when it cannot be opened) -1, and names are looked up by
    /// absolute path: a single check is not worth an open and a close.
    private let descriptor: Int32

    /// Folders listed once each when asked about most of their entries (`readsFolders`); nil otherwise.
    private let listings: FolderListings?

    /// `readsFolders`: for a caller about to ask about most entries of the folders it names (a list
    /// of every artifact): each folder is read once instead of each name being looked up.
    public init(_ root: URL, readsFolders: Bool = false) {
        self.root = root
        realRoot = PathSafety.realPath(root.path) ?? root.standardizedFileURL.path
        descriptor = readsFolders ? open(realRoot, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1
        listings = descriptor >= 0 ? FolderListings() : nil
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// `path` under the root; throws when an existing part of it is a symbolic link that leads
    /// outside. The result is safe to create or overwrite.
    public func resolve(_ path: RelativePath) throws(PathSafetyError) -> URL {
        _ = try walk(path)
        return path.url(in: URL(fileURLWithPath: realRoot, isDirectory: true))
    }

    /// Whether `path` exists under the root, reached through links that stay inside it.
    public func exists(_ path: RelativePath) -> Bool {
        (try? walk(path)) ?? false
    }

    /// Follows `path` name by name (on plain strings: Foundation's URL appending cost more than the
    /// system calls); false where a name is missing or a link dangles, so the rest cannot exist.
    private func walk(_ path: RelativePath) throws(PathSafetyError) -> Bool {
        // Relative to the opened root until a link leads elsewhere inside it; absolute from then on.
        var current = descriptor >= 0 ? "" : realRoot
        for component in path.components {
            let folder = current
            current = current.isEmpty ? component : current.hasSuffix("/") ? current + component : current + "/" + component
            if let listings, !folder.hasPrefix("/") {
                // A name its folder's listing shows as no link needs no look-up of its own.
                switch listings.kind(of: component, in: folder, root: descriptor) {
                case nil: return false
                case .plain: continue
                case .linkOrUnknown: break
                }
            }
            var status = stat()
            guard fstatat(descriptor >= 0 ? descriptor : AT_FDCWD, current, &status, AT_SYMLINK_NOFOLLOW) == 0 else { return false }
            guard (status.st_mode & S_IFMT) == S_IFLNK else { continue }
            guard let target = PathSafety.realPath(current.hasPrefix("/") ? current : realRoot + "/" + current) else { return false }
            guard PathSafety.isInside(target, realRoot) else {
                throw .symlinkEscapes(path: path.string, root: root.path)
            }
            current = target
        }
        return true
    }
}

/// The names in folders below a root, each folder read once (`readdir`, whose entry types say which
/// names are links without a `stat` each).
private final class FolderListings: Sendable {
    enum Kind: Sendable {
        /// Not a symbolic link: it is where it is.
        case plain
        /// A link, or a file system that does not say: look it up.
        case linkOrUnknown
    }

    private let folders = Mutex<[String: [String: Kind]?]>([:])

    /// What `name` in `folder` (relative to the root, `""` for the root itself) is; nil when the
    /// folder does not hold it.
    func kind(of name: String, in folder: String, root: Int32) -> Kind? {
        let listing = folders.withLock { folders in
            if let known = folders[folder] { return known }
            let listing = Self.read(folder, root: root)
            folders[folder] = listing
            return listing
        }
        guard let listing else { return .linkOrUnknown }
        return listing[name]
    }

    /// The folder's names, or nil when it cannot be read as a folder (then each name is looked up).
    /// `O_NOFOLLOW`: the walk reached `folder` through plain names only, and it stays that way.
    private static func read(_ folder: String, root: Int32) -> [String: Kind]? {
        DirectoryEntries.read(folder, under: root).map { entries in
            Dictionary(entries.map { ($0.name, $0.kind == .symbolicLink || $0.kind == .unknown ? Kind.linkOrUnknown : .plain) }) { first, _ in first }
        }
    }
}
