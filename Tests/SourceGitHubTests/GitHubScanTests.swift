import Foundation
import SkillMeatPluginAPI
import SkillMeatTestSupport
import SourceGitHub
import Testing

@Suite struct GitHubScanTests {
    static func path(_ text: String) throws -> RelativePath { try RelativePath(validating: text) }

    @Test("a scan lists every file with git blob ids and reads contents from one tarball")
    func scan() async throws {
        let world = try TestWorld()
        defer { world.home.remove() }
        let repository = try Fixtures.marketplace()
        try await FakeGitHub.withServer([repository]) { server in
            let provider = try world.provider(server)
            let scan = try await provider.scan(SourceReference(location: "acme/skills"))
            let tree = scan.tree
            let head = try #require(repository.branches["main"])

            #expect(tree.commit == head.sha)
            #expect(tree.providerID == "source/github")
            // Every file but the submodule, which has no content in the repository.
            #expect(tree.entries.count == Fixtures.marketplaceFiles.count - 1)
            #expect(!tree.contains(try Self.path("vendor/lib")))
            let skill = try #require(tree.entry(at: try Self.path("skills/pdf/SKILL.md")))
            #expect(skill.blobID == FakeGitHubCommit.blobID(Fixtures.marketplaceFiles["skills/pdf/SKILL.md"] ?? ""))
            #expect(skill.size == Int64(Fixtures.marketplaceFiles["skills/pdf/SKILL.md"]?.utf8.count ?? 0))
            #expect(tree.entry(at: try Self.path("hooks/format/run.sh"))?.mode == .executable)
            #expect(tree.entry(at: try Self.path("link-to-readme"))?.mode == .symlink)
            // Git's well-known id of "hello\n" shows the fake computes real blob ids.
            #expect(FakeGitHubCommit.blobID("hello\n") == "ce013625030ba8dba906f756967f9e9ca394464a")

            // Many concurrent first reads share one download.
            let files = tree.entries.map(\.path)
            let contents = try await withThrowingTaskGroup(of: (RelativePath, Data).self) { group in
                for file in files { group.addTask { (file, try await tree.contents(of: file)) } }
                var contents: [RelativePath: Data] = [:]
                for try await (file, data) in group { contents[file] = data }
                return contents
            }
            for file in files {
                #expect(contents[file] == Data((Fixtures.marketplaceFiles[file.string] ?? "").utf8), "\(file)")
            }
            #expect(server.requestCount("/repos/acme/skills/tarball/") == 1)
            #expect(server.requestCount("/_codeload/") == 1)

            // Three rate-limited requests: the ref, the tree, the tarball.
            let stats = scan.requests.stats
            #expect(stats.requests == 3)
            #expect(stats.rateLimited == 3)
            #expect(stats.notModified == 0)
            #expect(server.rateLimitedRequestCount == 3)
            #expect(server.requests.allSatisfy { $0.bearerToken == nil })
        }
    }

    @Test("fetch copies files out of the tarball with their relative paths and executable bits")
    func fetch() async throws {
        let world = try TestWorld()
        defer { world.home.remove() }
        let target = try TemporaryDirectory()
        defer { target.remove() }
        try await FakeGitHub.withServer([try Fixtures.marketplace()]) { server in
            let provider = try world.provider(server)
            let tree = try await provider.tree(for: SourceReference(location: "acme/skills"))
            try await provider.fetch([try Self.path("skills/pdf/SKILL.md"), try Self.path("hooks/format/run.sh")], from: tree, into: target.url)
            #expect(try target.read("skills/pdf/SKILL.md") == Fixtures.marketplaceFiles["skills/pdf/SKILL.md"])
            #expect(FileManager.default.isExecutableFile(atPath: target.path("hooks/format/run.sh").path))
        }
    }

    @Test("a rescan of an unchanged repository costs only 304s, even when contents are read again")
    func rescan() async throws {
        let world = try TestWorld()
        defer { world.home.remove() }
        try await FakeGitHub.withServer([try Fixtures.marketplace()]) { server in
            let first = try await world.provider(server).scan(SourceReference(location: "acme/skills"))
            _ = try await first.tree.contents(of: try Self.path("README.md"))
            server.clearRequests()

            // A new provider, as a new process would build, sharing only the cache on disk.
            let second = try await world.provider(server).scan(SourceReference(location: "acme/skills"))
            #expect(try await second.tree.contents(of: try Self.path("commands/deploy.md")) == Data((Fixtures.marketplaceFiles["commands/deploy.md"] ?? "").utf8))
            #expect(second.tree.entries == first.tree.entries)
            let stats = second.requests.stats
            #expect(stats.rateLimited == 0)
            #expect(stats.requests == stats.notModified)
            #expect(stats.notModified == 1)
            #expect(server.rateLimitedRequestCount == 0)
            #expect(server.requests.allSatisfy { $0.status == 304 })
        }
    }

    @Test("a rescan after a push reads the new tree and downloads the new tarball")
    func rescanAfterPush() async throws {
        let world = try TestWorld()
        defer { world.home.remove() }
        try await FakeGitHub.withServer([try Fixtures.marketplace()]) { server in
            let provider = try world.provider(server)
            let first = try await provider.tree(for: SourceReference(location: "acme/skills"))
            _ = try await first.contents(of: try Self.path("README.md"))
            var files = Fixtures.marketplaceFiles
            files["skills/new/SKILL.md"] = "---\nname: new\n---\n"
            try server.setBranch("acme/skills", "main", files: files, modes: Fixtures.marketplaceModes)
            server.clearRequests()

            let second = try await provider.scan(SourceReference(location: "acme/skills"))
            #expect(second.tree.commit != first.commit)
            #expect(second.tree.contains(try Self.path("skills/new/SKILL.md")))
            #expect(try await second.tree.contents(of: try Self.path("skills/new/SKILL.md")) == Data("---\nname: new\n---\n".utf8))
            #expect(second.requests.stats.rateLimited == 3)
        }
    }

    @Test("a truncated tree is completed by listing subtrees, only under the root when one is set")
    func truncatedTree() async throws {
        let world = try TestWorld()
        defer { world.home.remove() }
        var files: [String: String] = ["README.md": "top\n"]
        for folder in ["alpha", "beta", "gamma"] {
            for index in 1...3 { files["\(folder)/file\(index).md"] = "\(folder) \(index)\n" }
        }
        // A subtree too big for one recursive listing, so it is walked level by level too.
        for index in 1...6 { files["big/nested/item\(index).md"] = "big \(index)\n" }
        let repository = try FakeGitHubRepository(owner: "acme", name: "large", files: files)
        try await FakeGitHub.withServer([repository]) { server in
            server.truncateTrees(above: 5)
            let provider = try world.provider(server)
            let tree = try await provider.tree(for: SourceReference(location: "acme/large"))
            #expect(Set(tree.entries.map(\.path.string)) == Set(files.keys))
            #expect(try await tree.contents(of: try Self.path("big/nested/item6.md")) == Data("big 6\n".utf8))

            server.clearRequests()
            let rooted = try await world.provider(server).scan(SourceReference(location: "acme/large/beta"))
            #expect(rooted.tree.entries.map(\.path.string) == ["file1.md", "file2.md", "file3.md"])
            // Every listing is addressed by sha and was cached by the first scan.
            #expect(rooted.requests.stats.rateLimited == 0)
        }
    }

    @Test("a root limits the tree and re-roots its paths; a missing root is an error")
    func subpathRoot() async throws {
        let world = try TestWorld()
        defer { world.home.remove() }
        try await FakeGitHub.withServer([try Fixtures.marketplace()]) { server in
            let provider = try world.provider(server)
            let tree = try await provider.tree(for: SourceReference(location: "acme/skills/skills@main"))
            #expect(tree.entries.map(\.path.string) == ["docx/SKILL.md", "docx/reference.md", "pdf/SKILL.md", "pdf/scripts/extract.py"])
            #expect(tree.reference.root?.string == "skills")
            #expect(try await tree.contents(of: try Self.path("pdf/scripts/extract.py")) == Data("print('extract')\n".utf8))

            let url = "http://\(server.webHost)/acme/skills/tree/main/agents"
            #expect(provider.accepts(SourceReference(location: url)))
            let agents = try await provider.tree(for: SourceReference(location: url))
            #expect(agents.entries.map(\.path.string) == ["reviewer.md"])

            let overridden = try await provider.tree(for: SourceReference(location: "acme/skills", root: try Self.path("commands")))
            #expect(overridden.entries.map(\.path.string) == ["deploy.md", "review.md"])

            await #expect(throws: PluginError.self) {
                try await provider.tree(for: SourceReference(location: "acme/skills/nowhere"))
            }
        }
    }

    @Test("an unknown ref and an unknown repository each get their own message")
    func notFound() async throws {
        let world = try TestWorld()
        defer { world.home.remove() }
        try await FakeGitHub.withServer([try Fixtures.marketplace()]) { server in
            let provider = try world.provider(server)
            let refError = await #expect(throws: PluginError.self) {
                try await provider.tree(for: SourceReference(location: "acme/skills@no-such-branch"))
            }
            #expect(refError?.description.contains("'no-such-branch'") == true)
            let repoError = await #expect(throws: PluginError.self) {
                try await provider.tree(for: SourceReference(location: "acme/missing"))
            }
            #expect(repoError?.description.contains("acme/missing") == true)
            #expect(repoError?.description.contains("private") == true)
        }
    }

    @Test("a tarball cut short once is downloaded again and read; nothing damaged is cached")
    func brokenTarball() async throws {
        try await TestWorld.withServer { world, server in
            let tree = try await world.provider(server).tree(for: SourceReference(location: "acme/skills"))
            server.breakResponses("/_codeload/", times: 1)
            #expect(try await tree.contents(of: try Self.path("README.md")) == Data("# Example marketplace\n".utf8))
            #expect(server.requestCount("/_codeload/") == 2)
            #expect(world.logs.all.contains { $0.contains("arrived damaged") })
        }
    }

    @Test("tarball members with unsafe names are skipped and nothing is written outside the cache")
    func unsafeTarEntries() async throws {
        let world = try TestWorld()
        defer { world.home.remove() }
        let evil: [FakeTarEntry] = [
            FakeTarEntry(name: "../escaped.txt", kind: .file(Data("escaped".utf8))),
            FakeTarEntry(name: "/tmp/absolute-\(UUID().uuidString).txt", kind: .file(Data("absolute".utf8))),
            FakeTarEntry(name: "acme-evil-top/../../climb.txt", kind: .file(Data("climb".utf8))),
            FakeTarEntry(name: "acme-evil-top/outside", kind: .symlink(target: "../../../../etc")),
            FakeTarEntry(name: "acme-evil-top/outside/passwd", kind: .file(Data("through the link".utf8))),
        ]
        let repository = try FakeGitHubRepository(owner: "acme", name: "evil", files: ["SKILL.md": "fine\n", "link": "../../../../etc/passwd"], modes: ["link": "120000"], extraTarEntries: evil)
        let before = try world.home.snapshot()
        try await FakeGitHub.withServer([repository]) { server in
            let tree = try await world.provider(server).tree(for: SourceReference(location: "acme/evil"))
            #expect(try await tree.contents(of: try Self.path("SKILL.md")) == Data("fine\n".utf8))
            // A symbolic link reads as its target text, as git stores it; it is never followed.
            #expect(try await tree.contents(of: try Self.path("link")) == Data("../../../../etc/passwd".utf8))
        }
        let written = try world.home.snapshot().keys.filter { before[$0] == nil }
        #expect(written.allSatisfy { $0.hasPrefix("cache/plugins/source/github/") })
        #expect(!FileManager.default.fileExists(atPath: world.home.url.deletingLastPathComponent().appending(path: "escaped.txt").path))
        #expect(!FileManager.default.fileExists(atPath: world.home.url.deletingLastPathComponent().appending(path: "climb.txt").path))
    }

    @Test("repository metadata: default branch, visibility and topics")
    func repositoryInfo() async throws {
        let world = try TestWorld()
        defer { world.home.remove() }
        try await FakeGitHub.withServer([try Fixtures.marketplace()]) { server in
            let info = try await world.provider(server).repositoryInfo(for: SourceReference(location: "acme/skills"))
            #expect(info.defaultBranch == "main")
            #expect(info.isPrivate == false)
            #expect(info.topics == ["claude-skills", "agents"])
        }
    }
}
