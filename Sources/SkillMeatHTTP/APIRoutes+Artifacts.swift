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
                method: .get, path: "/api/v1/artifacts/{id}/files/**",
                operation: APIOperation(
                    id: "getArtifactFile", tag: "artifacts",
                    summary: "One file of an artifact in the collection (path as its files list it); text as UTF-8, other bytes as base64, cut at 256 KiB with truncated set; entry_id is the artifact's id.",
                    parameters: [.path("id", Self.idPattern), .path("path", "The file's path inside the artifact."), .query("collection", "The collection (default: collection.default).")],
                    response: Schema.ref("EntryFile"), errors: [400, 404, 503]
                )
            ) { [services] request, context in
                let id = try Self.artifactID(context)
                let path = context.parameters.getCatchAll().map { $0.removingPercentEncoding ?? String($0) }.joined(separator: "/")
                let service = try services.collection(QueryParameters(request: request).string("collection"))
                return try APIBody.json(try await service.file(path, of: id.name, type: id.type, maxBytes: Self.maxFileBytes))
            },
            APIRoute(
                method: .post, path: "/api/v1/artifacts/{id}/update",
                operation: APIOperation(
                    id: "updateArtifact", tag: "artifacts",
                    summary: "Check an artifact imported from a marketplace source against its upstream (check=true) or update it (a snapshot first); a locally modified copy is kept unless overwrite_local.",
                    parameters: [.path("id", Self.idPattern)],
                    body: Schema.object(["check": Schema.boolean, "dry_run": Schema.boolean, "overwrite_local": Schema.boolean, "collection": Schema.string], required: []),
                    response: Schema.ref("UpdateReport"), errors: [400, 404, 422, 429, 502, 503]
                )
            ) { [services] request, context in
                let id = try Self.artifactID(context)
                let body = try await APIBody.decode(UpdateBody.self, from: request, context: context)
                let service = try services.imports(collection: body.collection).updates
                _ = try await service.imports.collection.find(id.name, type: id.type)
                return try APIBody.json(try await service.run(
                    names: [id.name], check: body.check ?? false, dryRun: body.dryRun ?? false, overwriteLocal: body.overwriteLocal ?? false
                ))
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

struct UpdateBody: Decodable {
    var check: Bool?
    var dryRun: Bool?
    var overwriteLocal: Bool?
    var collection: String?

    enum CodingKeys: String, CodingKey {
        case check, collection
        case dryRun = "dry_run"
        case overwriteLocal = "overwrite_local"
    }
}
