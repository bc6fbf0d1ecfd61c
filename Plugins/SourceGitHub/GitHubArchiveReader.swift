import Foundation
import Logging
import SkillMeatPluginAPI

/// Reads file contents of one commit from a single tarball download. The tarball is fetched on the
/// first read only, decompressed with the system `gzip` into
/// `<cache>/archives/<owner>/<repo>/<commit>.tar` and indexed in place (never extracted, see
/// `TarArchive`). Concurrent first reads wait for the same download; a later scan of the same
/// commit reuses the file without any request. A damaged download is fetched once more; a failure
/// that remains (a rate limit, a twice-damaged archive, an unreachable host) is kept and every later
/// read of this tree fails with it at once, so an import of many files never costs one request each.
actor GitHubArchiveReader: SourceContentReader {
    struct Index: Sendable {
        var archive: TarArchive
        var members: [RelativePath: TarArchive.Member]
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
    static let downloadAttempts = 2

    private let client: GitHubAPIClient
    private let log: GitHubRequestLog
    private let repository: GitHubReference
    private let commit: String
    private let root: RelativePath
    private let directory: URL
    private let logger: Logger
    private var state = State.idle

    /// How many commits' archives of one repository stay on disk.
    static let keptArchives = 3

    init(client: GitHubAPIClient, log: GitHubRequestLog, repository: GitHubReference, commit: String, cacheDirectory: URL, logger: Logger) {
        self.client = client
        self.log = log
        self.repository = repository
        self.commit = commit
        self.root = repository.subpath
        self.directory = cacheDirectory
            .appending(path: "archives", directoryHint: .isDirectory)
            .appending(path: repository.owner.lowercased(), directoryHint: .isDirectory)
            .appending(path: repository.repository.lowercased(), directoryHint: .isDirectory)
        self.logger = logger
    }

    nonisolated func contents(of path: RelativePath) async throws -> Data {
        let index = try await loadIndex()
        guard let member = index.members[root.appending(path)] else {
            throw PluginError.notFound(
                "'\(path)' in the archive of \(repository.fullName) at \(commit.prefix(12)), although the tree lists it (a .gitattributes export-ignore rule can leave files out of GitHub's archives)"
            )
        }
        return index.archive.contents(of: member)
    }

    /// The index, loading it once; callers arriving while it loads wait for the same result.
    private func loadIndex() async throws -> Index {
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
                    continuation.resume(throwing: PluginError.network("The archive of \(repository.fullName) could not be loaded; run the command again."))
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
            if let data = try? Data(contentsOf: final, options: .alwaysMapped), let archive = try? TarArchive.index(data) {
                log.record(GitHubRequestRecord(path: tarballPath, status: nil, outcome: .cached))
                return Index(archive: archive, members: archive.strippingTopFolder())
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
                logger.info("GitHub archive arrived damaged; downloading it again", metadata: ["repository": "\(repository.fullName)", "reason": "\(damage.detail)"])
            }
        }
        defer { try? manager.removeItem(at: partial) }
        if !archive.refused.isEmpty {
            logger.warning("Archive members with unsafe paths were skipped", metadata: ["repository": "\(repository.fullName)", "count": "\(archive.refused.count)"])
        }
        do {
            if manager.fileExists(atPath: final.path) { try manager.removeItem(at: final) }
            try manager.moveItem(at: partial, to: final)
        } catch {
            // Another process stored the same commit at the same moment; its file is as good as ours.
        }
        pruneOlderArchives(keeping: final)
        return Index(archive: archive, members: archive.strippingTopFolder())
    }

    /// Downloads, decompresses and indexes the tarball into a partial file the caller moves or removes;
    /// damage in the download is a `Damage`.
    private func download() async throws -> (TarArchive, URL) {
        let downloaded = try await client.download(tarballPath, log: log)
        defer { try? FileManager.default.removeItem(at: downloaded) }
        let partial = directory.appending(path: "\(commit).tar.partial-\(UUID().uuidString)", directoryHint: .notDirectory)
        var kept = false
        defer { if !kept { try? FileManager.default.removeItem(at: partial) } }
        try await decompress(downloaded, into: partial)
        let data: Data
        do {
            data = try Data(contentsOf: partial, options: .alwaysMapped)
        } catch {
            throw PluginError.io(path: partial.path, reason: "the unpacked archive could not be read back")
        }
        do {
            let archive = try TarArchive.index(data)
            kept = true
            return (archive, partial)
        } catch let failure as TarArchive.Failure {
            throw Damage(detail: failure.description)
        }
    }

    private var tarballPath: String {
        "/repos/\(GitHubAPIClient.encode(repository.owner))/\(GitHubAPIClient.encode(repository.repository))/tarball/\(commit)"
    }

    private func decompress(_ gzipFile: URL, into tarFile: URL) async throws {
        let searchPath = (ProcessInfo.processInfo.environment["PATH"] ?? "") + ":/usr/bin:/bin:/usr/local/bin:/opt/homebrew/bin"
        guard let gzip = ExternalProgram.find("gzip", searchPath: searchPath) else {
            throw PluginError.unsupported("Reading GitHub archives needs the gzip program, and none was found on the PATH; install gzip.")
        }
        guard FileManager.default.createFile(atPath: tarFile.path, contents: nil),
              let output = FileHandle(forWritingAtPath: tarFile.path),
              let input = FileHandle(forReadingAtPath: gzipFile.path)
        else {
            throw PluginError.io(path: tarFile.path, reason: "the archive could not be written to the cache")
        }
        defer {
            try? output.close()
            try? input.close()
        }
        let outcome: ExternalProgram.Output
        do {
            outcome = try await ExternalProgram.run(gzip, ["-dc"], input: input, output: output)
        } catch {
            throw PluginError.commandFailed(command: "gzip -dc", status: -1, output: "\(error)")
        }
        guard outcome.status == 0 else {
            let detail = outcome.standardError
                .split(separator: "\n").first.map { String($0).replacingOccurrences(of: gzipFile.path, with: "archive") } ?? "gzip failed"
            throw Damage(detail: detail)
        }
    }

    /// Leads with the cause: the archive arrived damaged, how often, and how.
    private func broken(_ detail: String, attempts: Int) -> PluginError {
        .network(
            "GitHub's archive of \(repository.fullName) at commit \(commit.prefix(12)) arrived damaged"
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
