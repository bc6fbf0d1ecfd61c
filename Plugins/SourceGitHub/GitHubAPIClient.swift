import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Logging
import SkillMeatPluginAPI

/// Speaks GitHub's REST API v3: conditional requests against the disk cache, retries of 5xx answers
/// and dropped connections with exponential backoff, rate-limit waits, and errors worded for a user.
/// Answers other than 2xx/304 that need the caller's context (404, 409, 422, …) come back as
/// `GitHubAPIFailure` so the provider can say which repository or ref was missing.
struct GitHubAPIClient: Sendable {
    enum Caching {
        /// Send the cached ETag as `If-None-Match`; a 304 reuses the cached body.
        case revalidate
        /// The URL names content by its sha and never changes: a cached body is used without a request.
        case immutable
    }

    let configuration: GitHubConfiguration
    let tokens: GitHubTokenResolver
    let transport: any GitHubTransport
    let cache: GitHubResponseCache
    let clock: GitHubClock
    let retry: GitHubRetryPolicy
    let logger: Logger

    static let jsonMediaType = "application/vnd.github+json"

    /// GETs `path` (already percent-encoded, starting with `/`) and returns the body.
    func get(
        _ path: String,
        query: [URLQueryItem] = [],
        accept: String = jsonMediaType,
        caching: Caching,
        log: GitHubRequestLog
    ) async throws -> Data {
        let url = try makeURL(path, query: query)
        let key = cache.key(url: url, accept: accept)
        let cached = cache.load(key)
        if caching == .immutable, let cached {
            log.record(GitHubRequestRecord(path: path, status: nil, outcome: .cached))
            return cached.body
        }
        let (body, response) = try await exchange(path: path, url: url, accept: accept, etag: cached?.etag, log: log) { request in
            try await transport.data(for: request)
        } failureBody: { $0 }
        if response.statusCode == 304 {
            guard let cached else {
                throw PluginError.network("GitHub answered 304 Not Modified to \(path) although nothing was cached; run the command again.")
            }
            return cached.body
        }
        let etag = response.value(forHTTPHeaderField: "ETag")
        if etag != nil || caching == .immutable {
            cache.store(key, etag: etag, body: body)
        }
        return body
    }

    /// GETs `path` into a temporary file (redirects followed) that the caller then owns.
    func download(_ path: String, accept: String = jsonMediaType, log: GitHubRequestLog) async throws -> URL {
        let url = try makeURL(path, query: [])
        let (file, _) = try await exchange(path: path, url: url, accept: accept, etag: nil, log: log) { request in
            try await transport.download(for: request)
        } failureBody: { file in
            defer { try? FileManager.default.removeItem(at: file) }
            return (try? Data(contentsOf: file)) ?? Data()
        }
        return file
    }

    // MARK: - The request loop

    private func exchange<Body: Sendable>(
        path: String,
        url: URL,
        accept: String,
        etag: String?,
        log: GitHubRequestLog,
        send: (URLRequest) async throws -> (Body, HTTPURLResponse),
        failureBody: (Body) -> Data
    ) async throws -> (Body, HTTPURLResponse) {
        let token = await tokens.token()
        var request = URLRequest(url: url)
        request.httpMethod = "GET"
        request.setValue(accept, forHTTPHeaderField: "Accept")
        request.setValue("2022-11-28", forHTTPHeaderField: "X-GitHub-Api-Version")
        request.setValue("SkillMeat", forHTTPHeaderField: "User-Agent")
        if let token { request.setValue(token.authorizationHeader, forHTTPHeaderField: "Authorization") }
        if let etag { request.setValue(etag, forHTTPHeaderField: "If-None-Match") }

        var retries = 0
        var rateLimitWaits = 0
        while true {
            try Task.checkCancellation()
            let body: Body
            let response: HTTPURLResponse
            do {
                (body, response) = try await send(request)
            } catch {
                if error is CancellationError || (error as? URLError)?.code == .cancelled { throw CancellationError() }
                log.record(GitHubRequestRecord(path: path, status: nil, outcome: .failed))
                let reason = Self.describe(error)
                if Self.isTransient(error), retries < retry.maximumRetries {
                    retries += 1
                    logger.debug("GitHub request failed; retrying", metadata: ["path": "\(path)", "reason": "\(reason)", "retry": "\(retries)"])
                    try await clock.sleep(retry.backoff(beforeRetry: retries))
                    continue
                }
                let host = url.host ?? configuration.webHost
                throw PluginError.network("Could not reach GitHub at \(host) (\(reason)); check the network connection, or api_url if you use GitHub Enterprise Server.")
            }

            let status = response.statusCode
            let rate = GitHubRateLimit { response.value(forHTTPHeaderField: $0) }
            if (200..<300).contains(status) || status == 304 {
                log.record(GitHubRequestRecord(path: path, status: status, outcome: status == 304 ? .notModified : .fetched))
                logger.trace("GitHub request", metadata: ["path": "\(path)", "status": "\(status)", "rate.remaining": "\(rate.remaining.map(String.init) ?? "-")"])
                return (body, response)
            }
            log.record(GitHubRequestRecord(path: path, status: status, outcome: .failed))
            let errorBody = failureBody(body)
            let message = Self.message(in: errorBody)?.redacting(token)
            logger.debug("GitHub request failed", metadata: ["path": "\(path)", "status": "\(status)"])

            switch status {
            case 401:
                throw PluginError.authenticationRequired(
                    token.map { "GitHub refused the token from \($0.source) (401 Bad credentials); renew it or set a valid one with SKILLMEAT_GITHUB_TOKEN, GITHUB_TOKEN, --token or `gh auth login`." }
                        ?? "GitHub asked for credentials (401); set a token with SKILLMEAT_GITHUB_TOKEN, GITHUB_TOKEN, --token or `gh auth login`."
                )
            // Secondary rate limits come as 403 with a message (and often `Retry-After`) rather than
            // a spent budget; GitHub asks clients to wait at least a minute before trying again.
            case 403 where rate.isExhausted || message?.range(of: "rate limit", options: .caseInsensitive) != nil, 429:
                let now = clock.now()
                let wait = rate.wait(from: now) ?? 60
                if wait <= Double(retry.longestRateLimitWait.components.seconds), rateLimitWaits < 3 {
                    rateLimitWaits += 1
                    logger.info("GitHub rate limit reached; waiting for it to reset", metadata: ["seconds": "\(Int(wait.rounded(.up)))"])
                    try await clock.sleep(.seconds(Int(wait.rounded(.up)) + 1))
                    continue
                }
                let resetsAt = rate.reset ?? rate.retryAfter.map { now.addingTimeInterval(TimeInterval($0)) }
                throw PluginError.rateLimited(
                    resetsAt: resetsAt,
                    message: GitHubRateLimit.message(resetsAt: resetsAt, now: now, limit: rate.limit, usedToken: token != nil, webHost: configuration.webHost)
                )
            case 500...599:
                if retries < retry.maximumRetries {
                    retries += 1
                    logger.debug("GitHub server error; retrying", metadata: ["path": "\(path)", "status": "\(status)", "retry": "\(retries)"])
                    try await clock.sleep(retry.backoff(beforeRetry: retries))
                    continue
                }
                throw PluginError.network("GitHub kept answering HTTP \(status) to \(path) after \(retries + 1) attempts; try again later.")
            default:
                throw GitHubAPIFailure(status: status, message: message, path: path, sentToken: token != nil)
            }
        }
    }

    private func makeURL(_ path: String, query: [URLQueryItem]) throws -> URL {
        var text = configuration.apiURL.absoluteString + path
        if !query.isEmpty {
            text += "?" + query.map { "\($0.name)=\($0.value ?? "")" }.joined(separator: "&")
        }
        guard let url = URL(string: text) else {
            throw PluginError.invalidReference(path, reason: "it does not form a valid GitHub API URL")
        }
        return url
    }

    /// Encodes one path segment (a ref may hold `/`, which stays a separator as GitHub expects).
    static func encode(_ segment: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%;")
        return segment.addingPercentEncoding(withAllowedCharacters: allowed) ?? segment
    }

    /// GitHub's `{"message": …}` from an error body.
    static func message(in body: Data) -> String? {
        struct ErrorBody: Decodable { var message: String? }
        return (try? JSONDecoder().decode(ErrorBody.self, from: body))?.message
    }

    static func isTransient(_ error: any Error) -> Bool {
        guard let code = (error as? URLError)?.code else { return false }
        return [.timedOut, .networkConnectionLost, .cannotConnectToHost, .badServerResponse, .cannotParseResponse].contains(code)
    }

    static func describe(_ error: any Error) -> String {
        guard let code = (error as? URLError)?.code else { return "\(type(of: error))" }
        switch code {
        case .timedOut: return "the request timed out"
        case .networkConnectionLost: return "the connection dropped"
        case .cannotConnectToHost: return "the connection was refused"
        case .cannotFindHost, .dnsLookupFailed: return "the host name could not be resolved"
        case .notConnectedToInternet: return "there is no network connection"
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate:
            return "the TLS connection could not be established"
        default: return "URL error \(code.rawValue)"
        }
    }
}

/// A GitHub answer the caller words itself (it knows the repository and ref).
struct GitHubAPIFailure: Error, Sendable {
    var status: Int
    var message: String?
    var path: String
    var sentToken: Bool
}
