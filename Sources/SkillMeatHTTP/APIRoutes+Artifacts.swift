import Foundation
import Hummingbird
import SkillMeatCore
import SkillMeatPluginAPI
import SkillMeatRegistry

extension APIRoutes {
    static let listParameters: [APIParameter] = [
        .query("type", Schema.enumeration(ArtifactType.allCases.map(\.rawValue)), "Only artifacts of this type."),
        .query("tag", "Only artifacts with this tag."),
        .query("search", "Only artifacts whose name, description or tags contain this text."),
        .query("limit", .object(["type": .string("integer"), "minimum": .int(1), "maximum": .int(500), "default": .int(50)]), "At most this many items."),
        .query("cursor", "The next_cursor of the previous page."),
    ]

    var artifactRoutes: [APIRoute] {
        [
            APIRoute(
                method: .get, path: "/api/v1/artifacts",
                operation: APIOperation(
                    id: "listArtifacts", tag: "artifacts", summary: "The artifacts of a collection, a page at a time, with their deployments.",
                    parameters: [.query("collection", "The collection (default: collection.default).")] + Self.listParameters,
                    response: Schema.page(of: "Artifact"), errors: [400, 404, 503]
                )
            ) { [services] request, _ in
                try await services.listArtifacts(request, collection: QueryParameters(request: request).string("collection"))
            },
            APIRoute(
                method: .get, path: "/api/v1/artifacts/{id}",
                operation: APIOperation(
                    id: "getArtifact", tag: "artifacts", summary: "One artifact: metadata, location, files, deployments, state.",
                    parameters: [.path("id", Self.idPattern), .query("collection", "The collection (default: collection.default).")],
                    response: Schema.ref("ArtifactDetail"), errors: [400, 404, 503]
                )
            ) { [services] request, context in
                let id = try Self.artifactID(context)
                let service = try services.collection(QueryParameters(request: request).string("collection"))
                return try APIBody.json(try await service.show(id.name, type: id.type))
            },
            APIRoute(
                method: .delete, path: "/api/v1/artifacts/{id}",
                operation: APIOperation(
                    id: "deleteArtifact", tag: "artifacts",
                    summary: "Remove an artifact (a snapshot first) from the collection named, else from the one collection that has it; its catalog entries become new again.",
                    parameters: [.path("id", Self.idPattern), .query("collection", "The collection (default: the one that has the artifact; 409 when several do).")],
                    status: 204, responseDescription: "Removed", errors: [400, 404, 409, 503]
                )
            ) { [services] request, context in
                let id = try Self.artifactID(context)
                let service: CollectionService
                if let name = QueryParameters(request: request).string("collection") {
                    service = try services.collection(name)
                } else {
                    service = try await CollectionService.holding(id, home: services.runtime.home, stores: try services.stores())
                }
                _ = try await service.remove(id.name, type: id.type)
                return Response(status: .noContent)
            },
        ]
    }

    static func artifactID(_ context: APIRequestContext) throws -> ArtifactID {
        let raw = try pathParameter("id", context)
        guard let id = ArtifactID(parsing: raw) else {
            throw APIError(status: .badRequest, detail: "'\(raw)' is not an artifact id; use type:name, e.g. skill:pdf-tools.")
        }
        return id
    }

    /// A path parameter, percent-decoded.
    static func pathParameter(_ name: String, _ context: APIRequestContext) throws -> String {
        let raw = try context.parameters.require(name)
        return raw.removingPercentEncoding ?? raw
    }
}

extension APIServices {
    /// One page of a collection's artifacts, written straight from the cache rows.
    func listArtifacts(_ request: Request, collection name: String?) async throws -> Response {
        let query = QueryParameters(request: request)
        let type = try query.artifactType("type")
        let page = try await collection(name).page(type: type, tag: query.string("tag"), search: query.string("search"), cursor: query.string("cursor"), limit: query.limit())
        return try APIBody.json(page)
    }
}
