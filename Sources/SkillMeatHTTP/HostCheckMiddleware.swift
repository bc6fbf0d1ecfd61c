import Hummingbird

/// Refuses requests whose `Host` is not an address the server answers to (`HostPolicy`), before
/// anything else runs: the defence against DNS rebinding, which lets any web page reach a server
/// on loopback under the page's own name.
struct HostCheckMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    let policy: HostPolicy

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // HTTP/1 puts the first Host in the authority and leaves any further ones in the fields.
        // Browsers always send Host, so a request without one does not come from a web page.
        let values = [request.head.authority].compactMap { $0 } + request.headers.filter { $0.name.canonicalName == "host" }.map(\.value)
        if let refused = values.first(where: { !policy.allows($0) }) {
            throw APIError(
                status: .misdirectedRequest,
                detail: "This server does not answer to the host '\(refused)'; use the address it listens on, or add the name to server.allowed_hosts."
            )
        }
        return try await next(request, context)
    }
}
