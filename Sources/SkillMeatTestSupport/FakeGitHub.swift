public import Foundation
import Synchronization

/// A local stand-in for GitHub's REST API v3 on 127.0.0.1 (a random free port), speaking the
/// documented shapes of `/repos/{o}/{r}`, `/commits/{ref}`, `/git/trees/{sha}`, `/tarball/{ref}`
/// (a 302 to a download path, like codeload) and `/topics`, with ETags and 304s, rate-limit headers
/// and 403s once the budget is spent, private repositories, injected 5xx failures and broken
/// bodies. It counts every request so tests can assert what a scan cost.
public final class FakeGitHub: Sendable {
    /// One request the fake answered.
    public struct RecordedRequest: Sendable, Hashable {
        public var method: String
        public var path: String
        public var query: String?
        public var status: Int
        /// The token sent as `Authorization: Bearer …`, if any.
        public var bearerToken: String?
        /// Whether the request carried `If-None-Match`.
        public var conditional: Bool
    }

    struct State: Sendable {
        var repositories: [String: FakeGitHubRepository] = [:]
        var validTokens: Set<String> = []
        var rateLimit = 5000
        var rateRemaining = 5000
        var rateReset = Date().addingTimeInterval(3600)
        var failures: [(prefix: String, remaining: Int, status: Int)] = []
        var broken: [(prefix: String, remaining: Int)] = []
        var truncateTreesAbove: Int?
        var tarballOverrides: [String: Data] = [:]
        var requests: [RecordedRequest] = []
        var baseURL = URL(fileURLWithPath: "/")
    }

    let state = Mutex(State())

    init(repositories: [FakeGitHubRepository], validTokens: Set<String>) {
        state.withLock { state in
            for repository in repositories { state.repositories[repository.fullName.lowercased()] = repository }
            state.validTokens = validTokens
        }
    }

    /// Runs a fake GitHub serving `repositories` for the duration of `body`, then shuts it down.
    /// `validTokens` are the tokens it accepts; any other token gets 401 Bad credentials.
    public static func withServer<Result>(
        _ repositories: [FakeGitHubRepository],
        validTokens: Set<String> = [],
        _ body: (FakeGitHub) async throws -> Result
    ) async throws -> Result {
        let server = FakeGitHub(repositories: repositories, validTokens: validTokens)
        return try await FakeHTTPServer.run(label: "fake-github", respond: { server.respond(to: $0) }, started: { url in
            server.state.withLock { $0.baseURL = url }
        }) {
            try await body(server)
        }
    }

    // MARK: - What tests read

    /// The API root to configure the provider with (`api_url` / `SKILLMEAT_GITHUB_API_URL`).
    public var apiURL: URL { state.withLock { $0.baseURL } }

    /// The host part of web URLs for this server (`127.0.0.1:PORT`).
    public var webHost: String {
        let url = apiURL
        return "\(url.host ?? "127.0.0.1"):\(url.port ?? 80)"
    }

    /// Every request answered so far, in order.
    public var requests: [RecordedRequest] { state.withLock { $0.requests } }

    /// How many requests had a path starting with `prefix`.
    public func requestCount(_ prefix: String = "/") -> Int {
        state.withLock { $0.requests.filter { $0.path.hasPrefix(prefix) }.count }
    }

    /// Requests under `/repos` that counted against the rate limit (every answer but a 304).
    public var rateLimitedRequestCount: Int {
        state.withLock { $0.requests.filter { $0.path.hasPrefix("/repos/") && $0.status != 304 }.count }
    }

    /// Forgets the requests seen so far.
    public func clearRequests() {
        state.withLock { $0.requests.removeAll() }
    }

    /// The repository as currently served.
    public func repository(_ fullName: String) -> FakeGitHubRepository? {
        state.withLock { $0.repositories[fullName.lowercased()] }
    }

    // MARK: - What tests change

    /// Adds or replaces a repository.
    public func serve(_ repository: FakeGitHubRepository) {
        state.withLock { $0.repositories[repository.fullName.lowercased()] = repository }
    }

    /// Moves `branch` of `fullName` to a new commit holding `files`.
    public func setBranch(_ fullName: String, _ branch: String, files: [String: String], modes: [String: String] = [:]) throws {
        try state.withLock { state in
            guard var repository = state.repositories[fullName.lowercased()] else { return }
            try repository.setBranch(branch, files: files, modes: modes)
            state.repositories[fullName.lowercased()] = repository
        }
    }

    /// The next `times` requests whose path starts with `prefix` fail with `status`.
    public func fail(_ prefix: String, times: Int, status: Int = 502) {
        state.withLock { $0.failures.append((prefix, times, status)) }
    }

    /// The next `times` successful answers under `prefix` lose the second half of their body.
    public func breakResponses(_ prefix: String, times: Int = 1) {
        state.withLock { $0.broken.append((prefix, times)) }
    }

    /// Sets the rate-limit window; with `remaining` 0 every counted request gets 403 until `reset`.
    public func setRateLimit(limit: Int = 60, remaining: Int, resetAt: Date) {
        state.withLock { state in
            state.rateLimit = limit
            state.rateRemaining = remaining
            state.rateReset = resetAt
        }
    }

    /// Starts a fresh window (what happens at the reset time).
    public func resetRateLimit() {
        state.withLock { state in
            state.rateRemaining = state.rateLimit
            state.rateReset = Date().addingTimeInterval(3600)
        }
    }

    /// Serves `tarball` instead of the built one for `commit` (e.g. an archive made by the system `tar`).
    public func overrideTarball(_ tarball: Data, commit: String) {
        state.withLock { $0.tarballOverrides[commit] = tarball }
    }

    /// Serves for `commit` of `fullName` an archive in which `files` hold other bytes while the tree
    /// (paths and blob ids) stays as it was: an upstream changed under the same commit.
    public func tamper(_ fullName: String, commit: String, files: [String: String]) throws {
        guard let repository = repository(fullName), let original = repository.commits[commit] else { return }
        let replacing = files.filter { original.files[$0.key] != nil }.mapValues { Data($0.utf8) }
        overrideTarball(try original.tarball(topFolder: "\(repository.owner)-\(repository.name)-\(commit.prefix(7))", replacing: replacing), commit: commit)
    }

    /// Recursive tree listings with more than `count` entries come back truncated; nil for no limit.
    public func truncateTrees(above count: Int?) {
        state.withLock { $0.truncateTreesAbove = count }
    }
}
