import Hummingbird
import SkillMeatCore
import SkillMeatRegistry
import SkillMeatPluginAPI

extension APIRoutes {
    var collectionRoutes: [APIRoute] {
        let collectionID = APIParameter.path("id", "The collection's name.")
        return [
            APIRoute(
                method: .get, path: "/api/v1/user-collections",
                operation: APIOperation(
                    id: "listCollections", tag: "collections", summary: "Every collection with its artifact counts; `active` marks the default one.",
                    response: Schema.array(Schema.ref("CollectionSummary")), errors: [503]
                )
            ) { [services] _, _ in
                let runtime = services.runtime
                return try APIBody.json(try await CollectionService.summaries(in: runtime.home, stores: services.stores(), active: runtime.configuration.defaultCollection))
            },
            APIRoute(
                method: .get, path: "/api/v1/user-collections/{id}/artifacts",
                operation: APIOperation(
                    id: "listCollectionArtifacts", tag: "collections", summary: "The artifacts of one collection, a page at a time (as GET /api/v1/artifacts).",
                    parameters: [collectionID] + Self.listParameters, response: Schema.page(of: "Artifact"), errors: [400, 404, 503]
                )
            ) { [services] request, context in
                try await services.listArtifacts(request, collection: try Self.pathParameter("id", context))
            },
            APIRoute(
                method: .delete, path: "/api/v1/user-collections/{id}",
                operation: APIOperation(
                    id: "deleteCollection", tag: "collections",
                    summary: "Delete a collection (a snapshot is kept) and reset the catalog entries imported into it; force=true removes the default collection too.",
                    parameters: [collectionID, .query("force", Schema.boolean, "Remove it even when it is the default collection.")],
                    response: Schema.ref("CollectionRemoval"), errors: [400, 404, 503]
                )
            ) { [services] request, context in
                let force = try QueryParameters(request: request).bool("force") ?? false
                return try APIBody.json(try await services.runtime.home.collectionRemoval(stores: services.stores()).run(
                    try Self.pathParameter("id", context), defaultCollection: services.runtime.configuration.defaultCollection, force: force
                ))
            },
            APIRoute(
                method: .post, path: "/api/v1/user-collections/{id}/refresh-cache",
                operation: APIOperation(
                    id: "refreshCollectionCache", tag: "collections",
                    summary: "Re-read one collection's artifacts' metadata and hashes from their files (deployments untouched).",
                    parameters: [collectionID], response: Schema.ref("CollectionRefresh"), errors: [404, 503]
                )
            ) { [services] _, context in
                let name = try Self.pathParameter("id", context)
                return try APIBody.json(CollectionRefreshOutput(collection: name, refreshed: try await services.collection(name).refresh()))
            },
            APIRoute(
                method: .post, path: "/api/v1/user-collections/{id}/refresh",
                operation: APIOperation(
                    id: "refreshCollectionFromUpstream", tag: "collections",
                    summary: "Refresh the collection's imported artifacts from their sources (seed 002): metadata_only (default) rewrites the manifest's "
                        + "metadata from upstream's frontmatter, check_only reports what would change, sync also updates the files; a snapshot is taken before writing.",
                    parameters: [collectionID], body: RefreshBody.schema, response: Schema.ref("UpstreamRefresh"), errors: [400, 404, 422, 503]
                )
            ) { [services] request, context in
                let body = try await APIBody.decode(RefreshBody.self, from: request, context: context)
                let refresh = try services.imports(collection: try Self.pathParameter("id", context)).upstreamRefresh
                return try APIBody.json(try await refresh.run(try body.request()))
            },
            APIRoute(
                method: .post, path: "/api/v1/user-collections/{id}/refresh/rollback",
                operation: APIOperation(
                    id: "rollbackCollectionRefresh", tag: "collections",
                    summary: "Restore the snapshot a refresh from upstream took (the newest unless snapshot_id names one); the state before is snapshotted first.",
                    parameters: [collectionID], body: Schema.object(["snapshot_id": Schema.string], required: []),
                    response: Schema.ref("RefreshRollback"), errors: [400, 404, 422, 503]
                )
            ) { [services] request, context in
                let body = try await APIBody.decode(RollbackBody.self, from: request, context: context)
                let refresh = try services.imports(collection: try Self.pathParameter("id", context)).upstreamRefresh
                return try APIBody.json(try await refresh.rollback(snapshotID: body.snapshotID))
            },
            APIRoute(
                method: .post, path: "/api/v1/user-collections/refresh-cache",
                operation: APIOperation(
                    id: "refreshAllCollectionCaches", tag: "collections", summary: "Refresh the metadata of every collection's artifacts.",
                    response: Schema.object(["results": Schema.array(Schema.ref("CollectionRefresh"))]), errors: [503]
                )
            ) { [services] _, _ in
                try APIBody.json(["results": try await CollectionService.refreshAll(home: services.runtime.home, stores: services.stores())])
            },
            APIRoute(
                method: .post, path: "/api/v1/cache/refresh",
                operation: APIOperation(
                    id: "refreshCache", tag: "cache",
                    summary: "Refresh the project cache (seed 002): the project named by project_id, or every stale project (every one with force); "
                        + "without project_id every collection's cache rows are rebuilt from the files too (as skillmeat cache rebuild --all), rows per collection in collections.",
                    body: Schema.object(["project_id": Schema.string, "force": Schema.boolean], required: []),
                    response: Schema.ref("CacheRefresh"), errors: [400, 404, 422, 503]
                )
            ) { [services] request, context in
                let body = try await APIBody.decode(CacheRefreshBody.self, from: request, context: context)
                var collections: [String: Int] = [:]
                if body.projectID == nil { collections = try await CollectionService.rebuild(home: services.runtime.home, stores: services.stores()) }
                let projects = try await services.projectCache().refresh(body.projectID, force: body.force ?? false)
                return try APIBody.json(CacheRefreshOutput(collections: collections, projects: projects))
            },
            APIRoute(
                method: .get, path: "/api/v1/cache/stats",
                operation: APIOperation(
                    id: "cacheStats", tag: "cache", summary: "The cache database's size and rows per collection.",
                    response: Schema.ref("CacheStats"), errors: [503]
                )
            ) { [services] _, _ in
                try APIBody.json(try await CacheStatsOutput(stores: services.stores()))
            },
        ]
    }
}

/// `POST /api/v1/user-collections/{id}/refresh`; a field it does not take is a 400.
struct RefreshBody: Decodable {
    var mode: String?
    var artifactType: String?
    var nameGlob: String?
    var fields: [String]?
    var dryRun: Bool?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case mode, fields
        case artifactType = "artifact_type", nameGlob = "name_glob", dryRun = "dry_run"
    }

    init(from decoder: any Decoder) throws {
        try APIBody.rejectUnknownFields(decoder, known: CodingKeys.allCases.map(\.rawValue))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        mode = try container.decodeIfPresent(String.self, forKey: .mode)
        artifactType = try container.decodeIfPresent(String.self, forKey: .artifactType)
        nameGlob = try container.decodeIfPresent(String.self, forKey: .nameGlob)
        fields = try container.decodeIfPresent([String].self, forKey: .fields)
        dryRun = try container.decodeIfPresent(Bool.self, forKey: .dryRun)
    }

    static let schema: JSONValue = {
        guard case .object(var object) = Schema.object([
            "mode": Schema.enumeration(of: UpstreamRefresh.Mode.self), "artifact_type": Schema.enumeration(of: ArtifactType.self),
            "name_glob": Schema.string, "fields": Schema.array(Schema.enumeration(of: UpstreamRefresh.Field.self)), "dry_run": Schema.boolean,
        ], required: []) else { return Schema.anyObject }
        object["additionalProperties"] = .bool(false)
        return .object(object)
    }()

    func request() throws -> UpstreamRefresh.Request {
        var type: ArtifactType?
        if let artifactType {
            guard let parsed = ArtifactType(parsing: artifactType) else {
                throw APIError(status: .badRequest, detail: "'\(artifactType)' is not an artifact type; use one of \(ArtifactType.validNames).")
            }
            type = parsed
        }
        var chosen: [UpstreamRefresh.Field] = []
        for field in fields ?? [] {
            if let value: UpstreamRefresh.Field = try APIRoutes.choice(field, field: "field") { chosen.append(value) }
        }
        return UpstreamRefresh.Request(
            mode: try APIRoutes.choice(mode, field: "mode") ?? .metadataOnly, type: type,
            nameGlob: nameGlob.flatMap { $0.isEmpty ? nil : $0 }, fields: chosen, dryRun: dryRun ?? false
        )
    }
}

struct RollbackBody: Decodable {
    var snapshotID: String?

    enum CodingKeys: String, CodingKey {
        case snapshotID = "snapshot_id"
    }
}

/// `POST /api/v1/cache/refresh`: the project cache refresh's fields, and the collections rebuilt.
struct CacheRefreshOutput: Encodable {
    var collections: [String: Int]
    var projects: ProjectCacheRefresh

    enum CodingKeys: String, CodingKey {
        case collections
    }

    func encode(to encoder: any Encoder) throws {
        try projects.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(collections, forKey: .collections)
    }
}
