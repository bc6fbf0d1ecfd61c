import Hummingbird

/// Cross-origin access for the origins in `server.cors_origins` (`*` for any): answers preflight
/// requests itself and marks allowed origins on every response. Requests from other origins get no
/// CORS headers, so browsers refuse them; other clients are unaffected.
struct CORSPolicyMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    let origins: Set<String>

    static let allowedMethods = "GET, POST, PATCH, DELETE, OPTIONS"
    static let allowedHeaders = "Authorization, Content-Type, Accept"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let origin = request.headers[.origin], allows(origin) else {
            return try await next(request, context)
        }
        let allowOrigin = origins.contains("*") ? "*" : origin
        if request.method == .options, request.headers[.accessControlRequestMethod] != nil {
            return Response(status: .noContent, headers: [
                .accessControlAllowOrigin: allowOrigin,
                .accessControlAllowMethods: Self.allowedMethods,
                .accessControlAllowHeaders: Self.allowedHeaders,
                .accessControlMaxAge: "600",
                .vary: "Origin",
            ])
        }
        var response = try await next(request, context)
        response.headers[.accessControlAllowOrigin] = allowOrigin
        response.headers[.accessControlExposeHeaders] = "Retry-After"
        response.headers[.vary] = "Origin"
        return response
    }

    func allows(_ origin: String) -> Bool {
        origin != "null" && (origins.contains("*") || origins.contains(origin))
    }
}
