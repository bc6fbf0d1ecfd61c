import Foundation
import SkillMeatPluginAPI
import SkillMeatTestSupport
import SourceGitHub
import Testing

@Suite struct GitHubReferenceTests {
    static func parsed(_ owner: String, _ repository: String, _ ref: String? = nil, _ subpath: String = "") -> GitHubReference.ParseResult {
        // The table only holds valid paths, so a failure here is a broken test, reported as `.notGitHub`.
        guard let path = try? RelativePath(validating: subpath) else { return .notGitHub }
        return .parsed(GitHubReference(owner: owner, repository: repository, ref: ref, subpath: path))
    }

    @Test("locations GitHub takes, and those it leaves to other providers", arguments: [
        ("owner/repo", parsed("owner", "repo")),
        ("owner/repo@main", parsed("owner", "repo", "main")),
        ("owner/repo@v1.2.3", parsed("owner", "repo", "v1.2.3")),
        ("owner/repo.git", parsed("owner", "repo")),
        ("anthropics/skills/skills/pdf@main", parsed("anthropics", "skills", "main", "skills/pdf")),
        ("owner/repo/sub/path", parsed("owner", "repo", nil, "sub/path")),
        ("  owner/repo  ", parsed("owner", "repo")),
        ("my-org/my.repo_name@feature/x", parsed("my-org", "my.repo_name", "feature/x")),
        ("https://github.com/owner/repo", parsed("owner", "repo")),
        ("https://github.com/owner/repo/", parsed("owner", "repo")),
        ("https://github.com/owner/repo.git", parsed("owner", "repo")),
        ("http://github.com/owner/repo", parsed("owner", "repo")),
        ("https://www.github.com/owner/repo", parsed("owner", "repo")),
        ("https://GitHub.com/Owner/Repo", parsed("Owner", "Repo")),
        ("https://github.com/owner/repo/tree/main", parsed("owner", "repo", "main")),
        ("https://github.com/owner/repo/tree/main/skills/pdf", parsed("owner", "repo", "main", "skills/pdf")),
        ("https://github.com/owner/repo/tree/v2/skills/pdf/?tab=readme#top", parsed("owner", "repo", "v2", "skills/pdf")),
        ("https://github.com/owner/repo/blob/main/skills/pdf/SKILL.md", parsed("owner", "repo", "main", "skills/pdf")),
        ("https://github.com/owner/repo/commit/0123456789abcdef0123456789abcdef01234567", parsed("owner", "repo", "0123456789abcdef0123456789abcdef01234567")),
        ("https://github.com/owner/repo/tree/main/with%20space", parsed("owner", "repo", "main", "with space")),
        ("github.com/owner/repo/tree/main/skills", parsed("owner", "repo", "main", "skills")),
        ("https://user@github.com/owner/repo", parsed("owner", "repo")),
        // Not GitHub: local paths, other hosts and git transports belong to source/git.
        ("./skills", .notGitHub),
        ("../skills/pdf", .notGitHub),
        ("/home/me/skills", .notGitHub),
        ("~/skills", .notGitHub),
        ("skills", .notGitHub),
        ("", .notGitHub),
        ("git@github.com:owner/repo.git", .notGitHub),
        ("ssh://git@github.com/owner/repo.git", .notGitHub),
        ("file:///srv/repo.git", .notGitHub),
        ("git://github.com/owner/repo", .notGitHub),
        ("https://gitlab.com/owner/repo", .notGitHub),
        ("https://github.example.com/owner/repo", .notGitHub),
        ("example.com/owner/repo", .notGitHub),
        ("C:\\skills\\pdf", .notGitHub),
    ] as [(String, GitHubReference.ParseResult)])
    func parse(location: String, expected: GitHubReference.ParseResult) {
        #expect(GitHubReference.parse(location) == expected)
    }

    @Test("GitHub-shaped locations that cannot be used say why", arguments: [
        "https://github.com/owner",
        "https://github.com/owner/repo/issues/12",
        "https://github.com/owner/repo/tree",
        "owner/repo@",
        "owner/repo@bad..ref",
        "owner/repo/../../etc@main",
        "https://github.com/owner/repo/tree/main/../../x",
    ])
    func invalid(location: String) {
        guard case .invalid(let reason) = GitHubReference.parse(location) else {
            Issue.record("'\(location)' should be refused with a reason")
            return
        }
        #expect(!reason.isEmpty)
    }

    @Test("an Enterprise host's URLs are taken, github.com's are not")
    func enterpriseHost() {
        #expect(GitHubReference.parse("https://ghe.example.com/team/tools/tree/main/skills", webHost: "ghe.example.com")
            == Self.parsed("team", "tools", "main", "skills"))
        #expect(GitHubReference.parse("https://github.com/team/tools", webHost: "ghe.example.com") == .notGitHub)
    }

    @Test("an explicit ref lets a /tree/ URL name a ref containing a slash")
    func explicitRefWithSlash() {
        #expect(GitHubReference.parse("https://github.com/o/r/tree/feature/x/skills/pdf", explicitRef: "feature/x")
            == Self.parsed("o", "r", "feature/x", "skills/pdf"))
    }

    @Test("the reference's own ref and root override the location's")
    func overrides() throws {
        let reference = SourceReference(location: "owner/repo/skills@main", ref: "v2", root: try RelativePath(validating: "agents"))
        let resolved = try GitHubReference.resolve(reference, webHost: "github.com")
        #expect(resolved == GitHubReference(owner: "owner", repository: "repo", ref: "v2", subpath: try RelativePath(validating: "agents")))
    }

    @Test("resolving a non-GitHub location throws a sentence naming it")
    func resolveRefuses() {
        #expect(throws: PluginError.self) { try GitHubReference.resolve(SourceReference(location: "git@host:x.git"), webHost: "github.com") }
    }

    @Test("accepts GitHub references but not folders that exist, git URLs or other hosts")
    func accepts() throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let context = PluginContext(id: "source/github", logger: LogStore().logger, homeDirectory: home.url, environment: [:])
        let provider = try GitHubSourceProvider(context: context)
        #expect(provider.accepts(SourceReference(location: "anthropics/skills")))
        #expect(provider.accepts(SourceReference(location: "https://github.com/anthropics/skills/tree/main/skills")))
        #expect(provider.accepts(SourceReference(location: "https://github.com/anthropics")))  // ours, and its error explains
        #expect(!provider.accepts(SourceReference(location: home.url.path)))
        #expect(!provider.accepts(SourceReference(location: "git@github.com:anthropics/skills.git")))
        #expect(!provider.accepts(SourceReference(location: "https://gitlab.com/a/b")))
        // A relative `owner/repo`-shaped path that exists next to the process is a folder, not GitHub.
        let relative = "Sources/SkillMeatPluginAPI"
        if FileManager.default.fileExists(atPath: relative) {
            #expect(!provider.accepts(SourceReference(location: relative)))
        }
    }

    @Test("configuration: API URL from environment over setting, Enterprise web host, token order")
    func configuration() throws {
        let settings = PluginSettings(["api_url": .string("https://ghe.example.com/api/v3/"), "token": .string("from-setting")])
        let fromSetting = try GitHubConfiguration.resolve(settings: settings, environment: ["GITHUB_TOKEN": "env"])
        #expect(fromSetting.apiURL.absoluteString == "https://ghe.example.com/api/v3")
        #expect(fromSetting.webHost == "ghe.example.com")
        #expect(fromSetting.token?.source == .setting)

        let overridden = try GitHubConfiguration.resolve(
            settings: settings,
            environment: ["SKILLMEAT_GITHUB_API_URL": "https://api.github.com"]
        )
        #expect(overridden.webHost == "github.com")

        let environmentOnly = try GitHubConfiguration.resolve(settings: PluginSettings(), environment: ["GH_TOKEN": "c", "GITHUB_TOKEN": "b"])
        #expect(environmentOnly.token?.source == .githubEnvironment)
        #expect(environmentOnly.apiURL.absoluteString == "https://api.github.com")
        #expect(try GitHubConfiguration.resolve(settings: PluginSettings(), environment: ["GH_TOKEN": " "]).token == nil)

        #expect(throws: PluginError.self) {
            try GitHubConfiguration.resolve(settings: PluginSettings(["api_url": .string("ftp://x")]), environment: [:])
        }
    }

    @Test("a token never shows its text when printed, dumped or described")
    func tokenMasked() throws {
        let secret = "ghp_supersecretvalue123"
        let token = try #require(GitHubToken(secret, source: .setting))
        var dumped = ""
        dump(token, to: &dumped)
        for text in [String(describing: token), String(reflecting: token), "\(token)", dumped] {
            #expect(!text.contains(secret))
        }
        let configuration = try GitHubConfiguration.resolve(settings: PluginSettings(["token": .string(secret)]), environment: [:])
        var dumpedConfiguration = ""
        dump(configuration, to: &dumpedConfiguration)
        #expect(!dumpedConfiguration.contains(secret))
        #expect(!String(describing: configuration).contains(secret))
    }
}
