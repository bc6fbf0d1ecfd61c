public import Foundation
public import Logging

/// The reading steps of a host whose tree listings are paged (GitLab: 100 entries a request; Gitea:
/// `truncated` pages): the ref is resolved to a commit with one conditional request, and the tree and
/// every file come from the commit's one archive, kept on disk by commit. A first scan costs two
/// requests whatever the repository's size, and a rescan of an unchanged ref one revalidation (a 304
/// where the host sends ETags) and no download. Providers supply the paths and the wording
/// (`Repository`); everything else — retries, rate limits, tokens, the archive bounds — is shared.
public struct HostedArchiveSource: Sendable {
    /// One repository as a provider addresses it on its host.
    public struct Repository: Sendable {
        /// `group/sub/project`, `owner/repo`: named in messages.
        public var name: String
        /// The branch, tag or commit; nil for the default branch.
        public var ref: String?
        /// The folder the source is limited to.
        public var root: RelativePath
        /// The repository's API path (`/projects/group%2Fproject`, `/repos/o/r`), whose JSON holds
        /// `default_branch` and `topics`.
        public var apiPath: String
        /// The API path and query that resolve a ref (`HEAD` for the default branch) to a commit.
        public var commitRequest: @Sendable (String) -> (path: String, query: [URLQueryItem])
        /// The field of that answer holding the commit id (`id` on GitLab, `sha` on Gitea).
        public var commitField: String
        /// The API path and query of the `.tar.gz` archive of a commit.
        public var archiveRequest: @Sendable (String) -> (path: String, query: [URLQueryItem])
        /// Folders under `<cache>/archives/` that hold this repository's archives.
        public var cacheFolders: [String]

        public init(
            name: String, ref: String?, root: RelativePath, apiPath: String,
            commitRequest: @escaping @Sendable (String) -> (path: String, query: [URLQueryItem]), commitField: String,
            archiveRequest: @escaping @Sendable (String) -> (path: String, query: [URLQueryItem]), cacheFolders: [String]
        ) {
            self.name = name
            self.ref = ref
            self.root = root
            self.apiPath = apiPath
            self.commitRequest = commitRequest
            self.commitField = commitField
            self.archiveRequest = archiveRequest
            self.cacheFolders = cacheFolders
        }
    }

    public let providerID: PluginID
    public let client: HostAPIClient
    public let cacheDirectory: URL
    public let limits: ArchiveLimits
    public let logger: Logger
    /// Every request the provider made, across all calls.
    public let requestLog: HostRequestLog

    public init(
        context: PluginContext, api: HostAPI, tokens: HostTokenResolver, transport: any HostTransport = URLSessionHostTransport(),
        clock: HostClock, retry: HostRetryPolicy
    ) throws {
        self.providerID = context.id
        self.cacheDirectory = context.cacheDirectory
        self.limits = try ArchiveLimits(context: context)
        self.logger = context.logger
        self.requestLog = HostRequestLog()
        self.client = HostAPIClient(
            api: api, tokens: tokens, transport: transport,
            cache: HostResponseCache(directory: context.cacheDirectory.appending(path: "http", directoryHint: .isDirectory)),
            clock: clock, retry: retry, logger: context.logger
        )
    }

    /// Reads the tree of `repository` at its ref; `reference` is what the user gave, kept in the tree.
    public func tree(_ repository: Repository, reference: SourceReference) async throws -> SourceTree {
        let log = HostRequestLog(parent: requestLog)
        let commit = try await resolveCommit(repository, ref: repository.ref, log: log)
        let client = client
        let archive = repository.archiveRequest(commit)
        var directory = cacheDirectory.appending(path: "archives", directoryHint: .isDirectory)
        for folder in repository.cacheFolders { directory = directory.appending(path: folder.lowercased(), directoryHint: .isDirectory) }
        let reader = HostArchiveReader(
            hostName: client.api.name, repositoryName: repository.name, commit: commit, root: repository.root,
            directory: directory, limits: limits, log: log, archivePath: archive.path, logger: logger
        ) {
            try await client.download(archive.path, query: archive.query, accept: "application/octet-stream", log: log)
        }
        let entries = try await mapped(repository) { try await reader.treeEntries() }
        if !repository.root.isRoot, entries.isEmpty {
            throw PluginError.notFound("the folder '\(repository.root)' in \(repository.name) on \(client.api.webHost) at \(repository.ref ?? "the default branch") (commit \(commit.prefix(12)))")
        }
        logger.debug("Hosted tree read", metadata: [
            "repository": "\(repository.name)", "commit": "\(commit)", "files": "\(entries.count)",
            "requests": "\(log.stats.requests)", "not_modified": "\(log.stats.notModified)",
        ])
        return SourceTree(
            reference: SourceReference(location: reference.location, ref: repository.ref, root: repository.root.isRoot ? nil : repository.root),
            commit: commit,
            providerID: providerID,
            entries: entries,
            reader: reader,
            requestLog: log
        )
    }

    /// The repository's topics (`topics` of its JSON), revalidated through the cache.
    public func topics(_ repository: Repository) async throws -> [String] {
        let object = try await repositoryObject(repository, log: HostRequestLog(parent: requestLog))
        return object["topics"]?.stringList ?? []
    }

    // MARK: - Steps

    private func resolveCommit(_ repository: Repository, ref: String?, log: HostRequestLog) async throws -> String {
        let name = ref ?? "HEAD"
        let request = repository.commitRequest(name)
        let data: Data
        do {
            data = try await client.get(request.path, query: request.query, caching: Self.isCommitSHA(name) ? .immutable : .revalidate, log: log)
        } catch let failure as HostAPIFailure where [404, 422].contains(failure.status) {
            // Tell a missing repository from a missing ref: only the first makes this request fail too.
            let object = try await repositoryObject(repository, log: log)
            guard ref == nil else {
                throw PluginError.notFound("the branch, tag or commit '\(name)' in \(repository.name) on \(client.api.webHost)")
            }
            // A server that does not resolve `HEAD` still names its default branch.
            guard let branch = object["default_branch"]?.stringValue, !branch.isEmpty, branch != "HEAD" else {
                throw PluginError.notFound("a commit in \(repository.name) on \(client.api.webHost), which is empty")
            }
            return try await resolveCommit(repository, ref: branch, log: log)
        } catch let failure as HostAPIFailure {
            throw mapped(failure, repository)
        }
        guard case .object(let object)? = try? JSONValue.parse(data),
              let commit = object[repository.commitField]?.stringValue, Self.isCommitSHA(commit)
        else {
            throw PluginError.malformed(path: "\(client.api.name)'s answer for \(name) of \(repository.name)", reason: "it names no commit")
        }
        return commit.lowercased()
    }

    private func repositoryObject(_ repository: Repository, log: HostRequestLog) async throws -> [String: JSONValue] {
        let data = try await mapped(repository) { try await client.get(repository.apiPath, caching: .revalidate, log: log) }
        guard case .object(let object)? = try? JSONValue.parse(data) else {
            throw PluginError.malformed(path: "\(client.api.name)'s answer for \(repository.name)", reason: "it is not the JSON its API documents")
        }
        return object
    }

    private func mapped<T>(_ repository: Repository, _ body: () async throws -> T) async throws -> T {
        try await HostAPIFailure.mapping({ mapped($0, repository) }, body)
    }

    private func mapped(_ failure: HostAPIFailure, _ repository: Repository) -> PluginError {
        failure.pluginError(repository: repository.name, api: client.api)
    }

    /// A full commit id (SHA-1, or SHA-256 for repositories that use it).
    public static func isCommitSHA(_ text: String) -> Bool {
        (text.count == 40 || text.count == 64) && text.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) || ("A"..."F").contains($0) }
    }
}
