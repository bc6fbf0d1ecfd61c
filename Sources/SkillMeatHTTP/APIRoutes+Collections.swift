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
                return try APIBody.json(try CollectionStore.summaries(in: runtime.home, active: runtime.configuration.defaultCollection))
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
                return try APIBody.json(try await CollectionRemoval(home: services.runtime.home, stores: services.stores()).run(
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
                    id: "rebuildCache", tag: "cache", summary: "Rebuild every collection's cache rows from the files (as skillmeat cache rebuild --all); rows per collection.",
                    response: Schema.integerMap, errors: [503]
                )
            ) { [services] _, _ in
                try APIBody.json(try await CollectionService.rebuild(home: services.runtime.home, stores: services.stores()))
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
