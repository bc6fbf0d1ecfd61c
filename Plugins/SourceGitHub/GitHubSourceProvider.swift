import Foundation
import Logging
public import SkillMeatPluginAPI

/// The `source/github` plugin: reads repositories on github.com or a GitHub Enterprise server
/// through the REST API v3. A scan costs at most three rate-limited requests (resolve the ref,
/// read the recursive tree, download one tarball for contents); a rescan of an unchanged
/// repository costs one free 304.
public struct GitHubSourceProvider: SourceProvider {
    public let id: PluginID
    public let configuration: GitHubConfiguration
    /// Every request this provider made, across all calls.
    public let requestLog: GitHubRequestLog
    let client: HostAPIClient
    /// How far a tarball may unpack (`max_archive_mb`, `max_archive_entries`).
    let limits: ArchiveLimits
    let cacheDirectory: URL
    let logger: Logger

    /// How many subtrees are listed at once when a truncated tree has to be walked.
    static let parallelTreeRequests = 4

    public init(context: PluginContext) throws {
        try self.init(context: context, clock: .system)
    }

    /// Builds the provider with a chosen clock and retry policy (tests pass ones that do not wait).
    public init(context: PluginContext, clock: GitHubClock, retryPolicy: GitHubRetryPolicy = GitHubRetryPolicy()) throws {
        try self.init(context: context, clock: clock, retryPolicy: retryPolicy, transport: URLSessionHostTransport())
    }

    init(context: PluginContext, clock: GitHubClock, retryPolicy: GitHubRetryPolicy, transport: any HostTransport) throws {
        let configuration = try GitHubConfiguration.resolve(settings: context.settings, environment: context.environment)
        self.id = context.id
        self.configuration = configuration
        self.requestLog = GitHubRequestLog()
        self.cacheDirectory = context.cacheDirectory
        self.logger = context.logger
        self.limits = try ArchiveLimits(context: context)
        self.client = HostAPIClient(
            api: configuration.api,
            tokens: HostTokenResolver(configured: configuration.token, environment: context.environment, program: configuration.tokenProgram),
            transport: transport,
            cache: HostResponseCache(directory: context.cacheDirectory.appending(path: "http", directoryHint: .isDirectory)),
            clock: clock,
            retry: retryPolicy,
            logger: context.logger
        )
    }

    public func accepts(_ reference: SourceReference) -> Bool {
        switch GitHubReference.parse(reference.location, webHost: configuration.webHost, explicitRef: reference.ref) {
        case .notGitHub:
            return false
        case .invalid, .parsed:
            // `owner/repo` may also be a folder next to the user; a folder that exists is source/git's.
            return !FileManager.default.fileExists(atPath: reference.location)
        }
    }

    public func tree(for reference: SourceReference) async throws -> SourceTree {
        try await scan(reference).tree
    }

    public var originLabel: String { "github" }

    /// `https://github.com/<owner>/<repo>/tree/<commit>/<path>`; nil for a tree without a commit or
    /// a location that names no repository.
    public func upstreamURL(of path: RelativePath, in tree: SourceTree) -> String? {
        guard let commit = tree.commit,
              case .parsed(let repository) = GitHubReference.parse(tree.reference.location, webHost: configuration.webHost) else { return nil }
        return "https://github.com/\(repository.owner)/\(repository.repository)/tree/\(commit)" + (path.isRoot ? "" : "/" + path.string)
    }

    /// `https://github.com/<owner>/<repo>/tree/<commit>/<path>` (as `upstreamURL` writes it, on
    /// github.com or this provider's host) → `owner/repo` at the commit, and the path.
    public func pinnedUpstream(_ upstream: String) -> PinnedUpstream? {
        for host in Set([configuration.webHost, "github.com"]) {
            guard case .parsed(let repository) = GitHubReference.parse(upstream, webHost: host),
                  let commit = repository.ref, Self.isCommitSHA(commit), upstream.contains("/tree/") else { continue }
            return PinnedUpstream(reference: SourceReference(location: repository.fullName, ref: commit.lowercased()), path: repository.subpath)
        }
        return nil
    }

    public func parts(of reference: SourceReference) throws -> SourceReference {
        let parsed = try GitHubReference.resolve(reference, webHost: configuration.webHost)
        return SourceReference(location: parsed.fullName, ref: parsed.ref, root: parsed.subpath.isRoot ? nil : parsed.subpath)
    }

    /// Reads the tree like `tree(for:)` and also returns the log of the requests it made; reads of
    /// file contents through the tree are added to that log as they happen.
    public func scan(_ reference: SourceReference) async throws -> GitHubScan {
        let repository = try GitHubReference.resolve(reference, webHost: configuration.webHost)
        let log = GitHubRequestLog(parent: requestLog)
        let commit = try await resolveCommit(repository, log: log)
        let items = try await readTree(repository, commit: commit, log: log)

        let root = repository.subpath
        var entries: [SourceTreeEntry] = []
        entries.reserveCapacity(items.count)
        for (path, item) in items where item.type == "blob" {
            // Submodules (`commit`) have no content here; unknown modes are skipped like them.
            guard let mode = FileMode(gitMode: item.mode), let relative = path.relative(to: root), !relative.isRoot else { continue }
            entries.append(SourceTreeEntry(path: relative, blobID: item.sha, size: item.size, mode: mode))
        }
        if !root.isRoot, entries.isEmpty {
            throw PluginError.notFound("the folder '\(root)' in \(repository.fullName) on \(configuration.webHost) at \(repository.ref ?? "the default branch") (commit \(commit.prefix(12)))")
        }
        logger.debug("GitHub tree read", metadata: [
            "repository": "\(repository.fullName)", "commit": "\(commit)", "files": "\(entries.count)",
            "requests": "\(log.stats.requests)", "not_modified": "\(log.stats.notModified)",
        ])
        let reader = archiveReader(repository, commit: commit, log: log)
        let tree = SourceTree(
            reference: SourceReference(location: reference.location, ref: repository.ref, root: root.isRoot ? nil : root),
            commit: commit,
            providerID: id,
            entries: entries,
            reader: reader,
            requestLog: log
        )
        return GitHubScan(tree: tree, repository: repository, requests: log)
    }

    /// The repository's topics.
    public func suggestedTags(for reference: SourceReference) async throws -> [String] {
        try await repositoryInfo(for: reference).topics
    }

    /// The repository's metadata (default branch, visibility, topics), revalidated through the cache.
    public func repositoryInfo(for reference: SourceReference) async throws -> GitHubRepositoryInfo {
        let repository = try GitHubReference.resolve(reference, webHost: configuration.webHost)
        let log = GitHubRequestLog(parent: requestLog)
        var info = try await fetchRepository(repository, log: log)
        if info.topics == nil {
            // Older Enterprise servers leave topics out of the repository; they have their own endpoint.
            let data = try await mapFailures(repository) {
                try await client.get(repositoryPath(repository) + "/topics", caching: .revalidate, log: log)
            }
            info.topics = try decode(GitHubTopicsResponse.self, from: data, path: "topics of \(repository.fullName)").names
        }
        return GitHubRepositoryInfo(
            fullName: info.fullName ?? repository.fullName,
            defaultBranch: info.defaultBranch,
            isPrivate: info.isPrivate ?? false,
            topics: info.topics ?? [],
            description: info.description
        )
    }

    // MARK: - Steps

    /// The commit `repository.ref` (or the default branch) points at. One conditional request with
    /// the `sha` media type: an unchanged ref answers 304, which GitHub does not count.
    private func resolveCommit(_ repository: GitHubReference, log: GitHubRequestLog) async throws -> String {
        let ref = repository.ref ?? "HEAD"
        let path = repositoryPath(repository) + "/commits/" + HostAPIClient.encode(ref)
        let data: Data
        do {
            data = try await client.get(path, accept: "application/vnd.github.sha", caching: Self.isCommitSHA(ref) ? .immutable : .revalidate, log: log)
        } catch let failure as HostAPIFailure where [404, 409, 422].contains(failure.status) {
            if failure.status == 409 { throw emptyRepository(repository) }
            // Tell a missing repository from a missing ref: only the first makes this request fail too.
            let info = try await fetchRepository(repository, log: log)
            if repository.ref == nil {
                // A server that does not resolve `HEAD` still names its default branch.
                guard let branch = info.defaultBranch, !branch.isEmpty else { throw emptyRepository(repository) }
                var onDefaultBranch = repository
                onDefaultBranch.ref = branch
                return try await resolveCommit(onDefaultBranch, log: log)
            }
            throw PluginError.notFound("the branch, tag or commit '\(ref)' in \(repository.fullName) on \(configuration.webHost)")
        } catch let failure as HostAPIFailure {
            throw mapped(failure, repository)
        }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if Self.isCommitSHA(text) { return text.lowercased() }
        // A server that ignores the `sha` media type answers with the commit as JSON.
        if let commit = try? JSONDecoder().decode(GitHubCommitResponse.self, from: data), Self.isCommitSHA(commit.sha) {
            return commit.sha.lowercased()
        }
        throw PluginError.malformed(path: "GitHub's answer for \(ref) of \(repository.fullName)", reason: "it is not a commit id")
    }

    /// Every entry of the commit's tree with its full path. One recursive request; when GitHub
    /// truncates it, subtrees (only those that can hold `subpath`) are listed one at a time.
    private func readTree(_ repository: GitHubReference, commit: String, log: GitHubRequestLog) async throws -> [(RelativePath, GitHubTreeResponse.Item)] {
        let first = try await listTree(repository, sha: commit, recursive: true, log: log)
        if first.truncated != true {
            return paths(of: first.tree, under: .root, repository: repository)
        }
        logger.info("GitHub truncated the tree; listing subtrees one by one", metadata: ["repository": "\(repository.fullName)"])

        struct Work: Sendable {
            var sha: String
            var prefix: RelativePath
            var recursive: Bool
        }
        let root = repository.subpath
        var result: [(RelativePath, GitHubTreeResponse.Item)] = []
        var pending = [Work(sha: commit, prefix: .root, recursive: false)]
        while !pending.isEmpty {
            let batch = Array(pending.prefix(Self.parallelTreeRequests))
            pending.removeFirst(batch.count)
            let listed = try await withThrowingTaskGroup(of: (Work, GitHubTreeResponse).self) { group in
                for work in batch {
                    group.addTask { (work, try await listTree(repository, sha: work.sha, recursive: work.recursive, log: log)) }
                }
                var listed: [(Work, GitHubTreeResponse)] = []
                for try await item in group { listed.append(item) }
                return listed
            }
            for (work, response) in listed {
                if work.recursive, response.truncated == true {
                    pending.append(Work(sha: work.sha, prefix: work.prefix, recursive: false))
                    continue
                }
                for (path, item) in paths(of: response.tree, under: work.prefix, repository: repository) {
                    if item.type == "tree" {
                        let mayHoldRoot = root.isRoot || path.isDescendant(of: root) || root.isDescendant(of: path)
                        if !work.recursive, mayHoldRoot { pending.append(Work(sha: item.sha, prefix: path, recursive: true)) }
                    } else {
                        result.append((path, item))
                    }
                }
            }
        }
        return result
    }

    private func listTree(_ repository: GitHubReference, sha: String, recursive: Bool, log: GitHubRequestLog) async throws -> GitHubTreeResponse {
        let path = repositoryPath(repository) + "/git/trees/" + HostAPIClient.encode(sha)
        let data = try await mapFailures(repository) {
            // Addressed by sha, a tree never changes: a cached listing needs no request at all.
            try await client.get(path, query: recursive ? [URLQueryItem(name: "recursive", value: "1")] : [], caching: .immutable, log: log)
        }
        return try decode(GitHubTreeResponse.self, from: data, path: "the tree of \(repository.fullName)")
    }

    private func paths(of items: [GitHubTreeResponse.Item], under prefix: RelativePath, repository: GitHubReference) -> [(RelativePath, GitHubTreeResponse.Item)] {
        var result: [(RelativePath, GitHubTreeResponse.Item)] = []
        result.reserveCapacity(items.count)
        var refused = 0
        for item in items {
            guard let path = try? prefix.appending(item.path) else { refused += 1; continue }
            result.append((path, item))
        }
        if refused > 0 {
            logger.warning("Tree entries with unsafe paths were skipped", metadata: ["repository": "\(repository.fullName)", "count": "\(refused)"])
        }
        return result
    }

    private func fetchRepository(_ repository: GitHubReference, log: GitHubRequestLog) async throws -> GitHubRepositoryResponse {
        let data = try await mapFailures(repository) {
            try await client.get(repositoryPath(repository), caching: .revalidate, log: log)
        }
        return try decode(GitHubRepositoryResponse.self, from: data, path: "the repository \(repository.fullName)")
    }

    /// Reads contents from `GET /repos/{o}/{r}/tarball/{commit}` (a redirect to the download host),
    /// kept under `<cache>/archives/<owner>/<repo>/`.
    private func archiveReader(_ repository: GitHubReference, commit: String, log: GitHubRequestLog) -> HostArchiveReader {
        let path = repositoryPath(repository) + "/tarball/\(commit)"
        let client = client
        return HostArchiveReader(
            hostName: "GitHub",
            repositoryName: repository.fullName,
            commit: commit,
            root: repository.subpath,
            directory: cacheDirectory
                .appending(path: "archives", directoryHint: .isDirectory)
                .appending(path: repository.owner.lowercased(), directoryHint: .isDirectory)
                .appending(path: repository.repository.lowercased(), directoryHint: .isDirectory),
            limits: limits,
            log: log,
            archivePath: path,
            logger: logger
        ) {
            try await client.download(path, log: log)
        }
    }

    // MARK: - Errors

    private func mapFailures<T>(_ repository: GitHubReference, _ body: () async throws -> T) async throws -> T {
        try await HostAPIFailure.mapping({ mapped($0, repository) }, body)
    }

    private func mapped(_ failure: HostAPIFailure, _ repository: GitHubReference) -> PluginError {
        if failure.status == 409 { return emptyRepository(repository) }
        return failure.pluginError(repository: repository.fullName, api: client.api)
    }

    private func emptyRepository(_ repository: GitHubReference) -> PluginError {
        .notFound("a commit in \(repository.fullName) on \(configuration.webHost), which is empty")
    }

    private func decode<T: Decodable>(_ type: T.Type, from data: Data, path: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch {
            throw PluginError.malformed(path: "GitHub's answer for \(path)", reason: "it is not the JSON the REST API documents")
        }
    }

    private func repositoryPath(_ repository: GitHubReference) -> String {
        "/repos/\(HostAPIClient.encode(repository.owner))/\(HostAPIClient.encode(repository.repository))"
    }

    /// A full commit id (SHA-1, or SHA-256 for repositories that use it).
    static func isCommitSHA(_ text: String) -> Bool { HostedArchiveSource.isCommitSHA(text) }
}

/// A tree read from GitHub with the log of what reading it cost.
public struct GitHubScan: Sendable {
    public let tree: SourceTree
    /// The reference as resolved (owner, repository, ref, folder).
    public let repository: GitHubReference
    /// The requests of this scan; content reads through `tree` are added as they happen.
    public let requests: GitHubRequestLog
}

/// What GitHub says about a repository.
public struct GitHubRepositoryInfo: Sendable, Hashable, Codable {
    public var fullName: String
    public var defaultBranch: String?
    public var isPrivate: Bool
    public var topics: [String]
    public var description: String?
}
