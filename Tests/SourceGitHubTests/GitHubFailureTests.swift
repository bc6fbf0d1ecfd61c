import Foundation
import SkillMeatPluginAPI
import SkillMeatTestSupport
import SourceGitHub
import Testing

@Suite struct GitHubFailureTests {
    static let reference = SourceReference(location: "acme/skills")

    @Test("a rate limit that resets within a minute is waited out, then the scan goes on")
    func rateLimitWait() async throws {
        let serverBox = SharedValue<FakeGitHub>()
        let world = try TestWorld(onSleep: { serverBox.value?.resetRateLimit() })
        defer { world.home.remove() }
        try await FakeGitHub.withServer([try Fixtures.marketplace()]) { server in
            serverBox.value = server
            let started = Date()
            server.setRateLimit(limit: 60, remaining: 0, resetAt: started.addingTimeInterval(20))
            let tree = try await world.provider(server).tree(for: Self.reference)
            #expect(!tree.entries.isEmpty)
            let sleeps = world.sleeps.recorded
            #expect(sleeps.count == 1)
            // The wait is what is left until the reset when the limit is met; on a loaded machine the
            // requests before it take a while, so the lower bound moves by the time they took.
            let elapsed = Date().timeIntervalSince(started)
            #expect(sleeps.allSatisfy { $0 >= .seconds(15 - elapsed) && $0 <= .seconds(25) })
            #expect(world.logs.all.contains { $0.contains("rate limit") })
        }
    }

    @Test("a rate limit that resets later fails with when it resets and how to add a token")
    func rateLimitFail() async throws {
        let world = try TestWorld()
        defer { world.home.remove() }
        try await FakeGitHub.withServer([try Fixtures.marketplace()]) { server in
            let reset = Date().addingTimeInterval(37 * 60)
            server.setRateLimit(limit: 60, remaining: 0, resetAt: reset)
            let error = await #expect(throws: PluginError.self) {
                try await world.provider(server).tree(for: Self.reference)
            }
            let limit = try #require(error?.rateLimit)
            #expect(abs((limit.resetsAt?.timeIntervalSince1970 ?? 0) - reset.timeIntervalSince1970) < 2)
            #expect(limit.message.contains("UTC"))
            #expect(limit.message.contains("(in 37 minutes)"))
            #expect(limit.message.contains("SKILLMEAT_GITHUB_TOKEN"))
            #expect(limit.message.contains("gh auth login"))
            #expect(world.sleeps.recorded.isEmpty)
            #expect(server.requestCount("/repos/") == 1)
        }
    }

    @Test("server errors are retried with growing backoff, then the scan succeeds")
    func serverErrorRetried() async throws {
        let world = try TestWorld()
        defer { world.home.remove() }
        try await FakeGitHub.withServer([try Fixtures.marketplace()]) { server in
            server.fail("/repos/acme/skills/commits/", times: 2, status: 502)
            server.fail("/repos/acme/skills/git/trees/", times: 1, status: 503)
            let scan = try await world.provider(server).scan(Self.reference)
            #expect(!scan.tree.entries.isEmpty)
            #expect(world.sleeps.recorded == [.seconds(1), .seconds(2), .seconds(1)])
            #expect(scan.requests.stats.failed == 3)
            #expect(scan.requests.stats.requests == 5)
        }
    }

    @Test("persistent server errors fail after a bounded number of attempts")
    func serverErrorPersistent() async throws {
        let world = try TestWorld()
        defer { world.home.remove() }
        try await FakeGitHub.withServer([try Fixtures.marketplace()]) { server in
            server.fail("/repos/acme/skills/commits/", times: 100, status: 500)
            let error = await #expect(throws: PluginError.self) {
                try await world.provider(server).tree(for: Self.reference)
            }
            #expect(error?.description.contains("HTTP 500") == true)
            #expect(error?.description.contains("4 attempts") == true)
            #expect(server.requestCount("/repos/acme/skills/commits/") == 4)
            #expect(world.sleeps.recorded == [.seconds(1), .seconds(2), .seconds(4)])
        }
    }

    @Test("a private repository: without a token the error suggests one, with a token it is read")
    func privateRepository() async throws {
        let world = try TestWorld()
        defer { world.home.remove() }
        let token = "ghp_privateaccess0123456789"
        try await FakeGitHub.withServer([try Fixtures.marketplace(isPrivate: true)], validTokens: [token]) { server in
            let anonymous = await #expect(throws: PluginError.self) {
                try await world.provider(server).tree(for: Self.reference)
            }
            let message = anonymous?.description ?? ""
            #expect(message.contains("private"))
            #expect(message.contains("token"))
            #expect(message.contains("GITHUB_TOKEN"))

            let tree = try await world.provider(server, token: token).tree(for: Self.reference)
            #expect(try await tree.contents(of: try RelativePath(validating: "README.md")) == Data("# Example marketplace\n".utf8))
            let apiRequests = server.requests.filter { $0.path.hasPrefix("/repos/") }
            #expect(apiRequests.last?.bearerToken == token)
            // The download host behind the redirect never receives the token.
            #expect(server.requests.filter { $0.path.hasPrefix("/_codeload/") }.allSatisfy { $0.bearerToken == nil })

            let environmentTree = try await world.provider(server, environment: ["GH_TOKEN": token]).tree(for: Self.reference)
            #expect(environmentTree.commit == tree.commit)
        }
    }

    @Test("with a token that cannot see the repository, the error says so")
    func tokenWithoutAccess() async throws {
        let world = try TestWorld()
        defer { world.home.remove() }
        let token = "ghp_otheraccount0123456789"
        try await FakeGitHub.withServer([try Fixtures.marketplace()], validTokens: [token]) { server in
            let error = await #expect(throws: PluginError.self) {
                try await world.provider(server, token: token).tree(for: SourceReference(location: "acme/secret"))
            }
            #expect(error?.description.contains("the token in use has no access") == true)
        }
    }

    @Test("a bad token is refused with one sentence, and no token text reaches errors or logs")
    func tokenNeverLeaks() async throws {
        let world = try TestWorld()
        defer { world.home.remove() }
        let badToken = "ghp_wrongtoken_ABCDEFGHIJ0123456789"
        let goodToken = "ghp_goodtoken_ZYXWVUT9876543210"
        var texts: [String] = []
        try await FakeGitHub.withServer([try Fixtures.marketplace(isPrivate: true)], validTokens: [goodToken]) { server in
            let refused = await #expect(throws: PluginError.self) {
                try await world.provider(server, token: badToken).tree(for: Self.reference)
            }
            let message = refused?.description ?? ""
            #expect(message.contains("401"))
            #expect(message.contains("plugin setting 'token'"))
            texts.append(message)
            if let refused { texts.append(String(reflecting: refused)) }

            server.fail("/repos/acme/skills/commits/", times: 1, status: 502)
            server.setRateLimit(limit: 5000, remaining: 100, resetAt: Date().addingTimeInterval(3600))
            let provider = try world.provider(server, token: goodToken)
            let tree = try await provider.tree(for: Self.reference)
            _ = try await tree.contents(of: try RelativePath(validating: "README.md"))
            texts.append(String(reflecting: provider))
            texts.append(String(describing: provider.configuration))
            server.setRateLimit(limit: 5000, remaining: 0, resetAt: Date().addingTimeInterval(3600))
            let limited = await #expect(throws: PluginError.self) {
                try await world.provider(server, token: goodToken).tree(for: SourceReference(location: "acme/skills@main"))
            }
            texts.append(limited?.description ?? "")
        }
        texts += world.logs.all
        #expect(!world.logs.all.isEmpty)
        for text in texts {
            #expect(!text.contains(badToken))
            #expect(!text.contains(goodToken))
        }
    }

    @Test("an unreachable API is a network error naming the host, after bounded retries")
    func unreachable() async throws {
        let world = try TestWorld()
        defer { world.home.remove() }
        // A port nothing listens on: the fake's port once it has shut down.
        let closedURL = try await FakeGitHub.withServer([]) { $0.apiURL }
        let context = PluginContext(
            id: "source/github",
            settings: PluginSettings(["api_url": .string(closedURL.absoluteString)]),
            logger: world.logs.logger,
            homeDirectory: world.home.url
        )
        let provider = try GitHubSourceProvider(context: context, clock: world.sleeps.clock)
        let error = await #expect(throws: PluginError.self) {
            try await provider.tree(for: Self.reference)
        }
        #expect(error?.description.contains("Could not reach GitHub at 127.0.0.1") == true)
        #expect(world.sleeps.recorded.count == 3)
    }
}
