import Foundation
import SkillMeatPluginAPI
import SkillMeatTestSupport
import SourceGitLab
import Testing

/// One test's world: its own SKILLMEAT_HOME, logs and sleeps, and providers pointed at a fake GitLab.
struct GitLabWorld {
    static let files: [String: String] = [
        "README.md": "# Team skills\n",
        "skills/lint/SKILL.md": "---\nname: lint\ndescription: Lint the code\n---\nRun the linter.\n",
        "skills/lint/run.sh": "#!/bin/sh\nexec lint\n",
        "commands/ship.md": "---\ndescription: Ship it\n---\nShip.\n",
        "agents/helper.md": "---\nname: helper\n---\nYou help.\n",
        "docs-link": "README.md",
    ]
    static let modes = ["skills/lint/run.sh": "100755", "docs-link": "120000"]
    static let reference = SourceReference(location: "gitlab:acme/platform/skills")

    let home: TemporaryDirectory
    let logs = LogStore()
    let sleeps: SleepRecorder

    init(onSleep: @escaping @Sendable () -> Void = {}) throws {
        home = try TemporaryDirectory(prefix: "source-gitlab")
        sleeps = SleepRecorder(onSleep: onSleep)
    }

    static func project(isPrivate: Bool = false) throws -> FakeGitHubRepository {
        try FakeGitHubRepository(owner: "acme/platform", name: "skills", files: files, modes: modes, isPrivate: isPrivate, topics: ["agents"])
    }

    func provider(_ server: FakeSourceHost, settings: [String: JSONValue] = [:], environment: [String: String] = [:]) throws -> GitLabSourceProvider {
        var all = settings
        all["url"] = .string(server.baseURL.absoluteString)
        let context = PluginContext(id: "source/gitlab", settings: PluginSettings(all), logger: logs.logger, homeDirectory: home.url, environment: environment)
        return try GitLabSourceProvider(context: context, clock: sleeps.clock)
    }

    /// Runs `body` in a new world against a fake GitLab serving `projects`, then removes the world.
    static func withServer(_ projects: [FakeGitHubRepository]? = nil, validTokens: Set<String> = [], onSleep: @escaping @Sendable () -> Void = {}, _ body: (GitLabWorld, FakeSourceHost) async throws -> Void) async throws {
        let world = try GitLabWorld(onSleep: onSleep)
        defer { world.home.remove() }
        try await FakeSourceHost.withServer(.gitlab, try projects ?? [project()], validTokens: validTokens) { try await body(world, $0) }
    }
}

@Suite struct GitLabSourceTests {
    static func path(_ text: String) throws -> RelativePath { try RelativePath(validating: text) }

    @Test("a scan of a project in a subgroup costs two requests: the commit and one archive, which gives the tree and the files")
    func scan() async throws {
        try await GitLabWorld.withServer { world, server in
            let head = try #require(server.repository("acme/platform/skills")?.branches["main"])
            let provider = try world.provider(server)
            #expect(provider.accepts(GitLabWorld.reference))
            let tree = try await provider.tree(for: GitLabWorld.reference)
            #expect(tree.commit == head.sha)
            #expect(tree.providerID == "source/gitlab")
            #expect(Set(tree.entries.map(\.path.string)) == Set(GitLabWorld.files.keys))
            for entry in tree.entries {
                // Blob ids are git's, computed from the archive's bytes: the same a tree listing gives.
                #expect(entry.blobID == head.blobIDs[entry.path.string], "\(entry.path)")
                #expect(try await tree.contents(of: entry.path) == Data((GitLabWorld.files[entry.path.string] ?? "").utf8))
            }
            #expect(tree.entry(at: try Self.path("skills/lint/run.sh"))?.mode == .executable)
            #expect(tree.entry(at: try Self.path("docs-link"))?.mode == .symlink)

            let stats = try #require(tree.requestLog).stats
            #expect(stats.requests == 2)
            #expect(stats.rateLimited == 2)
            #expect(server.rateLimitedRequestCount == 2)
            #expect(server.requestCount(containing: "/projects/acme%2Fplatform%2Fskills/repository/commits/HEAD") == 1)
            #expect(server.requestCount(containing: "/repository/archive.tar.gz") == 1)
            #expect(server.requests.allSatisfy { $0.token == nil })
        }
    }

    @Test("a rescan of an unchanged project costs one 304 and no download; after a push it reads the new commit")
    func rescan() async throws {
        try await GitLabWorld.withServer { world, server in
            let first = try await world.provider(server).tree(for: GitLabWorld.reference)
            server.clearRequests()

            // A new provider, as a new process would build, sharing only the cache on disk.
            let second = try await world.provider(server).tree(for: GitLabWorld.reference)
            #expect(second.entries == first.entries)
            #expect(try await second.contents(of: try Self.path("commands/ship.md")) == Data("---\ndescription: Ship it\n---\nShip.\n".utf8))
            let stats = try #require(second.requestLog).stats
            #expect(stats.rateLimited == 0)
            #expect(stats.notModified == 1)
            #expect(server.rateLimitedRequestCount == 0)
            #expect(server.requests.map(\.status) == [304])

            var files = GitLabWorld.files
            files["skills/new/SKILL.md"] = "---\nname: new\n---\n"
            try server.setBranch("acme/platform/skills", "main", files: files, modes: GitLabWorld.modes)
            server.clearRequests()
            let third = try await world.provider(server).tree(for: GitLabWorld.reference)
            #expect(third.commit != first.commit)
            #expect(third.contains(try Self.path("skills/new/SKILL.md")))
            #expect(try #require(third.requestLog).stats.rateLimited == 2)
        }
    }

    @Test("import: fetch copies files out of the archive with their relative paths and executable bits")
    func fetch() async throws {
        let target = try TemporaryDirectory()
        defer { target.remove() }
        try await GitLabWorld.withServer { world, server in
            let provider = try world.provider(server)
            let tree = try await provider.tree(for: SourceReference(location: "\(server.baseURL.absoluteString)/acme/platform/skills/-/tree/main/skills"))
            #expect(tree.entries.map(\.path.string) == ["lint/SKILL.md", "lint/run.sh"])
            try await provider.fetch(tree.entries.map(\.path), from: tree, into: target.url)
            #expect(try target.read("lint/SKILL.md") == GitLabWorld.files["skills/lint/SKILL.md"])
            #expect(FileManager.default.isExecutableFile(atPath: target.path("lint/run.sh").path))
            let upstream = try #require(provider.upstreamURL(of: try Self.path("skills/lint"), in: tree))
            #expect(upstream == "\(server.baseURL.absoluteString)/acme/platform/skills/-/tree/\(tree.commit ?? "")/skills/lint")
            let pinned = try #require(provider.pinnedUpstream(upstream))
            #expect(pinned.reference.ref == tree.commit)
            #expect(pinned.path.string == "skills/lint")
        }
    }

    @Test("a private project: without a token the error names every way to give one; with a token from the setting or GITLAB_TOKEN it is read")
    func privateProject() async throws {
        let token = "glpat-privateaccess0123456789"
        try await GitLabWorld.withServer([try GitLabWorld.project(isPrivate: true)], validTokens: [token]) { world, server in
            let anonymous = await #expect(throws: PluginError.self) {
                try await world.provider(server).tree(for: GitLabWorld.reference)
            }
            let message = anonymous?.description ?? ""
            #expect(message.contains("private"))
            #expect(message.contains("SKILLMEAT_GITLAB_TOKEN or GITLAB_TOKEN"))
            #expect(message.contains("token setting under [plugins.\"source/gitlab\"]"))
            #expect(message.contains("`skillmeat config set plugins.\"source/gitlab\".token TOKEN`"))
            #expect(message.contains("`glab auth login"))

            let tree = try await world.provider(server, settings: ["token": .string(token)]).tree(for: GitLabWorld.reference)
            #expect(try await tree.contents(of: try Self.path("README.md")) == Data("# Team skills\n".utf8))
            let fromEnvironment = try await world.provider(server, environment: ["GITLAB_TOKEN": token]).tree(for: GitLabWorld.reference)
            #expect(fromEnvironment.commit == tree.commit)
            #expect(server.requests.last?.token == token)

            let refused = await #expect(throws: PluginError.self) {
                try await world.provider(server, environment: ["SKILLMEAT_GITLAB_TOKEN": "glpat-wrong"]).tree(for: GitLabWorld.reference)
            }
            #expect(refused?.description.contains("GitLab refused the token from SKILLMEAT_GITLAB_TOKEN (401") == true)
            #expect(!(world.logs.all + [message, refused?.description ?? ""]).contains { $0.contains(token) || $0.contains("glpat-wrong") })
        }
    }

    @Test("a spent rate limit fails with when it resets and how to add a token; a short one is waited out")
    func rateLimit() async throws {
        try await GitLabWorld.withServer { world, server in
            server.setRateLimit(limit: 300, remaining: 0, resetAt: Date().addingTimeInterval(37 * 60))
            let error = await #expect(throws: PluginError.self) {
                try await world.provider(server).tree(for: GitLabWorld.reference)
            }
            let limit = try #require(error?.rateLimit)
            #expect(limit.resetsAt != nil)
            #expect(limit.message.hasPrefix("GitLab's API rate limit of 300 requests a minute"))
            #expect(limit.message.contains("(in 37 minutes)"))
            #expect(limit.message.contains("GITLAB_TOKEN"))
            #expect(server.requests.count == 1)
            #expect(world.sleeps.recorded.isEmpty)
        }
        let box = SharedValue<FakeSourceHost>()
        try await GitLabWorld.withServer(onSleep: { box.value?.setRateLimit(limit: 300, remaining: 300, resetAt: Date().addingTimeInterval(60)) }) { world, server in
            box.value = server
            server.setRateLimit(limit: 300, remaining: 0, resetAt: Date().addingTimeInterval(20))
            let tree = try await world.provider(server).tree(for: GitLabWorld.reference)
            #expect(!tree.entries.isEmpty)
            #expect(world.sleeps.recorded.count == 1)
        }
    }

    @Test("server errors are retried with growing backoff; persistent ones fail after four attempts")
    func serverErrors() async throws {
        try await GitLabWorld.withServer { world, server in
            server.fail("/repository/commits/", times: 2, status: 502)
            server.fail("/repository/archive", times: 1, status: 503)
            let tree = try await world.provider(server).tree(for: GitLabWorld.reference)
            #expect(!tree.entries.isEmpty)
            #expect(world.sleeps.recorded == [.seconds(1), .seconds(2), .seconds(1)])
            #expect(try #require(tree.requestLog).stats.failed == 3)
        }
        try await GitLabWorld.withServer { world, server in
            server.fail("/repository/commits/", times: 100, status: 500)
            let error = await #expect(throws: PluginError.self) {
                try await world.provider(server).tree(for: GitLabWorld.reference)
            }
            #expect(error?.description.contains("GitLab kept answering HTTP 500") == true)
            #expect(error?.description.contains("4 attempts") == true)
        }
    }

    @Test("an unknown ref and an unknown project each get their own message")
    func notFound() async throws {
        try await GitLabWorld.withServer { world, server in
            let provider = try world.provider(server)
            let refError = await #expect(throws: PluginError.self) {
                try await provider.tree(for: SourceReference(location: "gitlab:acme/platform/skills@no-such-branch"))
            }
            #expect(refError?.description.contains("'no-such-branch'") == true)
            let projectError = await #expect(throws: PluginError.self) {
                try await provider.tree(for: SourceReference(location: "gitlab:acme/missing"))
            }
            #expect(projectError?.description.contains("acme/missing") == true)
        }
    }

    @Test("an archive that unpacks past max_archive_mb (a gzip bomb) fails with a clear error and leaves nothing in the cache")
    func gzipBomb() async throws {
        let project = try GitLabWorld.project()
        let head = try #require(project.branches["main"])
        let bomb = try FakeTarWriter.gzipBomb(topFolder: "skills-top", megabytes: 3)
        #expect(bomb.count < 64 << 10)
        try await GitLabWorld.withServer([project]) { world, server in
            server.overrideTarball(bomb, commit: head.sha)
            let error = await #expect(throws: PluginError.self) {
                try await world.provider(server, settings: ["max_archive_mb": .int(1)]).tree(for: GitLabWorld.reference)
            }
            let message = error?.description ?? ""
            #expect(message.contains("unpacks to more than 1 MB"))
            #expect(message.contains("max_archive_mb under [plugins.\"source/gitlab\"]"))
            #expect(message.contains("nothing of it was kept"))
            #expect(FakeTarWriter.tarFiles(under: world.home.url.appending(path: "cache/plugins/source/gitlab")).isEmpty)
            #expect(server.requestCount(containing: "archive.tar.gz") == 1)
        }
    }
}
