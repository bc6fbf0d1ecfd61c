import Foundation
import Hummingbird

/// Requires `Content-Type: application/json` (optionally `; charset=utf-8`) on every request that
/// has a body, before any handler runs. Browsers send `text/plain`, form and multipart bodies to
/// any site without a preflight; refusing them here means a web page cannot smuggle JSON to the
/// API in one of those.
struct JSONBodyMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let contentType = request.headers[.contentType]
        if let contentType, Self.isJSON(contentType) {
            return try await next(request, context)
        }
        // Whether there is a body is known only by reading it (a chunked body has no length);
        // the handler then reads the collected copy.
        var request = request
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        guard body.readableBytes == 0 else {
            let given = contentType.map { "'\($0)'" } ?? "no Content-Type"
            throw APIError(
                status: .unsupportedMediaType,
                detail: "The request body must be JSON sent as 'Content-Type: application/json', not \(given)."
            )
        }
        return try await next(request, context)
    }

    /// `application/json` with no parameter but `charset=utf-8` (JSON is UTF-8, RFC 8259).
    static func isJSON(_ contentType: String) -> Bool {
        let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard parts.first == "application/json" else { return false }
        return parts.dropFirst().allSatisfy { parameter in
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            return parameter.isEmpty || (pair.count == 2 && pair[0] == "charset" && pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")) == "utf-8")
        }
    }
}
