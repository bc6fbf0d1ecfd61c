import Hummingbird
import SkillMeatCore
import SkillMeatRegistry
import SkillMeatPluginAPI

/// The table of every endpoint. Add a group of routes (deployments, say) as another extension with
/// its own `…Routes` array and list it in `all`; the router and the OpenAPI document follow.
struct APIRoutes: Sendable {
    let services: APIServices

    /// Every route but the OpenAPI document's own, which `OpenAPIDocument.route` adds.
    var all: [APIRoute] {
        systemRoutes + artifactRoutes + marketplaceSourceRoutes + catalogRoutes + collectionRoutes + projectRoutes + deployRoutes + reproducibleRoutes
    }

    /// Where the API's routes live; `JSONBodyMiddleware` guards this group.
    static let prefix = "/api/v1"

    static let idPattern = "type:name, e.g. skill:pdf-tools"

    var systemRoutes: [APIRoute] {
        [
            APIRoute(
                method: .get, path: "/health",
                operation: APIOperation(id: "health", tag: "system", summary: "Whether the server is up, and its version (no token needed).", response: Schema.ref("Health"))
            ) { _, _ in
                try APIBody.json(["status": "ok", "version": SkillMeatVersion.current])
            },
            APIRoute(
                method: .get, path: "/api/v1/plugins",
                operation: APIOperation(id: "listPlugins", tag: "system", summary: "Every compiled-in plugin, whether it is enabled and why.", response: Schema.array(Schema.ref("Plugin")))
            ) { [services] _, _ in
                try APIBody.json(services.runtime.plugins.entries.map(PluginSummary.init))
            },
        ]
    }
}
