import Foundation
import Hummingbird
import Logging
import NIOCore
import SkillMeatCore
import SkillMeatPluginAPI

/// An error response: `{"detail": "...", "hint": {...}}` with its status and, for rate limits,
/// `Retry-After`. `detail` is the core's sentence; `hint`, when there is one, is what to do as fields.
struct APIError: HTTPResponseError {
    var status: HTTPResponse.Status
    var detail: String
    var hint: Hint?
    var extraHeaders: HTTPFields = [:]

    var headers: HTTPFields {
        var fields: HTTPFields = [.contentType: "application/json"]
        fields.append(contentsOf: extraHeaders)
        return fields
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        response()
    }

    func response() -> Response {
        var writer = JSONWriter(pretty: false, capacity: detail.utf8.count + 16)
        writer.beginObject()
        writer.field("detail", detail)
        if let hint {
            writer.key("hint")
            writer.write(hint.fields)
        }
        writer.endObject()
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: writer.bytes)))
    }

    /// The status and headers a core error answers with. Only this module maps errors to HTTP.
    init(_ error: SkillMeatError, now: Date = Date()) {
        detail = error.description
        hint = error.hint
        switch error {
        case .invalidArgument, .malformedFile: status = .badRequest
        case .notFound: status = .notFound
        case .conflict: status = .conflict
        case .invalidConfiguration: status = .unprocessableContent
        // Both mean the server cannot do its work right now, not that the request was wrong.
        case .database, .notInitialized: status = .serviceUnavailable
        case .io: status = .internalServerError
        case .plugin(_, let pluginError):
            switch pluginError {
            case .rateLimited(let resetsAt, _):
                status = .tooManyRequests
                let seconds = resetsAt.map { max(1, Int($0.timeIntervalSince(now).rounded(.up))) } ?? 60
                extraHeaders = [.retryAfter: String(seconds)]
            case .network: status = .serviceUnavailable
            case .commandFailed: status = .badGateway
            case .notFound: status = .notFound
            case .invalidReference, .unsafePath, .unsupported: status = .badRequest
            case .authenticationRequired: status = .forbidden
            case .malformed: status = .unprocessableContent
            case .io: status = .internalServerError
            }
        }
    }

    init(status: HTTPResponse.Status, detail: String, hint: Hint? = nil, headers: HTTPFields = [:]) {
        self.status = status
        self.detail = detail
        self.hint = hint
        self.extraHeaders = headers
    }
}

/// Turns every error into a `{"detail": "..."}` response with a fitting status — Hummingbird's own
/// (unknown route, body too large) included; never a stack trace. It returns the response rather
/// than throwing it, so the CORS middleware outside it can still add its headers.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return error.response()
        } catch let error as SkillMeatError {
            return APIError(error).response()
        } catch let error as HTTPError {
            return APIError(status: error.status, detail: Self.detail(for: error.status, body: error.body)).response()
        } catch let error as any HTTPResponseError {
            return APIError(status: error.status, detail: Self.detail(for: error.status, body: nil)).response()
        } catch {
            context.logger.error("Unhandled error", metadata: ["error": "\(error)"])
            return APIError(status: .internalServerError, detail: "The server failed to handle the request; see its log.").response()
        }
    }

    /// Hummingbird's own errors (unknown route, body too large) in the API's words.
    static func detail(for status: HTTPResponse.Status, body: String?) -> String {
        switch status {
        case .notFound: return "There is no such endpoint; GET /api/v1/openapi.json lists them."
        case .contentTooLarge: return "The request body is larger than \(APIBody.maxBytes / 1024) KiB; send less."
        case .methodNotAllowed: return "This endpoint does not take that method; GET /api/v1/openapi.json lists them."
        default: return body.flatMap { $0.isEmpty ? nil : $0 } ?? status.reasonPhrase
        }
    }
}
