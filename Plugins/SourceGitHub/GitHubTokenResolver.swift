import SkillMeatPluginAPI
import Foundation

/// Finds the token once per provider: the configured one, else what `gh auth token` prints when a
/// `gh` executable is on the `PATH`. A missing or failing `gh` simply means "no token".
actor GitHubTokenResolver {
    private let configured: GitHubToken?
    private let environment: [String: String]
    /// The web host to ask `gh` about; nil for github.com, which is `gh`'s default.
    private let enterpriseHost: String?
    private var asked = false
    private var fromCLI: GitHubToken?

    init(configured: GitHubToken?, environment: [String: String], enterpriseHost: String?) {
        self.configured = configured
        self.environment = environment
        self.enterpriseHost = enterpriseHost
    }

    /// The token to send, if any; `gh` is asked at most once.
    func token() async -> GitHubToken? {
        if let configured { return configured }
        if asked { return fromCLI }
        asked = true
        guard let gh = ExternalProgram.find("gh", searchPath: environment["PATH"] ?? "") else { return nil }
        var arguments = ["auth", "token"]
        if let enterpriseHost { arguments += ["--hostname", enterpriseHost] }
        guard let outcome = try? await ExternalProgram.run(gh, arguments, environment: environment),
              outcome.status == 0
        else { return nil }
        fromCLI = GitHubToken(String(decoding: outcome.standardOutput, as: UTF8.self), source: .ghCLI)
        return fromCLI
    }
}
