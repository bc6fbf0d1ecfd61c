public import Foundation
public import SkillMeatPluginAPI

// The machinery every hosted source shares lives in SkillMeatPluginAPI (`HostAPIClient`,
// `HostArchiveReader`, `HostToken`, …); these are GitHub's names for it, kept for callers.
public typealias GitHubToken = HostToken
public typealias GitHubClock = HostClock
public typealias GitHubRetryPolicy = HostRetryPolicy
public typealias GitHubRequestLog = HostRequestLog
public typealias GitHubRequestRecord = HostRequestRecord
public typealias GitHubRequestStats = SourceRequestStats
public typealias GitHubRateLimit = HostRateLimit

extension HostToken.Source {
    public static let skillmeatEnvironment = HostToken.Source.environment("SKILLMEAT_GITHUB_TOKEN")
    public static let githubEnvironment = HostToken.Source.environment("GITHUB_TOKEN")
    public static let ghEnvironment = HostToken.Source.environment("GH_TOKEN")
    public static let ghCLI = HostToken.Source.program("gh auth token")
}

extension GitHubConfiguration {
    /// The environment variables a token is read from, in order (after the `token` setting).
    static let tokenVariables = ["SKILLMEAT_GITHUB_TOKEN", "GITHUB_TOKEN", "GH_TOKEN"]

    /// GitHub's REST API v3 as `HostAPIClient` speaks it.
    var api: HostAPI {
        HostAPI(
            name: "GitHub",
            apiURL: apiURL,
            webHost: webHost,
            defaultAccept: "application/vnd.github+json",
            headers: ["X-GitHub-Api-Version": "2022-11-28"],
            tokenHeader: ("Authorization", "Bearer "),
            tokenHint: "SKILLMEAT_GITHUB_TOKEN, GITHUB_TOKEN, --token or `gh auth login`",
            rateLimitAdvice: "add a token (set SKILLMEAT_GITHUB_TOKEN or GITHUB_TOKEN, pass --token, or run `gh auth login"
                + (isGitHubDotCom ? "`) to get 5,000 requests an hour" : " --hostname \(webHost)`) to raise the limit"),
            rateLimitPeriod: "an hour",
            unreachableAdvice: ", or api_url if you use GitHub Enterprise Server"
        )
    }

    /// `gh auth token` (with `--hostname` on Enterprise), asked when nothing is configured.
    var tokenProgram: HostTokenResolver.Program {
        HostTokenResolver.Program(name: "gh", arguments: ["auth", "token"] + (isGitHubDotCom ? [] : ["--hostname", webHost]))
    }
}
