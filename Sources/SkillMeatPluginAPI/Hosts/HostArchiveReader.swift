public import Foundation
import Crypto
public import Logging

/// Reads file contents of one commit from a single archive download (a `.tar.gz` from GitHub, GitLab
/// or Gitea). The archive is fetched on the first read only, decompressed into
/// `<directory>/<commit>.tar` within `ArchiveLimits`, and indexed in place (never extracted, see
/// `TarArchive`). Concurrent first reads wait for the same download; a later scan of the same commit
/// reuses the file without any request. A damaged download is fetched once more; a failure that
/// remains (a rate limit, a twice-damaged archive, an unreachable host, an archive past the limits)
/// is kept and every later read of this tree fails with it at once, so an import of many files never
/// costs one request each.
public actor HostArchiveReader: SourceContentReader {
    /// The archive's members with its top folder removed.
    public struct Index: Sendable {
        public var archive: TarArchive
        public var members: [RelativePath: TarArchive.Member]
        /// Members (top folder removed) stored with an executable bit.
        public var executables: Set<RelativePath>
    }

    private enum State {
        case idle
        case loading(waiters: [CheckedContinuation<Index, any Error>])
        case ready(Index)
        case failed(any Error)
    }

    /// A download that arrived damaged (bad gzip data, a tar cut short); `detail` says how.
    private struct Damage: Error {
        var detail: String
    }

    /// How many times a damaged download is fetched in all before the damage is reported.
    public static let downloadAttempts = 2
    /// How many commits' archives of one repository stay on disk.
    public static let keptArchives = 3

    private let hostName: String
    private let repositoryName: String
    private let commit: String
    private let root: RelativePath
    private let directory: URL
    private let limits: ArchiveLimits
    private let log: HostRequestLog
    private let archivePath: String
    private let logger: Logger
    private let fetch: @Sendable () async throws -> URL
    private var state = State.idle

    /// - Parameters:
    ///   - hostName: `GitHub`, for messages.
    ///   - repositoryName: `owner/repo`, for messages.
    ///   - root: the folder of the repository the tree's paths are relative to.
    ///   - directory: where this repository's archives are kept (one folder per repository).
    ///   - archivePath: the API path of the download, recorded when a kept archive saves a request.
    ///   - download: fetches the gzip archive into a temporary file the reader then owns.
    public init(
        hostName: String,
        repositoryName: String,
        commit: String,
        root: RelativePath,
        directory: URL,
        limits: ArchiveLimits,
        log: HostRequestLog,
        archivePath: String,
        logger: Logger,
        download: @escaping @Sendable () async throws -> URL
    ) {
        self.hostName = hostName
        self.repositoryName = repositoryName
        self.commit = commit
        self.root = root
        self.directory = directory
        self.limits = limits
        self.log = log
        self.archivePath = archivePath
        self.logger = logger
        self.fetch = download
    }

    public nonisolated func contents(of path: RelativePath) async throws -> Data {
        let index = try await index()
        guard let member = index.members[root.appending(path)] else {
            throw PluginError.notFound(
                "'\(path)' in the archive of \(repositoryName) at \(commit.prefix(12)), although the tree lists it (a .gitattributes export-ignore rule can leave files out of \(hostName)'s archives)"
            )
        }
        return index.archive.contents(of: member)
    }

    /// The tree entries of the archive below `root`, with git's blob ids computed from the bytes
    /// (`blob <size>\0<content>`, SHA-1), so hosts whose tree listings are paged can be read from the
    /// one archive instead.
    public func treeEntries() async throws -> [SourceTreeEntry] {
        let index = try await index()
        var entries: [SourceTreeEntry] = []
        entries.reserveCapacity(index.members.count)
        for (path, member) in index.members {
            guard let relative = path.relative(to: root), !relative.isRoot else { continue }
            let data = index.archive.contents(of: member)
            let mode: FileMode
            switch member {
            case .symlink: mode = .symlink
            case .file: mode = index.executables.contains(path) ? .executable : .regular
            }
            entries.append(SourceTreeEntry(path: relative, blobID: Self.blobID(data), size: Int64(data.count), mode: mode))
        }
        return entries
    }

    /// Git's blob id of `data`.
    public static func blobID(_ data: Data) -> String {
        var hasher = Insecure.SHA1()
        hasher.update(data: Data("blob \(data.count)\0".utf8))
        hasher.update(data: data)
        return hasher.finalize().map { $0 < 16 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }

    /// The index, loading it once; callers arriving while it loads wait for the same result.
    public func index() async throws -> Index {
        switch state {
        case .ready(let index):
            return index
        case .failed(let error):
            throw error
        case .loading:
            return try await withCheckedThrowingContinuation { continuation in
                if case .loading(let waiters) = state {
                    state = .loading(waiters: waiters + [continuation])
                } else if case .ready(let index) = state {
                    continuation.resume(returning: index)
                } else if case .failed(let error) = state {
                    continuation.resume(throwing: error)
                } else {
                    continuation.resume(throwing: PluginError.network("The archive of \(repositoryName) could not be loaded; run the command again."))
                }
            }
        case .idle:
            state = .loading(waiters: [])
            do {
                let index = try await prepare()
                if case .loading(let waiters) = state { waiters.forEach { $0.resume(returning: index) } }
                state = .ready(index)
                return index
            } catch {
                // Those waiting share this failure. It stays for later reads too: trying again per file
                // would spend one request each on a limit that is still spent or a download that keeps
                // breaking. Only a cancelled read leaves the next one free to try.
                if case .loading(let waiters) = state { waiters.forEach { $0.resume(throwing: error) } }
                state = error is CancellationError ? .idle : .failed(error)
                throw error
            }
        }
    }

    private func prepare() async throws -> Index {
        let manager = FileManager.default
        let final = directory.appending(path: "\(commit).tar", directoryHint: .notDirectory)
        do {
            try manager.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw PluginError.io(path: directory.path, reason: "the archive cache folder could not be created")
        }
        if manager.fileExists(atPath: final.path) {
            if let data = try? Data(contentsOf: final, options: .alwaysMapped),
               let archive = try? TarArchive.index(data, maximumMembers: limits.maximumMembers) {
                log.record(HostRequestRecord(path: archivePath, status: nil, outcome: .cached))
                return Self.makeIndex(archive)
            }
            // A damaged cache entry is fetched again rather than trusted.
            try? manager.removeItem(at: final)
        }

        var attempt = 1
        var archive: TarArchive
        var partial: URL
        while true {
            do {
                (archive, partial) = try await download()
                break
            } catch let damage as Damage {
                guard attempt < Self.downloadAttempts else { throw broken(damage.detail, attempts: attempt) }
                attempt += 1
                logger.info("Source archive arrived damaged; downloading it again", metadata: ["host": "\(hostName)", "repository": "\(repositoryName)", "reason": "\(damage.detail)"])
            }
        }
        defer { try? manager.removeItem(at: partial) }
        if !archive.refused.isEmpty {
            logger.warning("Archive members with unsafe paths were skipped", metadata: ["repository": "\(repositoryName)", "count": "\(archive.refused.count)"])
        }
        do {
            if manager.fileExists(atPath: final.path) { try manager.removeItem(at: final) }
            try manager.moveItem(at: partial, to: final)
        } catch {
            // Another process stored the same commit at the same moment; its file is as good as ours.
        }
        pruneOlderArchives(keeping: final)
        return Self.makeIndex(archive)
    }

    private static func makeIndex(_ archive: TarArchive) -> Index {
        let members = archive.strippingTopFolder()
        var executables: Set<RelativePath> = []
        if let topFolder = archive.topFolder, let top = try? RelativePath(validating: topFolder) {
            for path in archive.executables {
                if let inner = path.relative(to: top), !inner.isRoot { executables.insert(inner) }
            }
        }
        return Index(archive: archive, members: members, executables: executables)
    }

    /// Downloads, decompresses and indexes the archive into a partial file the caller moves or
    /// removes; damage in the download is a `Damage`, an archive past the limits a `PluginError`.
    private func download() async throws -> (TarArchive, URL) {
        let downloaded = try await fetch()
        defer { try? FileManager.default.removeItem(at: downloaded) }
        let partial = directory.appending(path: "\(commit).tar.partial-\(UUID().uuidString)", directoryHint: .notDirectory)
        var kept = false
        defer { if !kept { try? FileManager.default.removeItem(at: partial) } }
        do {
            try await GzipDecompression.decompress(downloaded, into: partial, maximumBytes: limits.maximumBytes)
        } catch GzipDecompression.Failure.damaged(let detail) {
            throw Damage(detail: detail)
        } catch GzipDecompression.Failure.tooLarge {
            throw tooLarge("unpacks to more than \(limits.megabytes) MB", setting: "max_archive_mb")
        }
        let data: Data
        do {
            data = try Data(contentsOf: partial, options: .alwaysMapped)
        } catch {
            throw PluginError.io(path: partial.path, reason: "the unpacked archive could not be read back")
        }
        do {
            let archive = try TarArchive.index(data, maximumMembers: limits.maximumMembers)
            kept = true
            return (archive, partial)
        } catch let failure as TarArchive.Failure {
            if case .tooManyMembers(let limit) = failure {
                throw tooLarge("holds more than \(limit) entries", setting: "max_archive_entries")
            }
            throw Damage(detail: failure.description)
        }
    }

    /// An archive past a limit: what was refused, and how to raise the limit.
    private func tooLarge(_ what: String, setting: String) -> PluginError {
        .unsupported(
            "\(hostName)'s archive of \(repositoryName) at commit \(commit.prefix(12)) \(what), past the limit SkillMeat reads; nothing of it was kept. "
                + "If the repository really is that large, raise \(setting) under \(limits.settingTable)."
        )
    }

    /// Leads with the cause: the archive arrived damaged, how often, and how.
    private func broken(_ detail: String, attempts: Int) -> PluginError {
        .network(
            "\(hostName)'s archive of \(repositoryName) at commit \(commit.prefix(12)) arrived damaged"
                + (attempts > 1 ? " \(attempts) times" : "")
                + " (\(detail)); the download was cut short or corrupted on the way, run the command again later."
        )
    }

    /// Keeps the newest few archives of this repository; older commits are rarely read again.
    private func pruneOlderArchives(keeping current: URL) {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: directory.path) else { return }
        let archives = names.filter { $0.hasSuffix(".tar") }.map { directory.appending(path: $0, directoryHint: .notDirectory) }
        let dated = archives.map { url in
            (url, (try? manager.attributesOfItem(atPath: url.path)[.modificationDate] as? Date) ?? .distantPast)
        }
        for (url, _) in dated.sorted(by: { $0.1 > $1.1 }).dropFirst(Self.keptArchives) where url != current {
            try? manager.removeItem(at: url)
        }
    }
}
