import Hummingbird

/// Requires `Authorization: Bearer <token>` on every request but `GET /health` and the web UI's
/// pages and files (which hold no data; the UI sends the token with its API calls), comparing in
/// constant time so the answer's timing does not tell how much of a guess was right.
struct BearerTokenMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    let token: [UInt8]

    init(token: String) {
        self.token = Array(token.utf8)
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.method == .get, request.uri.path == "/health" || WebUIRoutes.isWebUIRequest(request) {
            return try await next(request, context)
        }
        guard let header = request.headers[.authorization], header.count > 7, header.prefix(7).lowercased() == "bearer " else {
            throw Self.unauthorized("This server needs a bearer token: send 'Authorization: Bearer <token>'.")
        }
        guard Self.constantTimeEquals(Array(header.utf8.dropFirst(7)), token) else {
            throw Self.unauthorized("The bearer token is wrong; use the token the server was started with.")
        }
        return try await next(request, context)
    }

    static func unauthorized(_ detail: String) -> APIError {
        APIError(status: .unauthorized, detail: detail, headers: [.wwwAuthenticate: "Bearer"])
    }

    /// Whether `given` equals `expected`, looking at every byte of `expected` whatever differs first:
    /// the time taken depends only on the expected token's length.
    static func constantTimeEquals(_ given: [UInt8], _ expected: [UInt8]) -> Bool {
        // A length mismatch is a difference of its own (truncating the lengths' XOR to a byte would
        // miss lengths 256 apart).
        var difference: UInt8 = given.count == expected.count ? 0 : 1
        for index in expected.indices {
            let byte = index < given.count ? given[index] : 0
            difference |= byte ^ expected[index]
        }
        return difference == 0
    }
}
