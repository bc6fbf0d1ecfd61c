public import Foundation
import Hummingbird
import NIOCore
import SkillMeatPluginAPI
import Synchronization

/// A local stand-in for GitLab's REST API v4 or Gitea's (and Forgejo's) API v1 on 127.0.0.1, serving
/// `FakeGitHubRepository` values (their commits have real git ids and build real tarballs):
///
/// - GitLab: `/api/v4/projects/:id` (the URL-encoded path, subgroups included),
///   `/repository/commits/:ref` (`HEAD` too), `/repository/archive.tar.gz?sha=`; ETags and 304s;
///   `RateLimit-*` headers and 429 with `Retry-After` once the budget is spent; tokens from
///   `PRIVATE-TOKEN` or `Authorization: Bearer`.
/// - Gitea: `/api/v1/repos/{owner}/{repo}`, `/git/commits/{ref}`, `/archive/{ref}.tar.gz`; no ETags
///   on commits (Gitea sends none) and, as Gitea and Forgejo meter no API request, no rate-limit
///   headers until `setRateLimit` puts a limiting proxy in front (`X-RateLimit-*`, then 429);
///   tokens from `Authorization: token …`.
///
/// Private repositories answer 404 without a valid token, an invalid token 401, and failures can be
/// injected. Every request is counted so tests can assert what a scan cost.
public final class FakeSourceHost: Sendable {
    public enum Dialect: Sendable {
        case gitlab
        case gitea
    }

    public struct RecordedRequest: Sendable, Hashable {
        public var path: String
        public var query: String?
        public var status: Int
        public var token: String?
        public var conditional: Bool
        /// Whether the answer reported a rate limit (every GitLab answer; Gitea's behind a proxy).
        public var metered: Bool
    }

    struct State: Sendable {
        var repositories: [String: FakeGitHubRepository] = [:]
        var validTokens: Set<String> = []
        var rateLimit = 2000
        var rateRemaining = 2000
        var rateReset = Date().addingTimeInterval(60)
        /// Whether a limit is enforced and reported: always on GitLab, on Gitea once `setRateLimit` is called.
        var limited = true
        var failures: [(prefix: String, remaining: Int, status: Int)] = []
        var tarballOverrides: [String: Data] = [:]
        var requests: [RecordedRequest] = []
        var baseURL = URL(fileURLWithPath: "/")
    }

    public let dialect: Dialect
    let state = Mutex(State())

    init(dialect: Dialect, repositories: [FakeGitHubRepository], validTokens: Set<String>) {
        self.dialect = dialect
        state.withLock { state in
            for repository in repositories { state.repositories[repository.fullName.lowercased()] = repository }
            state.validTokens = validTokens
            state.limited = dialect == .gitlab
        }
    }

    /// Runs a fake host of `dialect` serving `repositories` for the duration of `body`. For GitLab a
    /// repository's `owner` may hold subgroups (`group/sub`).
    public static func withServer<Result>(
        _ dialect: Dialect,
        _ repositories: [FakeGitHubRepository],
        validTokens: Set<String> = [],
        _ body: (FakeSourceHost) async throws -> Result
    ) async throws -> Result {
        let server = FakeSourceHost(dialect: dialect, repositories: repositories, validTokens: validTokens)
        return try await FakeHTTPServer.run(label: "fake-source-host", respond: { server.respond(to: $0) }, started: { url in
            server.state.withLock { $0.baseURL = url }
        }) {
            try await body(server)
        }
    }

    // MARK: - What tests read and change

    /// The web base URL (`http://127.0.0.1:PORT`): the provider's `url` setting.
    public var baseURL: URL { state.withLock { $0.baseURL } }

    /// `127.0.0.1:PORT`.
    public var webHost: String { "\(baseURL.host ?? "127.0.0.1"):\(baseURL.port ?? 80)" }

    public var requests: [RecordedRequest] { state.withLock { $0.requests } }

    /// Requests that counted against a rate limit (every metered answer but a 304).
    public var rateLimitedRequestCount: Int { state.withLock { $0.requests.filter { $0.metered && $0.status != 304 }.count } }

    public func requestCount(containing fragment: String) -> Int {
        state.withLock { $0.requests.filter { $0.path.contains(fragment) }.count }
    }

    public func clearRequests() { state.withLock { $0.requests.removeAll() } }

    public func repository(_ fullName: String) -> FakeGitHubRepository? {
        state.withLock { $0.repositories[fullName.lowercased()] }
    }

    /// Moves `branch` of `fullName` to a new commit holding `files`.
    public func setBranch(_ fullName: String, _ branch: String, files: [String: String], modes: [String: String] = [:]) throws {
        try state.withLock { state in
            guard var repository = state.repositories[fullName.lowercased()] else { return }
            try repository.setBranch(branch, files: files, modes: modes)
            state.repositories[fullName.lowercased()] = repository
        }
    }

    /// The next `times` requests whose path contains `fragment` fail with `status`.
    public func fail(_ fragment: String, times: Int, status: Int = 502) {
        state.withLock { $0.failures.append((fragment, times, status)) }
    }

    /// Sets the rate-limit window; with `remaining` 0 every request gets 429 until `reset`. On Gitea
    /// this puts a limiting proxy in front: from now on answers carry `X-RateLimit-*`.
    public func setRateLimit(limit: Int = 60, remaining: Int, resetAt: Date) {
        state.withLock { state in
            state.limited = true
            state.rateLimit = limit
            state.rateRemaining = remaining
            state.rateReset = resetAt
        }
    }

    /// Serves `tarball` instead of the built one for `commit` (a gzip bomb, say).
    public func overrideTarball(_ tarball: Data, commit: String) {
        state.withLock { $0.tarballOverrides[commit] = tarball }
    }

    // MARK: - Answers

    struct Answer {
        var status: Int
        var body = Data()
        var contentType = "application/json"
        var etag: String?
    }

    func respond(to request: Request) -> Response {
        let path = request.uri.path
        let query = request.uri.query
        let token = token(request)
        let conditional = request.headers[.ifNoneMatch]
        let (answer, rate, limited) = state.withLock { state -> (Answer, (Int, Int, Date), Bool) in
            var answer = answerRequest(path: path, query: query, token: token, state: &state)
            if answer.status == 200, let etag = answer.etag, conditional == etag {
                answer = Answer(status: 304, etag: etag)
            } else if answer.status < 400, state.limited {
                state.rateRemaining -= 1
            }
            state.requests.append(RecordedRequest(path: path, query: query, status: answer.status, token: token, conditional: conditional != nil, metered: state.limited))
            return (answer, (state.rateLimit, max(0, state.rateRemaining), state.rateReset), state.limited)
        }
        var headers: HTTPFields = [.contentType: answer.contentType]
        if let etag = answer.etag { headers[.eTag] = etag }
        let prefix = dialect == .gitlab ? "" : "X-"
        if limited {
            Self.set(&headers, prefix + "RateLimit-Limit", "\(rate.0)")
            Self.set(&headers, prefix + "RateLimit-Remaining", "\(rate.1)")
            Self.set(&headers, prefix + "RateLimit-Reset", "\(Int(rate.2.timeIntervalSince1970))")
        }
        if answer.status == 429 {
            Self.set(&headers, "Retry-After", "\(max(1, Int(rate.2.timeIntervalSinceNow.rounded(.up))))")
        }
        return Response(status: HTTPResponse.Status(code: answer.status), headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }

    private func token(_ request: Request) -> String? {
        if let name = HTTPFields.Element.Name("PRIVATE-TOKEN"), let value = request.headers[name] { return value }
        guard let header = request.headers[.authorization] else { return nil }
        for prefix in ["Bearer ", "token "] where header.hasPrefix(prefix) { return String(header.dropFirst(prefix.count)) }
        return header
    }

    private func answerRequest(path: String, query: String?, token: String?, state: inout State) -> Answer {
        if let index = state.failures.firstIndex(where: { path.contains($0.prefix) && $0.remaining > 0 }) {
            state.failures[index].remaining -= 1
            return Self.error(state.failures[index].status, "Server Error")
        }
        if let token, !state.validTokens.contains(token) {
            return Self.error(401, dialect == .gitlab ? "401 Unauthorized" : "user does not exist [uid: 0, name: ]")
        }
        if state.limited, state.rateRemaining <= 0 {
            return Self.error(429, dialect == .gitlab ? "Retry later" : "Too Many Requests")
        }
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        switch dialect {
        case .gitlab: return gitlab(segments, query: query, authorized: token != nil, state: state)
        case .gitea: return gitea(segments, authorized: token != nil, state: state)
        }
    }

    private func visible(_ fullName: String, authorized: Bool, state: State) -> FakeGitHubRepository? {
        guard let repository = state.repositories[fullName.lowercased()], !repository.isPrivate || authorized else { return nil }
        return repository
    }

    /// `/api/v4/projects/<group%2Fsub%2Fproject>[/repository/…]`.
    private func gitlab(_ segments: [String], query: String?, authorized: Bool, state: State) -> Answer {
        guard segments.count >= 4, segments[0] == "api", segments[1] == "v4", segments[2] == "projects" else { return Self.error(404, "404 Not Found") }
        let fullName = segments[3].removingPercentEncoding ?? segments[3]
        guard let repository = visible(fullName, authorized: authorized, state: state) else { return Self.error(404, "404 Project Not Found") }
        let rest = Array(segments.dropFirst(4))
        if rest.isEmpty {
            return Self.json([
                "id": 1, "path": repository.name, "path_with_namespace": repository.fullName,
                "default_branch": repository.defaultBranch, "visibility": repository.isPrivate ? "private" : "public",
                "topics": repository.topics, "web_url": "\(state.baseURL.absoluteString)/\(repository.fullName)",
            ])
        }
        guard rest.count >= 2, rest[0] == "repository" else { return Self.error(404, "404 Not Found") }
        switch rest[1] {
        case "commits" where rest.count == 3:
            let ref = rest[2].removingPercentEncoding ?? rest[2]
            guard let commit = repository.commit(for: ref) else { return Self.error(404, "404 Commit Not Found") }
            return Self.json(["id": commit.sha, "short_id": String(commit.sha.prefix(8)), "title": "commit", "parent_ids": [String]()])
        case "archive.tar.gz":
            let sha = Self.queryValue("sha", in: query) ?? "HEAD"
            guard let commit = repository.commit(for: sha) else { return Self.error(404, "404 Commit Not Found") }
            return tarball(commit, topFolder: "\(repository.name)-\(commit.sha)-\(commit.sha)", state: state)
        default:
            return Self.error(404, "404 Not Found")
        }
    }

    /// `/api/v1/repos/{owner}/{repo}[/git/commits/{ref} | /archive/{ref}.tar.gz]`.
    private func gitea(_ segments: [String], authorized: Bool, state: State) -> Answer {
        guard segments.count >= 5, segments[0] == "api", segments[1] == "v1", segments[2] == "repos" else { return Self.error(404, "not found") }
        let decoded = segments.map { $0.removingPercentEncoding ?? $0 }
        guard let repository = visible("\(decoded[3])/\(decoded[4])", authorized: authorized, state: state) else {
            return Self.error(404, "The target couldn't be found.")
        }
        let rest = Array(decoded.dropFirst(5))
        if rest.isEmpty {
            return Self.json([
                "id": 1, "name": repository.name, "full_name": repository.fullName, "private": repository.isPrivate,
                "default_branch": repository.defaultBranch, "topics": repository.topics,
                "html_url": "\(state.baseURL.absoluteString)/\(repository.fullName)",
            ], etag: false)
        }
        if rest.count >= 3, rest[0] == "git", rest[1] == "commits" {
            let ref = rest.dropFirst(2).joined(separator: "/")
            guard let commit = repository.commit(for: ref) else { return Self.error(404, "object does not exist [id: \(ref), rel_path: ]") }
            return Self.json(["sha": commit.sha, "url": "", "commit": ["message": "commit", "tree": ["sha": commit.treeSHA]]], etag: false)
        }
        if rest.count >= 2, rest[0] == "archive", let last = rest.last, last.hasSuffix(".tar.gz") {
            let ref = (rest.dropFirst().dropLast() + [String(last.dropLast(".tar.gz".count))]).joined(separator: "/")
            guard let commit = repository.commit(for: ref) else { return Self.error(404, "The target couldn't be found.") }
            return tarball(commit, topFolder: repository.name, state: state)
        }
        return Self.error(404, "not found")
    }

    private func tarball(_ commit: FakeGitHubCommit, topFolder: String, state: State) -> Answer {
        if let override = state.tarballOverrides[commit.sha] {
            return Answer(status: 200, body: override, contentType: "application/octet-stream")
        }
        guard let data = try? commit.tarball(topFolder: topFolder) else { return Self.error(500, "the archive could not be made") }
        return Answer(status: 200, body: data, contentType: "application/octet-stream")
    }

    // MARK: - Helpers

    private static func queryValue(_ name: String, in query: String?) -> String? {
        for pair in (query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2, parts[0] == name { return parts[1].removingPercentEncoding ?? parts[1] }
        }
        return nil
    }

    private static func json(_ object: [String: Any], etag: Bool = true) -> Answer {
        let body = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return Answer(status: 200, body: body, etag: etag ? "W/\"\(ContentHash.of(body).prefix(32))\"" : nil)
    }

    private static func error(_ status: Int, _ message: String) -> Answer {
        Answer(status: status, body: (try? JSONSerialization.data(withJSONObject: ["message": message])) ?? Data())
    }

    private static func set(_ headers: inout HTTPFields, _ name: String, _ value: String) {
        guard let field = HTTPFields.Element.Name(name) else { return }
        headers[field] = value
    }
}
