import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The HTTP layer under the API client: one request in, one response out.
protocol GitHubTransport: Sendable {
    /// Sends `request`; follows redirects, but never carries the `Authorization` header to another host.
    func data(for request: URLRequest) async throws -> (Data, HTTPURLResponse)
    /// Like `data(for:)`, writing the body to a temporary file the caller then owns.
    func download(for request: URLRequest) async throws -> (URL, HTTPURLResponse)
}

/// `URLSession` without its own cache (the client keeps one keyed by ETag, and a hidden URL cache
/// would make 304 accounting lie).
struct URLSessionTransport: GitHubTransport {
    let session: URLSession

    init() {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.timeoutIntervalForRequest = 60
        configuration.timeoutIntervalForResource = 30 * 60
        configuration.httpAdditionalHeaders = ["User-Agent": "SkillMeat"]
        session = URLSession(configuration: configuration, delegate: RedirectGuard(), delegateQueue: nil)
    }

    func data(for request: URLRequest) async throws -> (Data, HTTPURLResponse) {
        let (data, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
        return (data, http)
    }

    func download(for request: URLRequest) async throws -> (URL, HTTPURLResponse) {
        let (file, response) = try await session.download(for: request)
        guard let http = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
        return (file, http)
    }
}

/// Drops the `Authorization` header when a redirect leaves the original host: the tarball endpoint
/// redirects to a download host that must not receive the token.
final class RedirectGuard: NSObject, URLSessionTaskDelegate, Sendable {
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
            next.setValue(nil, forHTTPHeaderField: "Authorization")
        }
        completionHandler(next)
    }
}
