import SkillMeatPluginAPI

/// How `skillmeat serve` listens: from `[server]` in the configuration, overridden by flags.
public struct ServerSettings: Sendable, Hashable {
    public var host: String
    public var port: Int
    /// Required bearer token; mandatory when binding to anything but loopback.
    public var token: String?
    public var corsOrigins: [String]
    /// Further `Host` values the server answers to (`name` or `name:port`, `*` for any), beyond the
    /// address it is bound to; a reverse proxy's name, say.
    public var allowedHosts: [String]
    /// Whether HTTP clients may deploy into the user scope (the home folder), not only into
    /// registered projects.
    public var allowUserScope: Bool
    /// Seconds a connection may stay open with no request in progress before the server closes it.
    public var idleTimeoutSeconds: Int

    public init(
        host: String, port: Int, token: String?, corsOrigins: [String], allowedHosts: [String] = [], allowUserScope: Bool = false,
        idleTimeoutSeconds: Int = 60
    ) {
        self.host = host
        self.port = port
        self.token = token
        self.corsOrigins = corsOrigins
        self.allowedHosts = allowedHosts
        self.allowUserScope = allowUserScope
        self.idleTimeoutSeconds = idleTimeoutSeconds
    }

    /// The `[server]` section of `configuration`.
    public init(configuration: Configuration) {
        let server = configuration.values["server"]?.objectValue ?? [:]
        self.init(
            host: server["host"]?.stringValue ?? "127.0.0.1",
            port: server["port"]?.intValue ?? 8080,
            token: server["token"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 },
            corsOrigins: server["cors_origins"]?.stringList ?? [],
            allowedHosts: server["allowed_hosts"]?.stringList ?? [],
            allowUserScope: server["allow_user_scope"]?.boolValue ?? false,
            idleTimeoutSeconds: server["idle_timeout_seconds"]?.intValue ?? 60
        )
    }

    /// The seconds `server.idle_timeout_seconds` may take.
    public static let idleTimeoutRange = 1...86_400

    /// Whether the address only accepts connections from this machine.
    public var isLoopback: Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }

    /// Whether the address is every interface of the machine (`0.0.0.0`, `::`).
    public var isWildcard: Bool {
        host == "0.0.0.0" || host == "::" || host == "[::]"
    }

    /// Refuses settings that would expose the API without a token.
    public func validate() throws(SkillMeatError) {
        guard (1...65535).contains(port) else {
            throw .invalidArgument("Port \(port) is out of range; use 1 to 65535.")
        }
        guard Self.idleTimeoutRange.contains(idleTimeoutSeconds) else {
            throw .invalidArgument("server.idle_timeout_seconds is \(idleTimeoutSeconds); use 1 to 86400.")
        }
        if !isLoopback, token == nil {
            throw .invalidArgument(
                "Binding to \(host) exposes the API beyond this machine; it needs a token.", hint: .setServerToken
            )
        }
    }
}
