import Foundation
import Hummingbird
import SkillMeatCore
import SkillMeatPluginAPI
import SkillMeatRegistry
import SkillMeatStore

/// Reproducible setups: the CLI's `outdated` and `sync`.
extension APIRoutes {
    struct SyncBody: Decodable {
        var dryRun: Bool?
        var frozen: Bool?
        var acceptCommands: Bool?
        var strategy: String?
        var collection: String?

        enum CodingKeys: String, CodingKey {
            case frozen, strategy, collection
            case dryRun = "dry_run"
            case acceptCommands = "accept_commands"
        }
    }

    var reproducibleRoutes: [APIRoute] {
        [
            APIRoute(
                method: .get, path: "/api/v1/outdated",
                operation: APIOperation(
                    id: "outdated", tag: "deployments",
                    summary: "What is behind, by content hash, without network: the collection against upstream (as the catalog's last scan saw it) and deployments against the collection.",
                    parameters: [
                        .query("collection", "The collection (default: collection.default); alone, only the collection against upstream."),
                        .query("project_path", "Only this project's deployments against the collection."),
                    ],
                    response: Schema.ref("Outdated"), errors: [400, 404, 503]
                )
            ) { [services] request, _ in
                let query = QueryParameters(request: request)
                let collection = query.string("collection")
                let project = try query.string("project_path").map(Self.projectURL)
                let request = OutdatedCheck.Request(upstream: project == nil, projects: project.map { [$0] } ?? (collection == nil ? nil : []))
                let check = try services.collection(collection).outdated(against: try services.stores().sources)
                return try APIBody.json(try await check.run(request))
            },
            APIRoute(
                method: .post, path: "/api/v1/projects/{id}/sync",
                operation: APIOperation(
                    id: "syncProject", tag: "deployments",
                    summary: "Make a known project match its skillmeat.toml and skillmeat.lock (as `sync`). Ask for the plan first with dry_run; frozen changes nothing and reports every difference (in_sync false). Hooks and MCP servers need accept_commands.",
                    parameters: [.path("id", "The project's id (GET /api/v1/projects), or its absolute path percent-encoded.")],
                    body: Schema.object([
                        "dry_run": Schema.boolean, "frozen": Schema.boolean, "accept_commands": Schema.boolean,
                        "strategy": Schema.enumeration(of: ConflictStrategyName.self), "collection": Schema.string,
                    ], required: []),
                    response: Schema.ref("SyncReport"), errors: [400, 404, 409, 422, 503]
                )
            ) { [services] request, context in
                let body = try await APIBody.decode(SyncBody.self, from: request, context: context)
                let strategy = try Self.choice(body.strategy, field: "strategy") ?? ConflictStrategyName.skip
                let raw = try context.parameters.require("id")
                let key = raw.removingPercentEncoding ?? raw
                guard let project = try ProjectRegistry(home: services.runtime.home).list().first(where: { $0.scope == .project && ($0.id == key || $0.path == key) }) else {
                    throw APIError(status: .notFound, detail: "No known project has the id '\(key)'; GET /api/v1/projects lists them.")
                }
                let root = try Self.deploymentRoot(project.path, scope: .project, services: services)
                let deployment = DeploymentService(collection: try services.collection(body.collection), plugins: services.runtime.plugins, userHome: services.userHome)
                return try APIBody.json(try await deployment.projectSync.run(.init(
                    projectRoot: root, frozen: body.frozen == true, dryRun: body.dryRun == true,
                    commandConsent: body.acceptCommands == true ? .accept : .refuse, strategy: strategy
                )))
            },
        ]
    }
}
