import Foundation
import SkillMeatPluginAPI
import SkillMeatTestSupport
import SourceGitea
import Testing

@Suite struct GiteaSourceTests {
    static let files: [String: String] = [
        "skills/review/SKILL.md": "---\nname: review\ndescription: Review a change\n---\nLook closely.\n",
        "skills/review/check.py": "print('check')\n",
        "commands/release.md": "---\ndescription: Release\n---\nTag and push.\n",
    ]
    static let reference = SourceReference(location: "gitea:forge/agents")

    /// A fake Gitea serving `forge/agents`, a fresh home, and a way to build providers against both.
    static func run(
        isPrivate: Bool = false, tokens: Set<String> = [], onSleep: @escaping @Sendable () -> Void = {},
        _ body: (FakeSourceHost, _ provider: (_ settings: [String: JSONValue], _ environment: [String: String]) throws -> GiteaSourceProvider, SleepRecorder, TemporaryDirectory) async throws -> Void
    ) async throws {
        let home = try TemporaryDirectory(prefix: "source-gitea")
        defer { home.remove() }
        let sleeps = SleepRecorder(onSleep: onSleep)
        let logs = LogStore()
        let repository = try FakeGitHubRepository(owner: "forge", name: "agents", files: files, modes: ["skills/review/check.py": "100755"], isPrivate: isPrivate, topics: ["skills"])
        try await FakeSourceHost.withServer(.gitea, [repository], validTokens: tokens) { server in
            let make = { (settings: [String: JSONValue], environment: [String: String]) throws -> GiteaSourceProvider in
                let context = PluginContext(
                    id: "source/gitea", settings: PluginSettings(settings.merging(["url": .string(server.baseURL.absoluteString)]) { $1 }),
                    logger: logs.logger, homeDirectory: home.url, environment: environment
                )
                return try GiteaSourceProvider(context: context, clock: sleeps.clock)
            }
            try await body(server, make, sleeps, home)
        }
    }

    @Test("a scan costs two requests, the commit and one archive, neither metered by a stock Gitea; behind a limiting proxy two")
    func scan() async throws {
        try await Self.run { server, provider, _, _ in
            let head = try #require(server.repository("forge/agents")?.branches["main"])
            let tree = try await provider([:], [:]).tree(for: Self.reference)
            #expect(tree.commit == head.sha)
            #expect(tree.providerID == "source/gitea")
            #expect(Set(tree.entries.map(\.path.string)) == Set(Self.files.keys))
            #expect(tree.entries.allSatisfy { $0.blobID == head.blobIDs[$0.path.string] })
            let stats = try #require(tree.requestLog).stats
            #expect(stats.requests == 2)
            #expect(stats.rateLimited == 0)
            #expect(server.requestCount(containing: "/api/v1/repos/forge/agents/git/commits/HEAD") == 1)
            #expect(server.requestCount(containing: "/api/v1/repos/forge/agents/archive/\(head.sha).tar.gz") == 1)
        }
        try await Self.run { server, provider, _, _ in
            server.setRateLimit(limit: 100, remaining: 100, resetAt: Date().addingTimeInterval(60))
            let tree = try await provider([:], [:]).tree(for: Self.reference)
            #expect(try #require(tree.requestLog).stats.rateLimited == 2)
            #expect(server.rateLimitedRequestCount == 2)
        }
    }

    @Test("a rescan of an unchanged repository costs no rate-limited request and no download: one commit lookup, compared")
    func rescan() async throws {
        try await Self.run { server, provider, _, _ in
            let first = try await provider([:], [:]).tree(for: Self.reference)
            server.clearRequests()

            // A new provider, as a new process would build, sharing only the cache on disk.
            let second = try await provider([:], [:]).tree(for: Self.reference)
            #expect(second.entries == first.entries)
            #expect(try await second.contents(of: try RelativePath(validating: "commands/release.md")) == Data((Self.files["commands/release.md"] ?? "").utf8))
            let stats = try #require(second.requestLog).stats
            #expect(stats.rateLimited == 0)
            #expect(stats.requests == 1)
            #expect(server.rateLimitedRequestCount == 0)
            // Gitea sends no ETag for commits: the one request learns the commit is unchanged; the archive is not fetched again.
            #expect(server.requests.map(\.path) == ["/api/v1/repos/forge/agents/git/commits/HEAD"])

            var files = Self.files
            files["skills/new/SKILL.md"] = "---\nname: new\n---\n"
            try server.setBranch("forge/agents", "main", files: files)
            server.clearRequests()
            let third = try await provider([:], [:]).tree(for: Self.reference)
            #expect(third.commit != first.commit)
            #expect(third.contains(try RelativePath(validating: "skills/new/SKILL.md")))
            #expect(server.requestCount(containing: "/archive/") == 1)
        }
        // Behind a limiting proxy the lookup is the one request that counts: Gitea cannot answer 304 for a ref.
        try await Self.run { server, provider, _, _ in
            server.setRateLimit(limit: 100, remaining: 100, resetAt: Date().addingTimeInterval(60))
            _ = try await provider([:], [:]).tree(for: Self.reference)
            server.clearRequests()
            let again = try await provider([:], [:]).tree(for: Self.reference)
            #expect(try #require(again.requestLog).stats.rateLimited == 1)
            #expect(server.requestCount(containing: "/archive/") == 0)
        }
    }

    @Test("import: fetch copies files out of the archive with their relative paths and executable bits")
    func fetch() async throws {
        try await Self.run { _, provider, _, home in
            let gitea = try provider([:], [:])
            let tree = try await gitea.tree(for: Self.reference)
            let target = home.url.appending(path: "staging")
            try await gitea.fetch(tree.entries.map(\.path), from: tree, into: target)
            #expect(try String(contentsOf: target.appending(path: "commands/release.md"), encoding: .utf8) == Self.files["commands/release.md"])
            #expect(try String(contentsOf: target.appending(path: "skills/review/SKILL.md"), encoding: .utf8) == Self.files["skills/review/SKILL.md"])
            #expect(FileManager.default.isExecutableFile(atPath: target.appending(path: "skills/review/check.py").path))
        }
    }

    @Test("references: gitea: shorthand, repository and /src/ URLs on the configured server; other hosts are left alone")
    func references() async throws {
        try await Self.run { server, provider, _, _ in
            let gitea = try provider([:], [:])
            let base = server.baseURL.absoluteString
            let folder = try gitea.parts(of: SourceReference(location: "\(base)/forge/agents/src/branch/main/skills"))
            #expect(folder.location == "\(base)/forge/agents")
            #expect(folder.ref == "main")
            #expect(folder.root?.string == "skills")
            #expect(try gitea.parts(of: SourceReference(location: "gitea:forge/agents@v2")).ref == "v2")
            #expect(try gitea.parts(of: SourceReference(location: "\(base)/forge/agents.git")).location == "\(base)/forge/agents")
            #expect(!gitea.accepts(SourceReference(location: "https://github.com/forge/agents")))
            #expect(!gitea.accepts(SourceReference(location: "forge/agents")))
            #expect(gitea.accepts(SourceReference(location: "\(base)/forge")))
            #expect(throws: PluginError.self) { try gitea.parts(of: SourceReference(location: "\(base)/forge")) }

            let tree = try await gitea.tree(for: SourceReference(location: "\(base)/forge/agents/src/branch/main/skills/review"))
            #expect(tree.entries.map(\.path.string) == ["SKILL.md", "check.py"])
            let upstream = try #require(gitea.upstreamURL(of: try RelativePath(validating: "skills/review"), in: tree))
            #expect(upstream == "\(base)/forge/agents/src/commit/\(tree.commit ?? "")/skills/review")
            #expect(gitea.pinnedUpstream(upstream)?.reference.ref == tree.commit)
        }
    }

    @Test("a private repository: without a token the error names every way to give one; with GITEA_TOKEN or the setting it is read, sent as `token …`")
    func privateRepository() async throws {
        let token = "gitea0123456789abcdef"
        try await Self.run(isPrivate: true, tokens: [token]) { server, provider, _, _ in
            let anonymous = await #expect(throws: PluginError.self) { try await provider([:], [:]).tree(for: Self.reference) }
            let message = anonymous?.description ?? ""
            #expect(message.contains("private"))
            #expect(message.contains("SKILLMEAT_GITEA_TOKEN or GITEA_TOKEN"))
            #expect(message.contains("token setting under [plugins.\"source/gitea\"]"))
            #expect(message.contains("`skillmeat config set plugins.\"source/gitea\".token TOKEN`"))
            let tree = try await provider([:], ["GITEA_TOKEN": token]).tree(for: Self.reference)
            #expect(!tree.entries.isEmpty)
            #expect(server.requests.last?.token == token)
            let fromSetting = try await provider(["token": .string(token)], [:]).tree(for: Self.reference)
            #expect(fromSetting.commit == tree.commit)
            let refused = await #expect(throws: PluginError.self) { try await provider(["token": .string("wrong")], [:]).tree(for: Self.reference) }
            #expect(refused?.description.contains("Gitea refused the token from the plugin setting 'token' (401") == true)
            #expect(refused?.description.contains("wrong") == false)
        }
    }

    @Test("a 429 from a proxy says when it lifts and how to add a token; a short one is waited out")
    func rateLimit() async throws {
        try await Self.run { server, provider, sleeps, _ in
            server.setRateLimit(limit: 100, remaining: 0, resetAt: Date().addingTimeInterval(10 * 60))
            let limited = await #expect(throws: PluginError.self) { try await provider([:], [:]).tree(for: Self.reference) }
            guard case .rateLimited(let resetsAt, let message)? = limited else {
                Issue.record("expected a rate-limit error, got \(String(describing: limited))")
                return
            }
            #expect(resetsAt != nil)
            #expect(message.hasPrefix("Gitea's API rate limit of 100 requests"))
            #expect(message.contains("GITEA_TOKEN"))
            #expect(server.requests.count == 1)
            #expect(sleeps.recorded.isEmpty)
        }
        let box = SharedValue<FakeSourceHost>()
        try await Self.run(onSleep: { box.value?.setRateLimit(limit: 100, remaining: 100, resetAt: Date().addingTimeInterval(60)) }) { server, provider, sleeps, _ in
            box.value = server
            server.setRateLimit(limit: 100, remaining: 0, resetAt: Date().addingTimeInterval(20))
            let tree = try await provider([:], [:]).tree(for: Self.reference)
            #expect(!tree.entries.isEmpty)
            #expect(sleeps.recorded.count == 1)
        }
    }

    @Test("5xx answers are retried with growing backoff; persistent ones fail after four attempts")
    func serverErrors() async throws {
        try await Self.run { server, provider, sleeps, _ in
            server.fail("/git/commits/", times: 1, status: 500)
            server.fail("/archive/", times: 2, status: 502)
            let tree = try await provider([:], [:]).tree(for: Self.reference)
            #expect(!tree.entries.isEmpty)
            #expect(sleeps.recorded == [.seconds(1), .seconds(1), .seconds(2)])
            #expect(try #require(tree.requestLog).stats.failed == 3)
        }
        try await Self.run { server, provider, _, _ in
            server.fail("/git/commits/", times: 100, status: 503)
            let error = await #expect(throws: PluginError.self) { try await provider([:], [:]).tree(for: Self.reference) }
            #expect(error?.description.contains("Gitea kept answering HTTP 503") == true)
            #expect(error?.description.contains("4 attempts") == true)
        }
    }
}
