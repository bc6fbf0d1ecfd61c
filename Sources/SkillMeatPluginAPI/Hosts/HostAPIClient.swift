public import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
public import Logging

/// Speaks a source host's REST API: conditional requests against the disk cache, retries of 5xx
/// answers and dropped connections with exponential backoff, rate-limit waits, and errors worded for
/// a user. Answers other than 2xx/304 that need the caller's context (404, 409, 422, …) come back as
/// `HostAPIFailure` so the provider can say which repository or ref was missing. GitHub, GitLab and
/// Gitea differ only in their `HostAPI`.
public struct HostAPIClient: Sendable {
    public enum Caching: Sendable {
        /// Send the cached ETag as `If-None-Match`; a 304 reuses the cached body.
        case revalidate
        /// The URL names content by its sha and never changes: a cached body is used without a request.
        case immutable
    }

    public let api: HostAPI
    public let tokens: HostTokenResolver
    let transport: any HostTransport
    public let cache: HostResponseCache
    let clock: HostClock
    let retry: HostRetryPolicy
    let logger: Logger

    public init(
        api: HostAPI,
        tokens: HostTokenResolver,
        transport: any HostTransport = URLSessionHostTransport(),
        cache: HostResponseCache,
        clock: HostClock,
        retry: HostRetryPolicy,
        logger: Logger
    ) {
        self.api = api
        self.tokens = tokens
        self.transport = transport
        self.cache = cache
        self.clock = clock
        self.retry = retry
        self.logger = logger
    }

    /// GETs `path` (already percent-encoded, starting with `/`) and returns the body.
    public func get(
        _ path: String,
        query: [URLQueryItem] = [],
        accept: String? = nil,
        caching: Caching,
        log: HostRequestLog
    ) async throws -> Data {
        let accept = accept ?? api.defaultAccept
        let url = try makeURL(path, query: query)
        let key = cache.key(url: url, accept: accept)
        let cached = cache.load(key)
        if caching == .immutable, let cached {
            log.record(HostRequestRecord(path: path, status: nil, outcome: .cached))
            return cached.body
        }
        let (body, response) = try await exchange(path: path, url: url, accept: accept, etag: cached?.etag, log: log) { request in
            try await transport.data(for: request)
        } failureBody: { $0 }
        if response.statusCode == 304 {
            guard let cached else {
                throw PluginError.network("\(api.name) answered 304 Not Modified to \(path) although nothing was cached; run the command again.")
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
    public func download(_ path: String, query: [URLQueryItem] = [], accept: String? = nil, log: HostRequestLog) async throws -> URL {
        let url = try makeURL(path, query: query)
        let (file, _) = try await exchange(path: path, url: url, accept: accept ?? api.defaultAccept, etag: nil, log: log) { request in
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
        log: HostRequestLog,
        send: (URLRequest) async throws -> (Body, HTTPURLResponse),
        failureBody: (Body) -> Data
    ) async throws -> (Body, HTTPURLResponse) {
        let token = await tokens.token()
        var request = URLRequest(url: url)
        request.httpMethod = "GET"
        request.setValue(accept, forHTTPHeaderField: "Accept")
        for (name, value) in api.headers { request.setValue(value, forHTTPHeaderField: name) }
        request.setValue("SkillMeat", forHTTPHeaderField: "User-Agent")
        if let token { request.setValue(token.headerValue(prefix: api.tokenHeader.prefix), forHTTPHeaderField: api.tokenHeader.name) }
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
                log.record(HostRequestRecord(path: path, status: nil, outcome: .failed))
                let reason = Self.describe(error)
                if Self.isTransient(error), retries < retry.maximumRetries {
                    retries += 1
                    logger.debug("Source host request failed; retrying", metadata: ["host": "\(api.name)", "path": "\(path)", "reason": "\(reason)", "retry": "\(retries)"])
                    try await clock.sleep(retry.backoff(beforeRetry: retries))
                    continue
                }
                let host = url.host ?? api.webHost
                throw PluginError.network("Could not reach \(api.name) at \(host) (\(reason)); check the network connection\(api.unreachableAdvice).")
            }

            let status = response.statusCode
            let rate = HostRateLimit { response.value(forHTTPHeaderField: $0) }
            if (200..<300).contains(status) || status == 304 {
                let metered = api.meteredWithoutHeaders || rate.limit != nil || rate.remaining != nil
                log.record(HostRequestRecord(path: path, status: status, outcome: status == 304 ? .notModified : metered ? .fetched : .unmetered))
                logger.trace("Source host request", metadata: ["host": "\(api.name)", "path": "\(path)", "status": "\(status)", "rate.remaining": "\(rate.remaining.map(String.init) ?? "-")"])
                return (body, response)
            }
            log.record(HostRequestRecord(path: path, status: status, outcome: .failed))
            let errorBody = failureBody(body)
            let message = Self.message(in: errorBody)?.redacting(token)
            logger.debug("Source host request failed", metadata: ["host": "\(api.name)", "path": "\(path)", "status": "\(status)"])

            switch status {
            case 401:
                throw PluginError.authenticationRequired(
                    token.map { "\(api.name) refused the token from \($0.source) (401 Bad credentials); renew it or set a valid one with \(api.tokenHint)." }
                        ?? "\(api.name) asked for credentials (401); set a token with \(api.tokenHint)."
                )
            // Secondary rate limits come as 403 with a message (and often `Retry-After`) rather than
            // a spent budget; hosts ask clients to wait at least a minute before trying again.
            case 403 where rate.isExhausted || message?.range(of: "rate limit", options: .caseInsensitive) != nil, 429:
                let now = clock.now()
                let wait = rate.wait(from: now) ?? 60
                if wait <= Double(retry.longestRateLimitWait.components.seconds), rateLimitWaits < 3 {
                    rateLimitWaits += 1
                    logger.info("Source host rate limit reached; waiting for it to reset", metadata: ["host": "\(api.name)", "seconds": "\(Int(wait.rounded(.up)))"])
                    try await clock.sleep(.seconds(Int(wait.rounded(.up)) + 1))
                    continue
                }
                let resetsAt = rate.reset ?? rate.retryAfter.map { now.addingTimeInterval(TimeInterval($0)) }
                throw PluginError.rateLimited(
                    resetsAt: resetsAt,
                    message: HostRateLimit.message(
                        hostName: api.name, period: api.rateLimitPeriod, resetsAt: resetsAt, now: now, limit: rate.limit,
                        usedToken: token != nil, tokenAdvice: api.rateLimitAdvice
                    )
                )
            case 500...599:
                if retries < retry.maximumRetries {
                    retries += 1
                    logger.debug("Source host server error; retrying", metadata: ["host": "\(api.name)", "path": "\(path)", "status": "\(status)", "retry": "\(retries)"])
                    try await clock.sleep(retry.backoff(beforeRetry: retries))
                    continue
                }
                throw PluginError.network("\(api.name) kept answering HTTP \(status) to \(path) after \(retries + 1) attempts; try again later.")
            default:
                throw HostAPIFailure(status: status, message: message, path: path, sentToken: token != nil)
            }
        }
    }

    private func makeURL(_ path: String, query: [URLQueryItem]) throws -> URL {
        var text = api.apiURL.absoluteString + path
        if !query.isEmpty {
            text += "?" + query.map { "\($0.name)=\($0.value ?? "")" }.joined(separator: "&")
        }
        guard let url = URL(string: text) else {
            throw PluginError.invalidReference(path, reason: "it does not form a valid \(api.name) API URL")
        }
        return url
    }

    /// Encodes one path segment (a ref may hold `/`, which stays a separator as GitHub expects).
    public static func encode(_ segment: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%;")
        return segment.addingPercentEncoding(withAllowedCharacters: allowed) ?? segment
    }

    /// Encodes `text` as one opaque path segment or query value: `/` too becomes `%2F` (GitLab's
    /// `projects/group%2Fsub%2Fproject` and refs).
    public static func encodeComponent(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// The `{"message": …}` (GitHub, GitLab, Gitea) or `{"error": …}` (GitLab) of an error body.
    static func message(in body: Data) -> String? {
        struct ErrorBody: Decodable {
            var message: String?
            var error: String?
        }
        let decoded = try? JSONDecoder().decode(ErrorBody.self, from: body)
        return decoded?.message ?? decoded?.error
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

/// An answer the caller words itself (it knows the repository and ref).
public struct HostAPIFailure: Error, Sendable {
    public var status: Int
    public var message: String?
    public var path: String
    public var sentToken: Bool

    /// Runs `body`; a failure of the host's API is thrown as the error `word` makes of it, any other
    /// error as it is.
    public static func mapping<T>(_ word: (HostAPIFailure) -> PluginError, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let failure as HostAPIFailure {
            throw word(failure)
        }
    }

    /// The sentence for this failure on `repository` of `api`'s host: a 404 is a missing repository
    /// (or one the token cannot see, or a private one needing a token), a 403 a refusal, the rest the
    /// host's own answer.
    public func pluginError(repository: String, api: HostAPI) -> PluginError {
        switch status {
        case 404 where sentToken:
            return .notFound("the repository \(repository) on \(api.webHost), or the token in use has no access to it")
        case 404:
            return .notFound("the repository \(repository) on \(api.webHost); if it is private, give SkillMeat a token with \(api.tokenHint)")
        case 403:
            let detail = message.map { " (\($0))" } ?? ""
            return .authenticationRequired("\(api.name) refused access to \(repository)\(detail); check that the token may read this repository.")
        default:
            let detail = message.map { ": \($0)" } ?? ""
            return .network("\(api.name) answered HTTP \(status) to \(path)\(detail).")
        }
    }
}
