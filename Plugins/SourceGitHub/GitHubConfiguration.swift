public import Foundation
public import SkillMeatPluginAPI

/// Where the provider talks to and with which token, resolved from its settings and environment.
public struct GitHubConfiguration: Sendable, CustomStringConvertible {
    /// The REST API root: `https://api.github.com`, or `https://HOST/api/v3` on GitHub Enterprise Server.
    public var apiURL: URL
    /// The host whose web URLs (`https://HOST/owner/repo`) this provider accepts.
    public var webHost: String
    /// The token from settings or the environment; `gh auth token` is consulted later when nil.
    public var token: GitHubToken?

    public static let defaultAPIURL = "https://api.github.com"

    public init(apiURL: URL, webHost: String, token: GitHubToken?) {
        self.apiURL = apiURL
        self.webHost = webHost
        self.token = token
    }

    /// Resolves the configuration: `SKILLMEAT_GITHUB_API_URL` over the `api_url` setting over
    /// api.github.com; the web host from the `host` setting or derived from the API URL; the token
    /// from the `token` setting, `SKILLMEAT_GITHUB_TOKEN`, `GITHUB_TOKEN` or `GH_TOKEN`.
    public static func resolve(settings: PluginSettings, environment: [String: String]) throws(PluginError) -> GitHubConfiguration {
        let rawURL = nonEmpty(environment["SKILLMEAT_GITHUB_API_URL"]) ?? nonEmpty(settings.string("api_url")) ?? defaultAPIURL
        var trimmed = rawURL
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let url = URL(string: trimmed), let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http",
              let apiHost = url.host, !apiHost.isEmpty
        else {
            throw .unsupported("The GitHub API URL '\(rawURL)' is not an http(s) URL; set api_url under [plugins.\"source/github\"] or SKILLMEAT_GITHUB_API_URL to something like https://api.github.com or https://HOST/api/v3.")
        }
        let webHost: String
        if let host = nonEmpty(settings.string("host")) {
            webHost = host.lowercased()
        } else if apiHost.lowercased() == "api.github.com" {
            webHost = "github.com"
        } else {
            webHost = (url.port.map { "\(apiHost):\($0)" } ?? apiHost).lowercased()
        }
        let token = HostToken.configured(setting: settings.string("token"), environment: environment, variables: tokenVariables)
        return GitHubConfiguration(apiURL: url, webHost: webHost, token: token)
    }

    /// Whether this is github.com rather than an Enterprise server (which `gh` must be told about).
    public var isGitHubDotCom: Bool { webHost == "github.com" }

    public var description: String {
        "GitHub at \(apiURL.absoluteString) (\(webHost)), " + (token.map { "token from \($0.source)" } ?? "no configured token")
    }

    private static func nonEmpty(_ text: String?) -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        return text
    }
}
