public import Foundation
public import SkillMeatPluginAPI

/// The `source/gitea` plugin: reads repositories on a Gitea or Forgejo server (Codeberg by default)
/// through the API v1. A scan costs two requests (the ref resolved to a commit, the commit's archive,
/// from which the tree and every file are read); a rescan of an unchanged ref one small request for
/// the commit, compared with the cached archive's, and no download. Gitea and Forgejo meter no API
/// request, so neither counts against a rate limit unless a proxy in front reports one.
public struct GiteaSourceProvider: HostedArchiveProvider {
    public let id: PluginID
    /// The server's web address (`https://codeberg.org`, `https://git.example.com`).
    public let webURL: URL
    public let source: HostedArchiveSource

    public static let defaultURL = "https://codeberg.org"
    /// Environment variables a token is read from, in order (after the `token` setting).
    public static let tokenVariables = ["SKILLMEAT_GITEA_TOKEN", "GITEA_TOKEN"]
    /// Every way to give a token, completing "set a token with …": the environment, the setting and
    /// the command that writes it.
    static let tokenHint = "SKILLMEAT_GITEA_TOKEN or GITEA_TOKEN, or the token setting under [plugins.\"source/gitea\"] (`skillmeat config set plugins.\"source/gitea\".token TOKEN`)"

    public init(context: PluginContext, clock: HostClock, retryPolicy: HostRetryPolicy = HostRetryPolicy()) throws {
        let environment = context.environment
        let raw = [environment["SKILLMEAT_GITEA_URL"], context.settings.string("url")].compactMap { $0 }.first { !$0.isEmpty } ?? Self.defaultURL
        let webURL = try HostAPI.baseURL(raw, setting: "url under [plugins.\"source/gitea\"] (or SKILLMEAT_GITEA_URL)")
        let api = HostAPI(
            name: "Gitea",
            apiURL: webURL.appending(path: "api/v1", directoryHint: .notDirectory),
            webHost: HostAPI.hostAndPort(of: webURL),
            tokenHeader: ("Authorization", "token "),
            tokenHint: Self.tokenHint,
            rateLimitAdvice: "add a token (set SKILLMEAT_GITEA_TOKEN or GITEA_TOKEN) if the server allows more with one",
            unreachableAdvice: ", or url under [plugins.\"source/gitea\"]",
            // Gitea and Forgejo meter no API request; only a proxy in front (Codeberg's) may, and says so in headers.
            meteredWithoutHeaders: false
        )
        self.id = context.id
        self.webURL = webURL
        self.source = try HostedArchiveSource(
            context: context,
            api: api,
            tokens: HostTokenResolver(
                configured: HostToken.configured(setting: context.settings.string("token"), environment: environment, variables: Self.tokenVariables),
                environment: environment,
                program: nil
            ),
            clock: clock,
            retry: retryPolicy
        )
    }

    public var originLabel: String { "gitea" }

    /// Upstream addresses are `https://HOST/owner/repo/src/commit/<commit>/<path>`.
    public var commitPage: String { "/src/commit/" }

    /// `codeberg.org`, `git.example.com:3000/gitea`: what web URLs of this server start with.
    var webRoot: String {
        var path = webURL.path
        while path.hasSuffix("/") { path.removeLast() }
        return HostAPI.hostAndPort(of: webURL) + path
    }

    public func locate(_ reference: SourceReference) throws -> HostedLocation? {
        guard let repository = try GiteaReference.resolve(reference, webRoot: webRoot) else { return nil }
        let base = "/repos/\(HostAPIClient.encodeComponent(repository.owner))/\(HostAPIClient.encodeComponent(repository.name))"
        return HostedLocation(
            repository: HostedArchiveSource.Repository(
                name: repository.fullName,
                ref: repository.ref,
                root: repository.subpath,
                apiPath: base,
                commitRequest: { ref in
                    (base + "/git/commits/" + HostAPIClient.encode(ref), ["stat", "verification", "files"].map { URLQueryItem(name: $0, value: "false") })
                },
                commitField: "sha",
                archiveRequest: { commit in (base + "/archive/\(commit).tar.gz", []) },
                cacheFolders: [repository.owner, repository.name]
            ),
            webAddress: webURL.absoluteString + "/" + repository.fullName
        )
    }
}
