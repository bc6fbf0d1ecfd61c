import Hummingbird

/// Refuses state-changing requests (POST, PUT, PATCH, DELETE) sent by a web page of another origin:
/// browsers send such requests without asking first when they look like forms, so CORS alone does
/// not stop them. The server's own origin (a web UI it serves) and `server.cors_origins` are
/// allowed; requests without `Origin` (curl, scripts, the CLI) are not browsers' and pass.
struct OriginCheckMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    let corsOrigins: Set<String>

    static let stateChanging: Set<HTTPRequest.Method> = [.post, .put, .patch, .delete]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard Self.stateChanging.contains(request.method), let origin = request.headers[.origin] else {
            return try await next(request, context)
        }
        guard allows(origin, host: request.head.authority) else {
            throw APIError(
                status: .forbidden,
                detail: "Requests that change things are refused from the web origin '\(origin)'; add it to server.cors_origins to allow it."
            )
        }
        return try await next(request, context)
    }

    /// Whether `origin` is the server's own (`http(s)://` and the `Host` the request was sent to,
    /// which `HostCheckMiddleware` has checked) or a configured one. `null` (sandboxed frames, files)
    /// is never allowed.
    func allows(_ origin: String, host: String?) -> Bool {
        if origin == "null" { return false }
        if corsOrigins.contains("*") || corsOrigins.contains(origin) { return true }
        guard let host else { return false }
        let lowered = origin.lowercased()
        return lowered == "http://" + host.lowercased() || lowered == "https://" + host.lowercased()
    }
}
