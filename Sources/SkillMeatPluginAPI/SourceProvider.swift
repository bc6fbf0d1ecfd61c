public import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns a source reference into a `SourceTree` and fetches artifact files from it.
///
/// The host asks each enabled provider in manifest order whether it `accepts` a reference and uses
/// the first that does. Providers are immutable values built once from their `PluginContext`.
public protocol SourceProvider: Sendable {
    /// Builds the provider from its context; throws when its settings are unusable.
    init(context: PluginContext) throws

    /// Whether this provider understands `reference` (cheap: no I/O beyond a file-existence check).
    func accepts(_ reference: SourceReference) -> Bool

    /// Reads the whole tree of `reference`: the commit, every file's path, blob id, size and mode.
    func tree(for reference: SourceReference) async throws -> SourceTree

    /// Copies the files at `paths` of `tree` into `directory`, keeping their relative paths.
    func fetch(_ paths: [RelativePath], from tree: SourceTree, into directory: URL) async throws

    /// Tags the source suggests for itself (GitHub topics); none by default.
    func suggestedTags(for reference: SourceReference) async throws -> [String]

    /// The parts `reference` names as this provider reads them, without I/O: the location without
    /// its ref or folder, the ref and the root (a GitHub `/tree/<ref>/<path>` URL becomes
    /// `owner/repo`, the ref and the folder). Throws when the reference is unusable. By default the
    /// reference as given.
    func parts(of reference: SourceReference) throws -> SourceReference

    /// What a collection records as the origin of artifacts read through this provider: the
    /// `origin_source` of imported artifacts and the `origin` of artifacts added straight from it
    /// (`github`, `git`); artifacts from a plain local folder are `local` whatever the provider.
    var originLabel: String { get }

    /// The address of `path` (relative to the repository, the reference's root included) on the
    /// host that serves `tree`, pinned to the tree's commit — a page a person can open (GitHub's
    /// `…/tree/<commit>/<path>`). Nil when the host has no such pages: the host then records the
    /// neutral `location@commit#path`. By default nil.
    func upstreamURL(of path: RelativePath, in tree: SourceTree) -> String?

    /// Reads back an address `upstreamURL` wrote: the repository pinned to the commit it names and
    /// the path in it. Nil when `upstream` is not one of this provider's addresses. By default nil.
    func pinnedUpstream(_ upstream: String) -> PinnedUpstream?
}

extension SourceProvider {
    public func parts(of reference: SourceReference) throws -> SourceReference { reference }

    public func suggestedTags(for reference: SourceReference) async throws -> [String] { [] }

    public func upstreamURL(of path: RelativePath, in tree: SourceTree) -> String? { nil }

    public func pinnedUpstream(_ upstream: String) -> PinnedUpstream? { nil }

    /// Copies through the tree's own reader (`SourceTree.copyFiles`).
    public func fetch(_ paths: [RelativePath], from tree: SourceTree, into directory: URL) async throws {
        try await tree.copyFiles(paths, into: directory)
    }
}

extension SourceTree {
    /// Reads each file through the tree's reader and writes it below `directory`, keeping its relative
    /// path and executable bit, refusing any location a symbolic link would carry outside it.
    ///
    /// `directory` is a private staging folder, so files are written in place, not through a temporary
    /// file and an fsync each: the manifest written after them is what commits an import, and an
    /// fsync per staged file cost more than the rest of a 500-entry import on a busy disk.
    public func copyFiles(_ paths: [RelativePath], into directory: URL) async throws {
        let tree = self
        let manager = FileManager.default
        for path in paths {
            let data = try await tree.contents(of: path)
            let destination = try PathSafety.resolveContained(path, in: directory)
            try manager.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Self.writeStaged(data, to: destination, executable: tree.entry(at: path)?.mode == .executable)
        }
    }

    /// Writes `data` to a new file at `destination` with plain POSIX calls (Foundation's `Data.write`
    /// fsyncs every file on Linux); an executable is made `0755` whatever the umask.
    static func writeStaged(_ data: Data, to destination: URL, executable: Bool) throws {
        let descriptor = open(destination.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw PluginError.io(path: destination.path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) throws in
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw PluginError.io(path: destination.path, reason: String(cString: strerror(errno)))
                }
                offset += written
            }
        }
        if executable, fchmod(descriptor, 0o755) != 0 {
            throw PluginError.io(path: destination.path, reason: String(cString: strerror(errno)))
        }
    }
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif
