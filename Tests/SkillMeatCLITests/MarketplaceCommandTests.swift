import Foundation
import SkillMeatTestSupport
import Testing

@Suite struct MarketplaceCommandTests {
    static let files: [String: String] = [
        "README.md": "# Tools\n",
        "skills/pdf/SKILL.md": "---\nname: pdf\ndescription: Work with PDFs\n---\nBody\n",
        "skills/pdf/reference.md": "Reference\n",
        "skills/xlsx/SKILL.md": "---\nname: xlsx\ndescription: Spreadsheets\n---\n",
        "commands/deploy.md": "---\ndescription: Deploy\n---\nDeploy $ARGUMENTS\n",
        ".mcp.json": #"{"mcpServers": {"github": {"command": "npx", "args": ["gh"]}}}"#,
    ]

    /// Serves acme/tools and runs `body` in a home where it was added (and so scanned) as a source.
    static func withAddedSource(_ body: (FakeGitHub, CLIHarness) async throws -> Void) async throws {
        let repository = try FakeGitHubRepository(owner: "acme", name: "tools", files: Self.files)
        try await FakeGitHub.withServer([repository]) { github in
            let cli = try CLIHarness(github: github)
            defer { cli.home.remove() }
            #expect(await cli.run("init").status == 0)
            _ = try await Self.scan(cli, "source", "add", "acme/tools")
            try await body(github, cli)
        }
    }

    static func scan(_ cli: CLIHarness, _ arguments: String...) async throws -> [String: Any] {
        let result = await cli.run(arguments + ["--json"])
        #expect(result.status == 0, "\(result.error)")
        let object = try #require(try cli.json(result) as? [String: Any])
        return try #require(object["scan"] as? [String: Any])
    }

    @Test("add scans at once with at most 3 rate-limited requests; a rescan of an unchanged repository costs none")
    func addAndRescanCosts() async throws {
        let repository = try FakeGitHubRepository(owner: "acme", name: "tools", files: Self.files, topics: ["claude", "skills"])
        try await FakeGitHub.withServer([repository]) { github in
            let cli = try CLIHarness(github: github)
            defer { cli.home.remove() }
            #expect(await cli.run("init").status == 0)
            let first = try await Self.scan(cli, "source", "add", "acme/tools")
            #expect(first["new_count"] as? Int == 4)
            #expect(first["total_detected"] as? Int == 4)
            let requests = try #require(first["requests"] as? [String: Int])
            #expect((requests["requests"] ?? 99) - (requests["not_modified"] ?? 0) <= 3)
            #expect(github.rateLimitedRequestCount <= 3)

            github.clearRequests()
            let again = try await Self.scan(cli, "source", "scan", "acme-tools")
            #expect(again["unchanged_count"] as? Int == 4 && again["new_count"] as? Int == 0 && again["updated_count"] as? Int == 0)
            #expect(github.rateLimitedRequestCount == 0)

            let catalog = try #require(try cli.json(await cli.run("catalog", "list", "--json")) as? [String: Any])
            #expect((catalog["counts_by_status"] as? [String: Int])?["new"] == 4)
            #expect((catalog["counts_by_type"] as? [String: Int])?["mcp_server"] == 1)
            let entries = try #require(catalog["entries"] as? [[String: Any]])
            let pdf = try #require(entries.first { $0["name"] as? String == "pdf" })
            #expect((pdf["upstream_url"] as? String)?.hasPrefix("https://github.com/acme/tools/tree/") == true)

            #expect(await cli.run("source", "refresh-tags", "acme-tools").status == 0)
            let shown = try #require(try cli.json(await cli.run("source", "show", "acme-tools", "--json")) as? [String: Any])
            #expect((shown["source"] as? [String: Any])?["pending_tags"] as? [String] == ["claude", "skills"])
        }
    }

    @Test("a push that does not touch an artifact leaves it unchanged; changed, removed and returning artifacts are counted")
    func rescanCounts() async throws {
        try await Self.withAddedSource { github, cli in
            var files = Self.files
            files["README.md"] = "# Tools, now with more words\n"
            try github.setBranch("acme/tools", "main", files: files)
            let readmeOnly = try await Self.scan(cli, "source", "scan", "acme-tools")
            #expect(readmeOnly["unchanged_count"] as? Int == 4 && readmeOnly["updated_count"] as? Int == 0)

            files["skills/pdf/reference.md"] = "New reference\n"
            files["commands/deploy.md"] = nil
            try github.setBranch("acme/tools", "main", files: files)
            let changed = try await Self.scan(cli, "source", "scan", "acme-tools")
            #expect(changed["updated_count"] as? Int == 1)
            #expect(changed["removed_count"] as? Int == 1)
            #expect(changed["unchanged_count"] as? Int == 2)

            files["commands/deploy.md"] = "---\ndescription: Deploy\n---\nDeploy $ARGUMENTS\n"
            try github.setBranch("acme/tools", "main", files: files)
            let back = try await Self.scan(cli, "source", "scan", "acme-tools")
            #expect(back["updated_count"] as? Int == 1 && back["removed_count"] as? Int == 0)
            let list = try #require(try cli.json(await cli.run("catalog", "list", "--status", "updated", "--json")) as? [String: Any])
            #expect(Set(((list["entries"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String }) == ["pdf", "deploy"])
        }
    }

    @Test("a failed scan leaves the catalog as it was and records the error on the source")
    func failedScan() async throws {
        try await Self.withAddedSource { github, cli in
            let before = await cli.run("catalog", "list", "--json").output
            var files = Self.files
            files["skills/new/SKILL.md"] = "---\nname: new\ndescription: New\n---\n"
            try github.setBranch("acme/tools", "main", files: files)
            github.breakResponses("/_codeload/acme/tools", times: 10)
            let failed = await cli.run("source", "scan", "acme-tools")
            #expect(failed.status == 1)
            #expect(await cli.run("catalog", "list", "--json").output == before)
            let source = try #require(try cli.json(await cli.run("source", "show", "acme-tools", "--json")) as? [String: Any])
            #expect((source["source"] as? [String: Any])?["last_error"] as? String != nil)
        }
    }

    @Test("a private repository needs a token, and says so")
    func privateRepository() async throws {
        let repository = try FakeGitHubRepository(owner: "acme", name: "secret", files: Self.files, isPrivate: true)
        try await FakeGitHub.withServer([repository], validTokens: ["t0ken-value"]) { github in
            let cli = try CLIHarness(github: github)
            defer { cli.home.remove() }
            #expect(await cli.run("init").status == 0)
            let refused = await cli.run("source", "add", "acme/secret")
            #expect(refused.status == 1)
            #expect(refused.error.lowercased().contains("token"))
            #expect(await cli.run("source", "remove", "acme-secret").status == 0)
            let added = await cli.run("source", "add", "acme/secret", "--token", "t0ken-value", "--json")
            #expect(added.status == 0, "\(added.error)")
            #expect(!added.output.contains("t0ken-value") && !added.error.contains("t0ken-value"))
        }
    }

    @Test("exclude and restore, by id prefix and by SOURCE:PATH")
    func excludeRestore() async throws {
        let cli = try CLIHarness()
        defer { cli.home.remove() }
        try cli.home.write("repo/skills/pdf/SKILL.md", "---\nname: pdf\ndescription: PDFs\n---\n")
        try cli.home.write("repo/skills/pdf-copy/SKILL.md", "---\nname: pdf\ndescription: PDFs\n---\n")
        #expect(await cli.run("init").status == 0)
        let added = try #require(try cli.json(await cli.run("source", "add", cli.home.path("repo").path, "--name", "local", "--json")) as? [String: Any])
        #expect((added["scan"] as? [String: Any])?["duplicates_within_source"] as? Int == 1)
        let excluded = try #require(try cli.json(await cli.run("catalog", "exclude", "local:skills/pdf", "--reason", "not mine", "--json")) as? [String: Any])
        #expect(excluded["status"] as? String == "excluded")
        #expect(excluded["excluded_reason"] as? String == "not mine")
        let id = try #require(excluded["id"] as? String)
        let hidden = try #require(try cli.json(await cli.run("catalog", "list", "--json")) as? [String: Any])
        #expect((hidden["entries"] as? [[String: Any]])?.isEmpty == true)
        let restored = try #require(try cli.json(await cli.run("catalog", "restore", String(id.prefix(6)), "--json")) as? [String: Any])
        #expect(restored["status"] as? String == "new")
        #expect(await cli.run("catalog", "restore", id).status == 2)
        #expect(await cli.run("catalog", "show", "local:nowhere").status == 1)
    }

    @Test("a mapped path must exist in the source")
    func manualMapValidation() async throws {
        let cli = try CLIHarness()
        defer { cli.home.remove() }
        try cli.home.write("repo/tools/deploy.md", "Deploy it\n")
        #expect(await cli.run("init").status == 0)
        let added = try #require(try cli.json(await cli.run("source", "add", cli.home.path("repo").path, "--map", "tools/deploy.md=command", "--json")) as? [String: Any])
        #expect((added["scan"] as? [String: Any])?["new_count"] as? Int == 1)
        let sourceID = try #require((added["source"] as? [String: Any])?["id"] as? String)
        let refused = await cli.run("source", "update", sourceID, "--map", "tools/missing.md=command")
        #expect(refused.status == 2)
        #expect(refused.error.contains("does not exist"))
    }

    @Test("source infer names the provider and the parts without fetching; catalog list pages with --limit and --cursor")
    func inferAndCursor() async throws {
        let cli = try CLIHarness()
        defer { cli.home.remove() }
        #expect(await cli.run("init").status == 0)
        let inferred = try #require(try cli.json(await cli.run("source", "infer", "https://github.com/acme/tools/tree/v2/skills", "--json")) as? [String: Any])
        #expect(inferred["provider"] as? String == "source/github")
        #expect(inferred["location"] as? String == "acme/tools")
        #expect(inferred["ref"] as? String == "v2")
        #expect(inferred["root"] as? String == "skills")
        #expect(await cli.run("source", "infer", "https://github.com/acme").status == 1)

        try cli.home.write("repo/commands/a.md", "---\ndescription: A\n---\n")
        try cli.home.write("repo/commands/b.md", "---\ndescription: B\n---\n")
        #expect(await cli.run("source", "add", cli.home.path("repo").path, "--name", "local").status == 0)
        let first = try #require(try cli.json(await cli.run("catalog", "list", "--limit", "1", "--json")) as? [String: Any])
        #expect((first["entries"] as? [[String: Any]])?.first?["name"] as? String == "a")
        let cursor = try #require(first["next_cursor"] as? String)
        let second = try #require(try cli.json(await cli.run("catalog", "list", "--limit", "1", "--cursor", cursor, "--json")) as? [String: Any])
        #expect((second["entries"] as? [[String: Any]])?.first?["name"] as? String == "b")
        #expect(second["next_cursor"] is NSNull)
    }
}

extension MarketplaceCommandTests {
    @Test("source scan --all after a rate limit: the provider's other sources are not tried, say why, and the command fails")
    func scanAllAfterRateLimit() async throws {
        let one = try FakeGitHubRepository(owner: "acme", name: "one", files: Self.files, topics: ["claude"])
        let two = try FakeGitHubRepository(owner: "acme", name: "two", files: Self.files)
        try await FakeGitHub.withServer([one, two]) { github in
            let cli = try CLIHarness(github: github)
            defer { cli.home.remove() }
            #expect(await cli.run("init").status == 0)
            _ = try await Self.scan(cli, "source", "add", "acme/one")
            _ = try await Self.scan(cli, "source", "add", "acme/two")
            let tags = await cli.run("source", "refresh-tags", "--all", "--json")
            #expect(tags.status == 0, "\(tags.error)")
            let batch = try #require(try cli.json(tags) as? [String: Any])
            #expect(batch["succeeded_count"] as? Int == 2)
            #expect((batch["results"] as? [[String: Any]])?.first?["tags_added"] as? Int == 1)

            github.setRateLimit(remaining: 0, resetAt: Date().addingTimeInterval(3600))
            github.clearRequests()
            let scanned = await cli.run("source", "scan", "--all")
            #expect(scanned.status == 1)
            #expect(scanned.error.contains("acme-two: Not tried"), "\(scanned.error)")
            #expect(scanned.error.contains("not tried after a rate limit"), "\(scanned.error)")
            #expect(github.requestCount("/repos/acme/two") == 0)
        }
    }
}
