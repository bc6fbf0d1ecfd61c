import SkillMeatCore

/// The `Host` values the server answers to. A browser sends the name it resolved, so a page whose
/// name was rebound to 127.0.0.1 (DNS rebinding) still says its own name and is refused; clients
/// that reach the server by one of its own addresses are unaffected.
struct HostPolicy: Sendable, Hashable {
    /// Lowercased names (IPv6 addresses without brackets) that match on the bound port or none.
    var names: Set<String>
    /// `server.allowed_hosts` entries: a name matches on any port, `name:port` on that port only.
    var extra: Set<String>
    var port: Int
    /// No check at all: `*` in `server.allowed_hosts`, or a wildcard bind with no list (the token,
    /// mandatory there, guards the API; the names such a server is reached by are not known).
    var anyHost: Bool

    static let loopbackNames: Set<String> = ["localhost", "127.0.0.1", "::1"]

    init(settings: ServerSettings) {
        let configured = settings.allowedHosts.map { $0.lowercased() }
        anyHost = configured.contains("*") || (settings.isWildcard && configured.isEmpty)
        port = settings.port
        extra = Set(configured)
        let host = Self.unbracketed(settings.host.lowercased())
        // A wildcard bind answers on loopback too; a loopback bind by any of its names.
        names = settings.isLoopback || settings.isWildcard ? Self.loopbackNames.union(settings.isWildcard ? [] : [host]) : [host]
    }

    /// Whether `authority` (a `Host` value: `name`, `name:port`, `[v6]:port`) is one of ours. A value
    /// without a port means the scheme's default one, which a proxy in front may use.
    func allows(_ authority: String) -> Bool {
        if anyHost { return true }
        let value = authority.lowercased()
        guard let (name, port) = Self.split(value) else { return false }
        if names.contains(name), port == nil || port == self.port { return true }
        return extra.contains(name) || extra.contains(value)
    }

    /// `name` and the port of an authority; nil when it is malformed.
    static func split(_ authority: String) -> (name: String, port: Int?)? {
        var name = Substring(authority)
        var portText: Substring?
        if name.hasPrefix("[") {
            guard let close = name.firstIndex(of: "]") else { return nil }
            let rest = name[name.index(after: close)...]
            name = name[name.index(after: name.startIndex)..<close]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { return nil }
                portText = rest.dropFirst()
            }
        } else if let colon = name.lastIndex(of: ":") {
            portText = name[name.index(after: colon)...]
            name = name[..<colon]
        }
        guard !name.isEmpty, !name.contains(where: { $0 == "/" || $0 == "@" || $0 == " " }) else { return nil }
        guard let portText else { return (String(name), nil) }
        guard let port = Int(portText), (0...65535).contains(port) else { return nil }
        return (String(name), port)
    }

    static func unbracketed(_ host: String) -> String {
        host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
    }
}
