public import Hummingbird
import Logging
public import NIOCore
#if canImport(Glibc)
import Glibc
#endif
public import SkillMeatCore
public import SkillMeatRegistry

/// The HTTP API (`skillmeat serve`): JSON under `/api/v1`, errors as `{"detail": "..."}`.
public enum SkillMeatServer {
    /// The routes of the API over `runtime`, guarded as `settings` say (token, CORS origins);
    /// `settings` default to the configuration's `[server]`.
    public static func router(runtime: SkillMeatRuntime, settings: ServerSettings? = nil) -> Router<APIRequestContext> {
        let settings = settings ?? ServerSettings(configuration: runtime.configuration)
        let router = Router(context: APIRequestContext.self)
        // Outermost first: CORS sees every response (errors included) and answers preflights before
        // the token is asked for, since browsers send preflights without credentials. Host and
        // Origin are checked before the token: they refuse what a web page sends, token or not.
        if !settings.corsOrigins.isEmpty {
            router.add(middleware: CORSPolicyMiddleware(origins: Set(settings.corsOrigins)))
        }
        router.add(middleware: ErrorMiddleware())
        router.add(middleware: HostCheckMiddleware(policy: HostPolicy(settings: settings)))
        router.add(middleware: OriginCheckMiddleware(corsOrigins: Set(settings.corsOrigins)))
        if let token = settings.token {
            router.add(middleware: BearerTokenMiddleware(token: token))
        }
        let api = router.group(RouterPath(APIRoutes.prefix)).add(middleware: JSONBodyMiddleware())
        let routes = APIRoutes(services: APIServices(runtime: runtime, settings: settings)).all
        for route in routes + [OpenAPIDocument.route(describing: routes)] {
            let handler = route.handler
            // A query parameter the operation does not document is a 400, never silently ignored.
            let accepted = route.operation.queryNames
            // Routes under /api/v1 go through the group, so its middleware runs before their handlers.
            if route.path.hasPrefix(APIRoutes.prefix + "/") {
                api.on(RouterPath(String(route.path.dropFirst(APIRoutes.prefix.count + 1))), method: route.method) { request, context in
                    try QueryParameters(request: request).rejectUnknown(accepting: accepted)
                    // Work for a client that has gone is cancelled: Core stops at its next entry boundary.
                    return try await ClientConnection.runWhileConnected(context.channel) { try await handler(request, context) }
                }
            } else {
                router.on(RouterPath(route.path), method: route.method) { request, context in
                    try QueryParameters(request: request).rejectUnknown(accepting: accepted)
                    return try await handler(request, context)
                }
            }
        }
        WebUIRoutes.register(on: router)
        return router
    }

    /// The server `serve` runs: the router on `settings`' address, closing connections idle for
    /// `server.idle_timeout_seconds`, and watching each connection so work for a client that has gone stops.
    public static func application(
        runtime: SkillMeatRuntime, settings: ServerSettings, onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            router: router(runtime: runtime, settings: settings),
            server: .http1(configuration: .init(
                additionalChannelHandlers: [ClientDisconnectHandler()], idleTimeout: .seconds(Int64(settings.idleTimeoutSeconds))
            )),
            configuration: ApplicationConfiguration(address: .hostname(settings.host, port: settings.port), serverName: "skillmeat"),
            onServerRunning: onServerRunning,
            logger: runtime.logger
        )
    }

    /// Rebuilds the cache from the files, then serves until SIGINT or SIGTERM and shuts down
    /// gracefully; meanwhile the project cache is refreshed in the background (`[projects]`). `listening`
    /// is told the address (`http://127.0.0.1:8080`) once the server accepts connections.
    public static func serve(
        runtime: SkillMeatRuntime, settings: ServerSettings, listening: @escaping @Sendable (String) -> Void = { _ in }
    ) async throws {
        try settings.validate()
        // The files are the source of truth (DESIGN §3): whatever changed while no server ran is in
        // the cache before the first request.
        _ = try await CollectionService.rebuild(home: runtime.home, stores: runtime.openStores())
        let server = Self.application(runtime: runtime, settings: settings) { channel in
            let port = channel.localAddress?.port ?? settings.port
            let host = settings.host.contains(":") ? "[\(settings.host)]" : settings.host
            listening("http://\(host):\(port)")
        }
        let projects = runtime.projectCache(stores: try runtime.openStores())
        do {
            // The project cache is kept fresh beside the server and stops with it.
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await server.runService() }
                group.addTask { await projects.keepFresh() }
                try await group.next()
                group.cancelAll()
            }
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw SkillMeatError.conflict("Port \(settings.port) on \(settings.host) is already in use; stop what listens there or choose another port.")
        } catch let error as IOError where error.errnoCode == EACCES {
            throw SkillMeatError.conflict("This user may not listen on port \(settings.port) on \(settings.host); choose a port above 1023.")
        }
    }
}
