import Foundation
import SkillMeatPluginAPI
import SkillMeatTestSupport
import SourceGitHub
import Testing

/// What a failed tarball download costs: requests are counted on the fake GitHub.
@Suite struct GitHubArchiveFailureTests {
    static let reference = SourceReference(location: "acme/skills")
    static let files = ["README.md", "skills/pdf/SKILL.md", "skills/docx/SKILL.md", "commands/deploy.md", "agents/reviewer.md"]

    /// Reads every file of `files` through `tree`, returning the error of each read.
    static func readAll(_ tree: SourceTree) async throws -> [PluginError?] {
        var errors: [PluginError?] = []
        for file in files {
            do {
                _ = try await tree.contents(of: try RelativePath(validating: file))
                errors.append(nil)
            } catch let error as PluginError {
                errors.append(error)
            }
        }
        return errors
    }

    @Test("a rate-limited tarball is asked for once, however many files are read, and the error leads with the limit")
    func rateLimitedTarball() async throws {
        try await TestWorld.withServer { world, server in
            let tree = try await world.provider(server).tree(for: Self.reference)
            server.setRateLimit(limit: 60, remaining: 0, resetAt: Date().addingTimeInterval(37 * 60))
            server.clearRequests()

            let errors = try await Self.readAll(tree)
            #expect(errors.count == Self.files.count)
            for error in errors {
                let limit = try #require(error?.rateLimit)
                #expect(limit.resetsAt != nil)
                #expect(limit.message.hasPrefix("GitHub's API rate limit"))
                #expect(limit.message.contains("UTC"))
            }
            #expect(server.requestCount("/repos/acme/skills/tarball/") == 1)
            #expect(server.requestCount() == 1)
            #expect(world.sleeps.recorded.isEmpty)
        }
    }

    @Test("a tarball damaged twice is reported after one retry, the cause first, and later reads cost nothing")
    func damagedTwice() async throws {
        try await TestWorld.withServer { world, server in
            let provider = try world.provider(server)
            let tree = try await provider.tree(for: Self.reference)
            server.breakResponses("/_codeload/", times: 2)

            let errors = try await Self.readAll(tree)
            let message = try #require(errors.first ?? nil).description
            #expect(message.hasPrefix("GitHub's archive of acme/skills at commit"))
            #expect(message.contains("arrived damaged 2 times"))
            #expect(message.contains("run the command again"))
            #expect(!message.contains("\n"))
            #expect(errors.allSatisfy { $0?.description == message })
            #expect(server.requestCount("/_codeload/") == 2)
            #expect(server.requestCount("/repos/acme/skills/tarball/") == 2)

            // Nothing damaged was cached: the next command (a new read of the source) downloads it whole.
            let again = try await provider.tree(for: Self.reference)
            #expect(try await again.contents(of: try RelativePath(validating: "README.md")) == Data("# Example marketplace\n".utf8))
            #expect(server.requestCount("/_codeload/") == 3)
        }
    }

    @Test("a tarball that is not gzip at all is downloaded twice, then reported as damaged")
    func notGzip() async throws {
        let repository = try Fixtures.marketplace()
        let head = try #require(repository.branches["main"])
        try await TestWorld.withServer([repository]) { world, server in
            server.overrideTarball(Data("<html>an error page, not an archive</html>".utf8), commit: head.sha)
            let tree = try await world.provider(server).tree(for: Self.reference)
            let errors = try await Self.readAll(tree)
            #expect(errors.allSatisfy { $0?.description.hasPrefix("GitHub's archive of acme/skills") == true })
            #expect(server.requestCount("/_codeload/") == 2)
        }
    }

    @Test("a tarball that unpacks past max_archive_mb (a gzip bomb) is refused at once, named, and nothing of it is kept")
    func gzipBomb() async throws {
        let repository = try Fixtures.marketplace()
        let head = try #require(repository.branches["main"])
        try await TestWorld.withServer([repository]) { world, server in
            server.overrideTarball(try FakeTarWriter.gzipBomb(topFolder: "acme-skills-top", megabytes: 3), commit: head.sha)
            var settings = world.context(server).settings.values
            settings["max_archive_mb"] = .int(1)
            let context = PluginContext(id: "source/github", settings: PluginSettings(settings), logger: world.logs.logger, homeDirectory: world.home.url)
            let tree = try await GitHubSourceProvider(context: context, clock: world.sleeps.clock).tree(for: Self.reference)
            let errors = try await Self.readAll(tree)
            let message = try #require(errors.first ?? nil).description
            #expect(message.contains("unpacks to more than 1 MB"))
            #expect(message.contains("max_archive_mb under [plugins.\"source/github\"]"))
            #expect(errors.allSatisfy { $0?.description == message })
            // A bound is not damage: the archive is not downloaded a second time.
            #expect(server.requestCount("/_codeload/") == 1)
            #expect(FakeTarWriter.tarFiles(under: world.home.url.appending(path: "cache/plugins/source/github")).isEmpty)
        }
    }
}
