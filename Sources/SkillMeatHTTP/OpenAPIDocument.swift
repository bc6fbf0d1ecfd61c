import Hummingbird
import NIOCore
import SkillMeatCore
import SkillMeatPluginAPI

/// The OpenAPI 3.1 document of the API, built from the same route table as the router.
enum OpenAPIDocument {
    static let path = "/api/v1/openapi.json"

    static let operation = APIOperation(
        id: "openAPI", tag: "system", summary: "This OpenAPI 3.1 document.", response: Schema.anyObject
    )

    /// The route serving the document of `routes` and of itself; the document is rendered once.
    static func route(describing routes: [APIRoute]) -> APIRoute {
        var writer = JSONWriter(pretty: false, capacity: 1 << 16)
        writer.write(rendered(describing: routes))
        let bytes = writer.bytes
        return APIRoute(method: .get, path: path, operation: operation) { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        }
    }

    /// The document of `routes` and of the route serving it, as that route serves it.
    static func rendered(describing routes: [APIRoute]) -> JSONValue {
        let placeholder = APIRoute(method: .get, path: path, operation: operation) { _, _ in Response(status: .noContent) }
        return document(routes + [placeholder])
    }

    static let errorDescriptions: [Int: String] = [
        400: "Bad input: a malformed id, query parameter or value, or a query parameter the endpoint does not take.",
        401: "The bearer token is missing or wrong (when the server has one).",
        403: "Refused: a state-changing request from a web origin that is neither the server's own nor in server.cors_origins, or a source that needs credentials (a private repository without a GitHub token).",
        404: "An unknown id, entry, collection or path.",
        409: "A conflict: the source or name already exists.",
        413: "The request body is larger than 1 MiB.",
        415: "The request has a body that is not sent as Content-Type: application/json (charset utf-8 at most).",
        421: "The Host header is not an address the server answers to (its bound address, loopback names, server.allowed_hosts).",
        422: "The body is not JSON or a field has the wrong type.",
        429: "GitHub's rate limit is spent; Retry-After says when to try again.",
        500: "An unexpected failure (file-system errors included).",
        502: "An upstream tool (git) failed.",
        503: "A dependency is down: the cache database or the network to GitHub.",
    ]

    static func document(_ routes: [APIRoute]) -> JSONValue {
        var paths: [String: [String: JSONValue]] = [:]
        for route in routes {
            paths[route.openAPIPath, default: [:]][route.method.rawValue.lowercased()] = operationObject(route)
        }
        var responses: [String: JSONValue] = [:]
        for (status, description) in errorDescriptions {
            var response: [String: JSONValue] = [
                "description": .string(description),
                "content": .object(["application/json": .object(["schema": Schema.ref("Error")])]),
            ]
            if status == 429 {
                response["headers"] = .object(["Retry-After": .object([
                    "description": .string("Seconds until the rate limit resets."), "schema": Schema.integer,
                ])])
            }
            responses["E\(status)"] = .object(response)
        }
        return .object([
            "openapi": .string("3.1.0"),
            "info": .object([
                "title": .string("SkillMeat API"),
                "version": .string(SkillMeatVersion.current),
                "description": .string("Manage AI coding-agent artifacts: collections, marketplace sources, catalogs, imports. Errors are {\"detail\": \"...\", \"hint\": {\"action\": ...}} (hint when there is something to do)."),
            ]),
            "paths": .object(paths.mapValues { .object($0) }),
            "components": .object([
                "schemas": .object(Schema.components),
                "responses": .object(responses),
                "securitySchemes": .object(["bearer": .object(["type": .string("http"), "scheme": .string("bearer")])]),
            ]),
        ])
    }

    static func operationObject(_ route: APIRoute) -> JSONValue {
        let operation = route.operation
        var object: [String: JSONValue] = [
            "operationId": .string(operation.id),
            "tags": .array([.string(operation.tag)]),
            "summary": .string(operation.summary),
        ]
        if !operation.parameters.isEmpty {
            object["parameters"] = .array(operation.parameters.map { parameter in
                .object([
                    "name": .string(parameter.name), "in": .string(parameter.location.rawValue), "required": .bool(parameter.required),
                    "description": .string(parameter.description), "schema": parameter.schema,
                ])
            })
        }
        if let body = operation.body {
            object["requestBody"] = .object([
                "required": .bool(operation.bodyRequired),
                "content": .object(["application/json": .object(["schema": body])]),
            ])
        }
        var success: [String: JSONValue] = ["description": .string(operation.responseDescription)]
        if let schema = operation.response {
            success["content"] = .object(["application/json": .object(["schema": schema])])
        }
        var responses: [String: JSONValue] = [String(operation.status): .object(success)]
        for status in operation.alsoStatuses {
            responses[String(status)] = .object(success)
        }
        // Any endpoint refuses a query parameter it does not take (400).
        var errors = Set(operation.errors + [400, 421, 500])
        if operation.body != nil { errors.formUnion([413, 415, 422]) }
        if OriginCheckMiddleware.stateChanging.contains(route.method) { errors.insert(403) }
        // Only /health answers without the token; every other route can say 401 when one is set.
        let open = route.path == "/health"
        if !open { errors.insert(401) }
        for status in errors {
            responses[String(status)] = .object(["$ref": .string("#/components/responses/E\(status)")])
        }
        object["responses"] = .object(responses)
        object["security"] = open ? .array([]) : .array([.object(["bearer": .array([])])])
        return .object(object)
    }
}
