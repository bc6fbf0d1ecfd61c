import Foundation
import Logging
import SkillMeatPluginAPI

/// Reads file contents of one commit from a single tarball download. The tarball is fetched on the
/// first read only, decompressed with the system `gzip` into
/// `<cache>/archives/<owner>/<repo>/<commit>.tar` and indexed in place (never extracted, see
/// `TarArchive`). Concurrent first reads wait for the same download; a later scan of the same
/// commit reuses the file without any request.
actor GitHubArchiveReader: SourceContentReader {
    struct Index: Sendable {
        var archive: TarArchive
        var members: [RelativePath: TarArchive.Member]
    }

    private enum State {
        case idle
        case loading(waiters: [CheckedContinuation<Index, any Error>])
        case ready(Index)
    }

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
        case .loading:
            return try await withCheckedThrowingContinuation { continuation in
                if case .loading(let waiters) = state {
                    state = .loading(waiters: waiters + [continuation])
                } else if case .ready(let index) = state {
                    continuation.resume(returning: index)
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
                // Back to idle so a later read tries again; those already waiting share this failure.
                if case .loading(let waiters) = state { waiters.forEach { $0.resume(throwing: error) } }
                state = .idle
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

        let downloaded = try await client.download(tarballPath, log: log)
        defer { try? manager.removeItem(at: downloaded) }
        let partial = directory.appending(path: "\(commit).tar.partial-\(UUID().uuidString)", directoryHint: .notDirectory)
        defer { try? manager.removeItem(at: partial) }
        try await decompress(downloaded, into: partial)

        let archive: TarArchive
        do {
            archive = try TarArchive.index(try Data(contentsOf: partial, options: .alwaysMapped))
        } catch let failure as TarArchive.Failure {
            throw broken(failure.description)
        } catch {
            throw PluginError.io(path: partial.path, reason: "the unpacked archive could not be read back")
        }
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
            throw broken(detail)
        }
    }

    private func broken(_ detail: String) -> PluginError {
        .malformed(
            path: "The archive of \(repository.fullName) at commit \(commit.prefix(12))",
            reason: "the download was cut short or is damaged (\(detail)); run the command again"
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
