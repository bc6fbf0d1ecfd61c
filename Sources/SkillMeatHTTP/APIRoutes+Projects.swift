import Foundation
import Hummingbird
import SkillMeatCore
import SkillMeatPluginAPI
import SkillMeatRegistry

/// The projects the API may deploy into: the CLI's `projects list` and `projects add`. Over HTTP a
/// deployment, undeployment, discovery or adoption names a project registered here first, so one
/// request cannot write into any folder the server's user can reach.
extension APIRoutes {
    struct ProjectBody: Decodable {
        var path: String
    }

    /// `POST /api/v1/cache/refresh` and `POST /api/v1/projects/cache/refresh`.
    struct CacheRefreshBody: Decodable {
        var projectID: String?
        var force: Bool?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case force
            case projectID = "project_id"
        }

        init(from decoder: any Decoder) throws {
            try APIBody.rejectUnknownFields(decoder, known: CodingKeys.allCases.map(\.rawValue))
            let container = try decoder.container(keyedBy: CodingKeys.self)
            projectID = try container.decodeIfPresent(String.self, forKey: .projectID)
            force = try container.decodeIfPresent(Bool.self, forKey: .force)
        }
    }

    var projectRoutes: [APIRoute] {
        [
            APIRoute(
                method: .get, path: "/api/v1/projects",
                operation: APIOperation(
                    id: "listProjects", tag: "deployments",
                    summary: "The known projects (projects.toml), the folders the API may deploy into, each with its deployments and their drift and what "
                        + "discovery finds in it; read from the project cache when fresh (projects.cache_ttl_seconds), else from the files.",
                    response: Schema.array(Schema.ref("ProjectOverview")), errors: [503]
                )
            ) { [services] _, _ in
                try APIBody.json(try await services.projectCache().list())
            },
            APIRoute(
                method: .get, path: "/api/v1/projects/{id}",
                operation: APIOperation(
                    id: "getProject", tag: "deployments",
                    summary: "One known project (its id, or its absolute path percent-encoded) with its deployments, drift and discovery, from the cache when fresh.",
                    parameters: [.path("id", "The project's id (GET /api/v1/projects), or its absolute path percent-encoded.")],
                    response: Schema.ref("ProjectOverview"), errors: [404, 503]
                )
            ) { [services] _, context in
                try APIBody.json(try await services.projectCache().overview(of: try Self.pathParameter("id", context)))
            },
            APIRoute(
                method: .post, path: "/api/v1/projects/cache/refresh",
                operation: APIOperation(
                    id: "refreshProjectCache", tag: "cache",
                    summary: "Read again the known projects whose cache is stale (every one with force) and cache them.",
                    body: Schema.object(["force": Schema.boolean], required: []), response: Schema.ref("ProjectCacheRefresh"), errors: [422, 503]
                )
            ) { [services] request, context in
                let body = try await APIBody.decode(CacheRefreshBody.self, from: request, context: context)
                guard body.projectID == nil else {
                    throw APIError(status: .badRequest, detail: "This endpoint refreshes every project; name one with POST /api/v1/cache/refresh {\"project_id\"}.")
                }
                return try APIBody.json(try await services.projectCache().refresh(force: body.force ?? false))
            },
            APIRoute(
                method: .post, path: "/api/v1/projects",
                operation: APIOperation(
                    id: "addProject", tag: "deployments",
                    summary: "Register a project folder (absolute; it must exist and not be / or a system folder); 201 when added, 200 when already known.",
                    body: Schema.object(["path": Schema.string], required: ["path"]), bodyRequired: true, status: 201, alsoStatuses: [200],
                    response: Schema.ref("Project"), responseDescription: "Added (201), or already known (200)", errors: [400, 404]
                )
            ) { [services] request, context in
                let body = try await APIBody.decode(ProjectBody.self, from: request, context: context)
                let folder = try ProjectRegistry.projectFolder(try Self.projectURL(body.path), userHome: services.userHome)
                let registry = ProjectRegistry(home: services.runtime.home)
                let added = try registry.add(folder, scope: .project)
                guard let project = try registry.knownProject(folder) else {
                    throw APIError(status: .internalServerError, detail: "\(folder.path) was registered but projects.toml does not list it; see the server's log.")
                }
                return try APIBody.json(project, status: added ? .created : .ok)
            },
        ]
    }

    /// The folder a request may deploy into (or discover, adopt, undeploy in) for `path` and `scope`:
    /// a registered project that is still a valid one, or — when `server.allow_user_scope` is on —
    /// the user scope. Anything else is 403 with what to do.
    static func deploymentRoot(_ path: String, scope: DeploymentScope, services: APIServices) throws -> URL {
        let url = try Self.projectURL(path)
        if scope == .user {
            guard services.settings.allowUserScope else {
                throw APIError(
                    status: .forbidden,
                    detail: "Deploying into the user scope (the home folder) over HTTP is off; use the CLI, or set server.allow_user_scope = true."
                )
            }
            return url
        }
        guard try ProjectRegistry(home: services.runtime.home).knownProject(url) != nil else {
            throw APIError(
                status: .forbidden,
                detail: "\(url.path) is not a known project; register it first with POST /api/v1/projects {\"path\": \"\(url.path)\"}."
            )
        }
        // A project registered by hand or by the CLI may be one the API would not accept.
        return try ProjectRegistry.projectFolder(url, userHome: services.userHome)
    }
}
