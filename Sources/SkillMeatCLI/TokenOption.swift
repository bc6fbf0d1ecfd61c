import ArgumentParser
import SkillMeatPluginAPI

/// `--token`, on every command that may read GitHub: it becomes the GitHub provider's `token`
/// setting for this run only, ahead of the configuration and the environment.
struct TokenOption: ParsableArguments {
    @Option(help: "A GitHub token for this run (default: config, SKILLMEAT_GITHUB_TOKEN, GITHUB_TOKEN, GH_TOKEN, gh).")
    var token: String?

    /// Plugin settings to pass to `GlobalOptions.runtime`.
    var pluginSettings: [String: [String: JSONValue]] {
        token.map { ["source/github": ["token": .string($0)]] } ?? [:]
    }
}
