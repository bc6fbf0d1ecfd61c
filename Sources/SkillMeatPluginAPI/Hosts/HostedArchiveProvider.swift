/// Where a reference points on a host read through `HostedArchiveSource`: the repository as the
/// reading steps address it, and its web address (the canonical location, without ref or folder).
public struct HostedLocation: Sendable {
    public var repository: HostedArchiveSource.Repository
    /// `https://gitlab.com/group/project`, `https://codeberg.org/owner/repo`.
    public var webAddress: String

    public init(repository: HostedArchiveSource.Repository, webAddress: String) {
        self.repository = repository
        self.webAddress = webAddress
    }
}

/// A source provider whose host is read through `HostedArchiveSource` (GitLab, Gitea): it only says
/// which references are its own (`locate`) and how its web pages name a commit's folder
/// (`commitPage`); reading, tags, upstream addresses and parts follow from them.
public protocol HostedArchiveProvider: SourceProvider {
    /// Builds the provider with a chosen clock and retry policy (tests pass ones that do not wait);
    /// `init(context:)` uses the system clock and the default policy.
    init(context: PluginContext, clock: HostClock, retryPolicy: HostRetryPolicy) throws
    var source: HostedArchiveSource { get }
    /// The segment between a repository's web address and a commit in a folder's page:
    /// `/-/tree/` (GitLab), `/src/commit/` (Gitea).
    var commitPage: String { get }
    /// Nil when `reference` is not this host's; throws when it is but cannot be used. The reference's
    /// explicit `ref` and `root` override what its location says.
    func locate(_ reference: SourceReference) throws -> HostedLocation?
}

extension HostedArchiveProvider {
    public init(context: PluginContext) throws {
        try self.init(context: context, clock: .system, retryPolicy: HostRetryPolicy())
    }

    /// Every request this provider made, across all calls.
    public var requestLog: HostRequestLog { source.requestLog }

    public func accepts(_ reference: SourceReference) -> Bool {
        do {
            return try locate(reference) != nil
        } catch {
            // Meant for this host but unusable: reading it says why.
            return true
        }
    }

    public func tree(for reference: SourceReference) async throws -> SourceTree {
        try await source.tree(try location(reference).repository, reference: reference)
    }

    public func suggestedTags(for reference: SourceReference) async throws -> [String] {
        try await source.topics(try location(reference).repository)
    }

    public func upstreamURL(of path: RelativePath, in tree: SourceTree) -> String? {
        guard let commit = tree.commit, let location = try? locate(SourceReference(location: tree.reference.location)) else { return nil }
        return location.webAddress + commitPage + commit + (path.isRoot ? "" : "/" + path.string)
    }

    public func pinnedUpstream(_ upstream: String) -> PinnedUpstream? {
        guard upstream.contains(commitPage), let location = try? locate(SourceReference(location: upstream)),
              let commit = location.repository.ref, HostedArchiveSource.isCommitSHA(commit) else { return nil }
        return PinnedUpstream(reference: SourceReference(location: location.webAddress, ref: commit.lowercased()), path: location.repository.root)
    }

    public func parts(of reference: SourceReference) throws -> SourceReference {
        let location = try location(reference)
        let root = location.repository.root
        return SourceReference(location: location.webAddress, ref: location.repository.ref, root: root.isRoot ? nil : root)
    }

    private func location(_ reference: SourceReference) throws -> HostedLocation {
        guard let location = try locate(reference) else {
            throw PluginError.invalidReference(reference.location, reason: "it is not an address of \(source.client.api.name) at \(source.client.api.webHost)")
        }
        return location
    }
}
