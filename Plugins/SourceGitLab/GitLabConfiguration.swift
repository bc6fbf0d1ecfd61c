public import Foundation
public import SkillMeatPluginAPI

/// Which GitLab server the provider reads and with which token, from its settings and environment.
public struct GitLabConfiguration: Sendable, CustomStringConvertible {
    /// The server's web address: `https://gitlab.com`, or a self-managed one (a path prefix allowed).
    public var webURL: URL
    /// The REST API v4 root: `<webURL>/api/v4` unless `api_url` says otherwise.
    public var apiURL: URL
    /// The token from settings or the environment; `glab` is consulted later when nil.
    public var token: HostToken?

    public static let defaultURL = "https://gitlab.com"
    /// Environment variables a token is read from, in order (after the `token` setting).
    public static let tokenVariables = ["SKILLMEAT_GITLAB_TOKEN", "GITLAB_TOKEN"]

    /// `SKILLMEAT_GITLAB_URL` over the `url` setting over gitlab.com; `api_url` (or
    /// `SKILLMEAT_GITLAB_API_URL`) when the API lives elsewhere; the token from `token`,
    /// `SKILLMEAT_GITLAB_TOKEN` or `GITLAB_TOKEN`.
    public static func resolve(settings: PluginSettings, environment: [String: String]) throws(PluginError) -> GitLabConfiguration {
        func value(_ variable: String, _ setting: String) -> String? {
            [environment[variable], settings.string(setting)].compactMap { $0?.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty }
        }
        let web = try HostAPI.baseURL(value("SKILLMEAT_GITLAB_URL", "url") ?? defaultURL, setting: "url under [plugins.\"source/gitlab\"] (or SKILLMEAT_GITLAB_URL)")
        let api = try value("SKILLMEAT_GITLAB_API_URL", "api_url").map { raw throws(PluginError) in
            try HostAPI.baseURL(raw, setting: "api_url under [plugins.\"source/gitlab\"]")
        } ?? web.appending(path: "api/v4", directoryHint: .notDirectory)
        let token = HostToken.configured(setting: settings.string("token"), environment: environment, variables: tokenVariables)
        return GitLabConfiguration(webURL: web, apiURL: api, token: token)
    }

    /// `gitlab.com`, `gitlab.example.com:8443/gitlab`: what web URLs of this server start with.
    public var webRoot: String {
        var path = webURL.path
        while path.hasSuffix("/") { path.removeLast() }
        return HostAPI.hostAndPort(of: webURL) + path
    }

    /// The web address of `projectPath`.
    func webAddress(_ projectPath: String) -> String {
        webURL.absoluteString + "/" + projectPath
    }

    var api: HostAPI {
        let host = webURL.host ?? "gitlab.com"
        return HostAPI(
            name: "GitLab",
            apiURL: apiURL,
            webHost: webRoot,
            tokenHeader: ("Authorization", "Bearer "),
            tokenHint: "SKILLMEAT_GITLAB_TOKEN or GITLAB_TOKEN, the token setting under [plugins.\"source/gitlab\"] "
                + "(`skillmeat config set plugins.\"source/gitlab\".token TOKEN`) or `glab auth login\(host == "gitlab.com" ? "" : " --hostname \(host)")`",
            rateLimitAdvice: "add a token (set SKILLMEAT_GITLAB_TOKEN or GITLAB_TOKEN, or run `glab auth login`) to raise the limit",
            rateLimitPeriod: "a minute",
            unreachableAdvice: ", or url under [plugins.\"source/gitlab\"] for a self-managed server"
        )
    }

    /// `glab config get token --host HOST`: the token `glab auth login` stored.
    var tokenProgram: HostTokenResolver.Program {
        HostTokenResolver.Program(name: "glab", arguments: ["config", "get", "token", "--host", webURL.host ?? "gitlab.com"])
    }

    public var description: String {
        "GitLab at \(apiURL.absoluteString), " + (token.map { "token from \($0.source)" } ?? "no configured token")
    }
}
