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
        isPrivate: Bool = false, tokens: Set<String> = [],
        _ body: (FakeSourceHost, _ provider: (_ settings: [String: JSONValue], _ environment: [String: String]) throws -> GiteaSourceProvider, SleepRecorder, TemporaryDirectory) async throws -> Void
    ) async throws {
        let home = try TemporaryDirectory(prefix: "source-gitea")
        defer { home.remove() }
        let sleeps = SleepRecorder()
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

    @Test("scan in two requests, rescan with no download and no rate-limited request beyond the commit, import with modes")
    func scanRescanImport() async throws {
        try await Self.run { server, provider, _, home in
            let head = try #require(server.repository("forge/agents")?.branches["main"])
            let tree = try await provider([:], [:]).tree(for: Self.reference)
            #expect(tree.commit == head.sha)
            #expect(Set(tree.entries.map(\.path.string)) == Set(Self.files.keys))
            #expect(tree.entries.allSatisfy { $0.blobID == head.blobIDs[$0.path.string] })
            #expect(try #require(tree.requestLog).stats.rateLimited == 2)
            #expect(server.requestCount(containing: "/api/v1/repos/forge/agents/git/commits/HEAD") == 1)
            #expect(server.requestCount(containing: "/api/v1/repos/forge/agents/archive/\(head.sha).tar.gz") == 1)

            server.clearRequests()
            let again = try await provider([:], [:]).tree(for: Self.reference)
            #expect(again.entries == tree.entries)
            // Gitea sends no ETag for commits: one request learns the commit is unchanged, the archive is not fetched again.
            #expect(server.requests.count == 1)
            #expect(server.requestCount(containing: "/archive/") == 0)

            let target = home.url.appending(path: "staging")
            try await provider([:], [:]).fetch(tree.entries.map(\.path), from: again, into: target)
            #expect(try String(contentsOf: target.appending(path: "commands/release.md"), encoding: .utf8) == Self.files["commands/release.md"])
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

    @Test("a private repository: without a token the error suggests one; with GITEA_TOKEN it is read, sent as `token …`")
    func privateRepository() async throws {
        let token = "gitea0123456789abcdef"
        try await Self.run(isPrivate: true, tokens: [token]) { server, provider, _, _ in
            let anonymous = await #expect(throws: PluginError.self) { try await provider([:], [:]).tree(for: Self.reference) }
            #expect(anonymous?.description.contains("GITEA_TOKEN") == true)
            #expect(anonymous?.description.contains("private") == true)
            let tree = try await provider([:], ["GITEA_TOKEN": token]).tree(for: Self.reference)
            #expect(!tree.entries.isEmpty)
            #expect(server.requests.last?.token == token)
            let refused = await #expect(throws: PluginError.self) { try await provider(["token": .string("wrong")], [:]).tree(for: Self.reference) }
            #expect(refused?.description.contains("Gitea refused the token from the plugin setting 'token' (401") == true)
        }
    }

    @Test("a 429 says when it lifts; 5xx answers are retried with backoff")
    func rateLimitAndServerErrors() async throws {
        try await Self.run { server, provider, sleeps, _ in
            server.setRateLimit(limit: 100, remaining: 0, resetAt: Date().addingTimeInterval(10 * 60))
            let limited = await #expect(throws: PluginError.self) { try await provider([:], [:]).tree(for: Self.reference) }
            let limit = try #require(limited?.rateLimit)
            #expect(limit.resetsAt != nil)
            #expect(limit.message.hasPrefix("Gitea's API rate limit of 100 requests"))
            #expect(server.requests.count == 1)

            server.setRateLimit(limit: 100, remaining: 100, resetAt: Date().addingTimeInterval(60))
            server.fail("/git/commits/", times: 1, status: 500)
            server.fail("/archive/", times: 2, status: 502)
            let tree = try await provider([:], [:]).tree(for: Self.reference)
            #expect(!tree.entries.isEmpty)
            #expect(sleeps.recorded == [.seconds(1), .seconds(1), .seconds(2)])
        }
    }
}
