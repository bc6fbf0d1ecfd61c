public import Foundation

/// What sets one source host's REST API apart, for `HostAPIClient`: where it is, which headers it
/// wants, how a token is sent, and how its failures are worded for a user.
public struct HostAPI: Sendable {
    /// The host's name in messages: `GitHub`, `GitLab`, `Gitea`.
    public var name: String
    /// The API root every request path is appended to (`https://api.github.com`, `https://gitlab.com/api/v4`).
    public var apiURL: URL
    /// The web host (`github.com`, `gitlab.example.com:8443`), named when the API cannot be reached.
    public var webHost: String
    /// The `Accept` header sent unless a request names another.
    public var defaultAccept: String
    /// Headers sent with every request (an API version, say).
    public var headers: [String: String]
    /// The header that carries a token: its name and the text before the token.
    public var tokenHeader: (name: String, prefix: String)
    /// How to give a token, completing "set a token with …" (`GITLAB_TOKEN, … or `glab auth login``).
    public var tokenHint: String
    /// Completes "wait until then, or …" in a rate-limit message sent without a token.
    public var rateLimitAdvice: String
    /// The window a rate limit counts over, for messages (`an hour`, `a minute`); nil when unknown.
    public var rateLimitPeriod: String?
    /// Completes "check the network connection…" when the host cannot be reached.
    public var unreachableAdvice: String
    /// Whether every request counts against a rate limit even when its answer reports none (GitHub,
    /// GitLab). False for hosts with no API rate limit of their own (Gitea, Forgejo): a request then
    /// counts only when its answer carries `RateLimit-*` headers, as a rate-limiting proxy's do.
    public var meteredWithoutHeaders: Bool

    public init(
        name: String,
        apiURL: URL,
        webHost: String,
        defaultAccept: String = "application/json",
        headers: [String: String] = [:],
        tokenHeader: (name: String, prefix: String) = ("Authorization", "Bearer "),
        tokenHint: String,
        rateLimitAdvice: String,
        rateLimitPeriod: String? = nil,
        unreachableAdvice: String,
        meteredWithoutHeaders: Bool = true
    ) {
        self.name = name
        self.apiURL = apiURL
        self.webHost = webHost
        self.defaultAccept = defaultAccept
        self.headers = headers
        self.tokenHeader = tokenHeader
        self.tokenHint = tokenHint
        self.rateLimitAdvice = rateLimitAdvice
        self.rateLimitPeriod = rateLimitPeriod
        self.unreachableAdvice = unreachableAdvice
        self.meteredWithoutHeaders = meteredWithoutHeaders
    }

    /// Reads an http(s) base URL from a setting or environment value, without a trailing `/`; throws
    /// a sentence naming `setting` when it is not one.
    public static func baseURL(_ raw: String, setting: String) throws(PluginError) -> URL {
        var trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let url = URL(string: trimmed), let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http",
              let host = url.host, !host.isEmpty
        else {
            throw .unsupported("'\(raw)' is not an http(s) URL; set \(setting) to something like https://HOST.")
        }
        return url
    }

    /// `host` or `host:port` of `url`, lowercased.
    public static func hostAndPort(of url: URL) -> String {
        let host = (url.host ?? "").lowercased()
        return url.port.map { "\(host):\($0)" } ?? host
    }
}
