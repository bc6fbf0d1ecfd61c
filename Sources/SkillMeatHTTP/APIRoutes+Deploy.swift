import Foundation
import Hummingbird
import SkillMeatCore
import SkillMeatPluginAPI
import SkillMeatRegistry

/// Deployments and project discovery: the CLI's `deploy`, `undeploy`, `status`, `discover` and `adopt`.
extension APIRoutes {
    struct DeployBody: Decodable {
        var names: [String]
        var projectPath: String
        var type: String?
        var profiles: [String]?
        var allProfiles: Bool?
        var scope: String?
        var strategy: String?
        var dryRun: Bool?
        /// Hooks and MCP servers run commands on the user's machine; an API client accepts them explicitly.
        var acceptCommands: Bool?
        var collection: String?

        enum CodingKeys: String, CodingKey {
            case names, type, profiles, scope, strategy, collection
            case projectPath = "project_path"
            case allProfiles = "all_profiles"
            case dryRun = "dry_run"
            case acceptCommands = "accept_commands"
        }
    }

    struct UndeployBody: Decodable {
        var name: String
        var projectPath: String
        var type: String?
        var profiles: [String]?
        var scope: String?
        var force: Bool?
        var collection: String?

        enum CodingKeys: String, CodingKey {
            case name, type, profiles, scope, force, collection
            case projectPath = "project_path"
        }
    }

    struct DiscoverBody: Decodable {
        var projectPath: String
        var collection: String?

        enum CodingKeys: String, CodingKey {
            case collection
            case projectPath = "project_path"
        }
    }

    struct AdoptBody: Decodable {
        var projectPath: String
        var names: [String]?
        var all: Bool?
        var strategy: String?
        var collection: String?

        enum CodingKeys: String, CodingKey {
            case names, all, strategy, collection
            case projectPath = "project_path"
        }
    }

    static let deployBodySchema = Schema.object([
        "names": Schema.strings, "project_path": Schema.string, "type": Schema.enumeration(of: ArtifactType.self), "profiles": Schema.strings,
        "all_profiles": Schema.boolean, "scope": Schema.enumeration(of: DeploymentScope.self), "strategy": Schema.enumeration(of: ConflictStrategyName.self),
        "dry_run": Schema.boolean, "accept_commands": Schema.boolean, "collection": Schema.string,
    ], required: ["names", "project_path"])

    var deployRoutes: [APIRoute] {
        [
            APIRoute(
                method: .post, path: "/api/v1/deploy",
                operation: APIOperation(
                    id: "deploy", tag: "deployments",
                    summary: "Deploy artifacts into a project (or the user scope); hooks and MCP servers need accept_commands, else 409 with the commands.",
                    body: Self.deployBodySchema, response: Schema.anyObject, errors: [400, 403, 404, 409, 422, 503]
                )
            ) { [services] request, context in
                let body = try await APIBody.decode(DeployBody.self, from: request, context: context)
                // A malformed body is told as such before whether the target is allowed.
                let (type, scope) = (try Self.artifactType(body.type), try Self.scope(body.scope))
                let strategy = try Self.choice(body.strategy, field: "strategy") ?? ConflictStrategyName.skip
                let root = try Self.deploymentRoot(body.projectPath, scope: scope, services: services)
                let service = DeploymentService(collection: try services.collection(body.collection), plugins: services.runtime.plugins, userHome: services.userHome)
                return try APIBody.json(try await service.deploy(.init(
                    names: body.names, type: type, projectRoot: root,
                    scope: scope, profiles: body.profiles ?? [], allProfiles: body.allProfiles == true,
                    strategy: strategy, dryRun: body.dryRun == true,
                    commandConsent: body.acceptCommands == true ? .accept : .refuse
                )))
            },
            APIRoute(
                method: .post, path: "/api/v1/deploy/undeploy",
                operation: APIOperation(
                    id: "undeploy", tag: "deployments", summary: "Remove exactly what a deployment wrote; changed copies are kept unless force.",
                    body: Schema.object([
                        "name": Schema.string, "project_path": Schema.string, "type": Schema.enumeration(of: ArtifactType.self), "profiles": Schema.strings,
                        "scope": Schema.enumeration(of: DeploymentScope.self), "force": Schema.boolean, "collection": Schema.string,
                    ], required: ["name", "project_path"]),
                    response: Schema.anyObject, errors: [400, 404, 422, 503]
                )
            ) { [services] request, context in
                let body = try await APIBody.decode(UndeployBody.self, from: request, context: context)
                let (type, scope) = (try Self.artifactType(body.type), try Self.scope(body.scope))
                let root = try Self.deploymentRoot(body.projectPath, scope: scope, services: services)
                let service = DeploymentService(collection: try services.collection(body.collection), plugins: services.runtime.plugins, userHome: services.userHome)
                return try APIBody.json(try await service.undeploy(
                    body.name, type: type, projectRoot: root,
                    scope: scope, profiles: body.profiles ?? [], force: body.force ?? false
                ))
            },
            APIRoute(
                method: .get, path: "/api/v1/deploy",
                operation: APIOperation(
                    id: "deploymentStatus", tag: "deployments", summary: "Each deployment in a project with its drift (synced, modified, outdated, conflict, missing).",
                    parameters: [.query("project_path", "The project folder (every known project when absent).")],
                    response: Schema.array(Schema.anyObject), errors: [400, 503]
                )
            ) { [services] request, _ in
                let path = QueryParameters(request: request).string("project_path")
                let roots = try path.map { [try Self.projectURL($0)] }
                return try APIBody.json(try services.runtime.home.deploymentIndex.status(roots: roots))
            },
            APIRoute(
                method: .post, path: "/api/v1/artifacts/discover",
                operation: APIOperation(
                    id: "discoverProjectArtifacts", tag: "artifacts", summary: "Every artifact a project already has: managed, in_collection or unmanaged.",
                    body: Schema.object(["project_path": Schema.string, "collection": Schema.string], required: ["project_path"]),
                    response: Schema.anyObject, errors: [400, 404, 422, 503]
                )
            ) { [services] request, context in
                let body = try await APIBody.decode(DiscoverBody.self, from: request, context: context)
                let root = try Self.deploymentRoot(body.projectPath, scope: .project, services: services)
                let discovery = try services.collection(body.collection).discovery(with: services.runtime.plugins)
                return try APIBody.json(try await discovery.run(projectRoot: root))
            },
            APIRoute(
                method: .post, path: "/api/v1/artifacts/discover/import",
                operation: APIOperation(
                    id: "adoptProjectArtifacts", tag: "artifacts",
                    summary: "Adopt unmanaged project artifacts into the collection and record them as deployed there.",
                    body: Schema.object([
                        "project_path": Schema.string, "names": Schema.strings, "all": Schema.boolean,
                        "strategy": Schema.enumeration(of: ConflictStrategyName.self), "collection": Schema.string,
                    ], required: ["project_path"]),
                    response: Schema.anyObject, errors: [400, 404, 422, 503]
                )
            ) { [services] request, context in
                let body = try await APIBody.decode(AdoptBody.self, from: request, context: context)
                let strategy = try Self.choice(body.strategy, field: "strategy") ?? ConflictStrategyName.skip
                let root = try Self.deploymentRoot(body.projectPath, scope: .project, services: services)
                let deployment = DeploymentService(collection: try services.collection(body.collection), plugins: services.runtime.plugins, userHome: services.userHome)
                let names = body.names ?? []
                return try APIBody.json(try await deployment.adoption.run(.init(
                    projectRoot: root, names: names, all: body.all ?? names.isEmpty, strategy: strategy
                )))
            },
        ]
    }

    static func projectURL(_ path: String) throws -> URL {
        guard path.hasPrefix("/") else {
            throw APIError(status: .badRequest, detail: "project_path must be an absolute path; '\(path)' is not.")
        }
        return URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
    }

    static func scope(_ text: String?) throws -> DeploymentScope {
        try choice(text, field: "scope") ?? .project
    }

    static func artifactType(_ text: String?) throws -> ArtifactType? {
        guard let text else { return nil }
        guard let type = ArtifactType(parsing: text) else {
            throw APIError(status: .badRequest, detail: "'\(text)' is not an artifact type; use one of \(ArtifactType.validNames).")
        }
        return type
    }
}
