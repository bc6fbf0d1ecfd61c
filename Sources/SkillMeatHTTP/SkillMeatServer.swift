public import Hummingbird
import Logging
public import SkillMeatCore
public import SkillMeatRegistry

/// The HTTP API (`skillmeat serve`): JSON under `/api/v1`, errors as `{"detail": "..."}`.
public enum SkillMeatServer {
    /// The routes of the API over `runtime`.
    public static func router(runtime: SkillMeatRuntime) -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: ErrorMiddleware())
        router.get("/health") { _, _ in
            HealthResponse(status: "ok", version: SkillMeatVersion.current)
        }
        let api = router.group("/api/v1")
        api.get("/plugins") { _, _ in
            runtime.plugins.entries.map(PluginSummary.init)
        }
        return router
    }

    /// Serves until SIGINT or SIGTERM, then shuts down gracefully.
    public static func serve(runtime: SkillMeatRuntime, settings: ServerSettings) async throws {
        try settings.validate()
        let application = Application(
            router: router(runtime: runtime),
            configuration: ApplicationConfiguration(address: .hostname(settings.host, port: settings.port), serverName: "skillmeat"),
            logger: runtime.logger
        )
        try await application.runService()
    }
}

struct HealthResponse: ResponseEncodable {
    var status: String
    var version: String
}

extension PluginSummary: ResponseEncodable {}

/// Turns every error into `{"detail": "..."}` with a fitting status; never a stack trace.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as any HTTPResponseError {
            throw error
        } catch let error as SkillMeatError {
            throw APIError(status: APIError.status(for: error), detail: error.description)
        } catch {
            context.logger.error("Unhandled error", metadata: ["error": "\(error)"])
            throw APIError(status: .internalServerError, detail: "The server failed to handle the request.")
        }
    }
}

/// An API error response.
struct APIError: HTTPResponseError {
    var status: HTTPResponse.Status
    var detail: String

    var headers: HTTPFields { [.contentType: "application/json"] }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = JSONValueEncoding.detail(detail)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    static func status(for error: SkillMeatError) -> HTTPResponse.Status {
        switch error {
        case .invalidArgument, .malformedFile: .badRequest
        case .notFound: .notFound
        case .conflict: .conflict
        case .invalidConfiguration: .unprocessableContent
        default: .internalServerError
        }
    }
}

enum JSONValueEncoding {
    /// `{"detail": "..."}` with the text escaped as JSON.
    static func detail(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            default:
                if scalar.value < 0x20 {
                    escaped += "\\u" + String(scalar.value, radix: 16).leftPadded(to: 4)
                } else {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        return "{\"detail\":\"\(escaped)\"}"
    }
}

extension String {
    func leftPadded(to length: Int) -> String {
        String(repeating: "0", count: max(0, length - count)) + self
    }
}
