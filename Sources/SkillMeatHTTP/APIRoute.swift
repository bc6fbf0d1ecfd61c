import Hummingbird
import SkillMeatPluginAPI

/// One endpoint: how the router matches it, what the OpenAPI document says about it, and the
/// handler. The router and the document are both built from one table of these, so they cannot
/// disagree about which endpoints exist.
struct APIRoute: Sendable {
    typealias Handler = @Sendable (Request, APIRequestContext) async throws -> Response

    var method: HTTPRequest.Method
    /// In Hummingbird's syntax: `{name}` captures one segment, `**` the rest of the path.
    var path: String
    var operation: APIOperation
    var handler: Handler

    /// The path as OpenAPI writes it: `**` becomes `{path}`.
    var openAPIPath: String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { $0 == "**" ? "{path}" : String($0) }.joined(separator: "/")
    }
}

/// The OpenAPI description of one endpoint.
struct APIOperation: Sendable {
    var id: String
    var tag: String
    var summary: String
    var parameters: [APIParameter] = []
    /// The request body's schema, if the endpoint takes one; `bodyRequired` when it may not be empty.
    var body: JSONValue? = nil
    var bodyRequired = false
    var status = 200
    /// Further success statuses answered with the same body (200 for a create that found it there).
    var alsoStatuses: [Int] = []
    var response: JSONValue? = nil
    var responseDescription = "OK"
    /// Error statuses the endpoint can answer with, besides those every endpoint can (401, 500).
    var errors: [Int] = []

    /// The query parameters the endpoint takes; the router refuses any other (400).
    var queryNames: Set<String> {
        Set(parameters.filter { $0.location == .query }.map(\.name))
    }
}

/// A path or query parameter.
struct APIParameter: Sendable {
    enum Location: String, Sendable { case path, query }

    var name: String
    var location: Location
    var schema: JSONValue
    var description: String
    var required: Bool

    static func path(_ name: String, _ description: String) -> APIParameter {
        APIParameter(name: name, location: .path, schema: Schema.string, description: description, required: true)
    }

    static func query(_ name: String, _ schema: JSONValue, _ description: String) -> APIParameter {
        APIParameter(name: name, location: .query, schema: schema, description: description, required: false)
    }

    /// A text query parameter.
    static func query(_ name: String, _ description: String) -> APIParameter {
        query(name, Schema.string, description)
    }
}
