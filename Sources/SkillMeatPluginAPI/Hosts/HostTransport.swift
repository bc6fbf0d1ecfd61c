public import Foundation
#if canImport(FoundationNetworking)
public import FoundationNetworking
#endif

/// The HTTP layer under `HostAPIClient`: one request in, one response out.
public protocol HostTransport: Sendable {
    /// Sends `request`; follows redirects, but never carries credentials to another host.
    func data(for request: URLRequest) async throws -> (Data, HTTPURLResponse)
    /// Like `data(for:)`, writing the body to a temporary file the caller then owns.
    func download(for request: URLRequest) async throws -> (URL, HTTPURLResponse)
}

/// `URLSession` without its own cache (the client keeps one keyed by ETag, and a hidden URL cache
/// would make 304 accounting lie).
public struct URLSessionHostTransport: HostTransport {
    /// One session for the whole process. Each session holds descriptors (curl's wake-up pair, its
    /// idle connections) for as long as it lives, and a session per provider let a busy `serve` or a
    /// parallel test run pile up over a thousand of them; one session also reuses its connections.
    static let shared: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.timeoutIntervalForRequest = 60
        configuration.timeoutIntervalForResource = 30 * 60
        configuration.httpAdditionalHeaders = ["User-Agent": "SkillMeat"]
        return URLSession(configuration: configuration, delegate: RedirectGuard(), delegateQueue: nil)
    }()

    let session: URLSession

    public init() {
        session = Self.shared
    }

    public func data(for request: URLRequest) async throws -> (Data, HTTPURLResponse) {
        let (data, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
        return (data, http)
    }

    public func download(for request: URLRequest) async throws -> (URL, HTTPURLResponse) {
        let (file, response) = try await session.download(for: request)
        guard let http = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
        return (file, http)
    }
}

/// Drops every credential header when a redirect leaves the original host: GitHub's tarball endpoint
/// redirects to a download host that must not receive the token.
final class RedirectGuard: NSObject, URLSessionTaskDelegate, Sendable {
    /// The headers that carry a token on the hosts SkillMeat reads.
    static let credentialHeaders = ["Authorization", "PRIVATE-TOKEN"]

    func urlSession(
        _ session: URLSession,
        task: URLSessionTask,
        willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest,
        completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        var next = request
        let from = task.originalRequest?.url
        if next.url?.host?.lowercased() != from?.host?.lowercased() || next.url?.port != from?.port {
            for header in Self.credentialHeaders { next.setValue(nil, forHTTPHeaderField: header) }
        }
        completionHandler(next)
    }
}
