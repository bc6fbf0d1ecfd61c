import Foundation
import SkillMeatCache
import SkillMeatPluginAPI
import SkillMeatStore
import SkillMeatTestSupport
import Testing

@Suite struct ImportCommandTests {
    static let files: [String: String] = [
        "skills/pdf/SKILL.md": "---\nname: pdf\ndescription: Work with PDFs\nlicense: Apache-2.0\nauthor: Ada\nallowed-tools: Read\n---\nBody\n",
        "skills/pdf/scripts/fill.py": "print('fill')\n",
        "commands/deploy.md": "---\ndescription: Deploy the app\n---\nDeploy $ARGUMENTS\n",
        ".mcp.json": #"{"mcpServers": {"github": {"command": "npx", "args": ["gh"]}}}"#,
    ]

    static func entries(_ cli: CLIHarness, _ extra: String...) async throws -> [[String: Any]] {
        let listed = try #require(try cli.json(await cli.run(["catalog", "list", "--json", "--include-excluded"] + extra)) as? [String: Any])
        return try #require(listed["entries"] as? [[String: Any]])
    }

    static func entryID(_ entries: [[String: Any]], _ name: String) throws -> String {
        try #require(entries.first { $0["name"] as? String == name }?["id"] as? String)
    }

    @Test("import writes description, source link, origin and metadata on the first write, with one tarball")
    func importFillsEverything() async throws {
        let repository = try FakeGitHubRepository(owner: "acme", name: "tools", files: Self.files)
        try await FakeGitHub.withServer([repository]) { github in
            let cli = try CLIHarness(github: github)
            defer { cli.home.remove() }
            #expect(await cli.run("init").status == 0)
            #expect(await cli.run("source", "add", "acme/tools").status == 0)
            github.clearRequests()
            let result = await cli.run("import", "--source", "acme-tools", "--all", "--json")
            #expect(result.status == 0, "\(result.error)")
            #expect(github.requestCount("/repos/acme/tools/tarball") <= 1)
            // Read the files and the cache row as written, without any refresh in between.
            let manifest = try cli.home.read("collections/default/collection.toml")
            #expect(manifest.contains("origin = \"marketplace\""))
            #expect(manifest.contains("origin_source = \"github\""))
            #expect(manifest.contains("upstream = \"https://github.com/acme/tools/tree/"))
            #expect(manifest.contains("import_id = \"imp-"))
            let database = try SQLiteStoreBackend.open(at: cli.home.path("cache/cache.db"))
            let row = try #require(try await database.collectionCache.artifact(collection: "default", id: ArtifactID(type: .skill, name: "pdf")))
            #expect(row.description == "Work with PDFs")
            #expect(row.license == "Apache-2.0" && row.author == "Ada" && row.tools == ["Read"])
            #expect(row.origin == "marketplace" && row.originSource == "github")
            #expect(row.upstream?.contains("/tree/") == true && row.resolvedSHA?.count == 40)
            #expect(row.contentHash?.count == 64 && row.importID?.hasPrefix("imp-") == true)
            let entries = try await Self.entries(cli)
            #expect(entries.allSatisfy { $0["status"] as? String == "imported" && $0["import_id"] != nil && $0["import_date"] != nil })
            #expect(FileManager.default.fileExists(atPath: cli.home.path("collections/default/skills/pdf/scripts/fill.py").path))
            #expect(FileManager.default.fileExists(atPath: cli.home.path("collections/default/mcp/github/server.json").path))
        }
    }

    @Test("collection remove resets the catalog entries imported into it, and only those; they can be imported again")
    func removeCollectionResetsCatalog() async throws {
        let cli = try CLIHarness()
        defer { cli.home.remove() }
        for (path, text) in Self.files { try cli.home.write("repo/\(path)", text) }
        #expect(await cli.run("init").status == 0)
        #expect(await cli.run("collection", "create", "work").status == 0)
        #expect(await cli.run("source", "add", cli.home.path("repo").path, "--name", "local").status == 0)
        let entries = try await Self.entries(cli)
        let deploy = try Self.entryID(entries, "deploy"), pdf = try Self.entryID(entries, "pdf")
        #expect(await cli.run("import", "-c", "work", deploy).status == 0)
        #expect(await cli.run("import", pdf).status == 0)

        let removed = try #require(try cli.json(await cli.run("collection", "remove", "work", "--json")) as? [String: Any])
        #expect(removed["catalog_entries_reset"] as? Int == 1)
        let after = try await Self.entries(cli)
        let reset = try #require(after.first { $0["id"] as? String == deploy })
        #expect(reset["status"] as? String == "new")
        #expect(reset["import_id"] is NSNull && reset["import_date"] is NSNull && reset["imported_as"] is NSNull)
        // The other collection's import is untouched.
        #expect(after.first { $0["id"] as? String == pdf }?["status"] as? String == "imported")
        #expect(await cli.run("import", deploy).status == 0)
        #expect(try await Self.entries(cli).first { $0["id"] as? String == deploy }?["status"] as? String == "imported")
    }

    @Test("remove resets the catalog entry to new, and the artifact can be imported again")
    func deleteThenImportAgain() async throws {
        let cli = try CLIHarness()
        defer { cli.home.remove() }
        for (path, text) in Self.files { try cli.home.write("repo/\(path)", text) }
        #expect(await cli.run("init").status == 0)
        #expect(await cli.run("source", "add", cli.home.path("repo").path, "--name", "local").status == 0)
        let id = try Self.entryID(try await Self.entries(cli), "deploy")
        #expect(await cli.run("import", id).status == 0)
        let removed = try #require(try cli.json(await cli.run("remove", "deploy", "--json")) as? [String: Any])
        #expect(removed["catalog_entries_reset"] as? Int == 1)
        let entry = try #require(try await Self.entries(cli).first { $0["id"] as? String == id })
        #expect(entry["status"] as? String == "new")
        #expect(entry["import_id"] == nil || entry["import_id"] is NSNull)
        #expect(await cli.run("import", id).status == 0)
        #expect(await cli.run("show", "deploy").status == 0)
    }

    @Test("reimport restores a missing or corrupted artifact", arguments: ["missing", "corrupted"])
    func reimportBroken(damage: String) async throws {
        let cli = try CLIHarness()
        defer { cli.home.remove() }
        for (path, text) in Self.files { try cli.home.write("repo/\(path)", text) }
        #expect(await cli.run("init").status == 0)
        #expect(await cli.run("source", "add", cli.home.path("repo").path, "--name", "local").status == 0)
        #expect(await cli.run("import", "--source", "local", "--all").status == 0)
        let skill = cli.home.path("collections/default/skills/pdf")
        let original = try cli.home.read("collections/default/skills/pdf/SKILL.md")
        if damage == "missing" {
            try FileManager.default.removeItem(at: skill)
        } else {
            try cli.home.write("collections/default/skills/pdf/SKILL.md", "garbage")
            try cli.home.write("collections/default/skills/pdf/junk.bin", "junk")
        }
        let result = try #require(try cli.json(await cli.run("reimport", "local:skills/pdf", "--json")) as? [String: Any])
        #expect(result["success"] as? Bool == true)
        #expect(result["artifact_id"] as? String == "skill:pdf")
        #expect(try cli.home.read("collections/default/skills/pdf/SKILL.md") == original)
        #expect(!FileManager.default.fileExists(atPath: skill.appending(path: "junk.bin").path))
        let shown = try #require(try cli.json(await cli.run("show", "pdf", "--json")) as? [String: Any])
        #expect(shown["modified"] as? Bool == false && shown["missing"] as? Bool == false)
    }

    /// A home with the local source imported and the command `deploy` deployed into `clean-project`
    /// and `edited-project`, whose copy a person then rewrote.
    static func deployedTwice() async throws -> CLIHarness {
        let cli = try CLIHarness()
        for (path, text) in Self.files { try cli.home.write("repo/\(path)", text) }
        #expect(await cli.run("init").status == 0)
        #expect(await cli.run("source", "add", cli.home.path("repo").path, "--name", "local").status == 0)
        #expect(await cli.run("import", "--source", "local", "--all").status == 0)
        for project in [cli.home.path("clean-project"), cli.home.path("edited-project")] {
            try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
            let deployed = await cli.run("deploy", "deploy", "--project", project.path, "--profile", "claude_code", "--yes")
            #expect(deployed.status == 0, "\(deployed.error)")
        }
        try cli.home.write("edited-project/.claude/commands/deploy.md", "my own words\n")
        return cli
    }

    @Test("reimport with --keep-deployments refreshes in-sync deployed copies and leaves edited ones; without it, the deployments stay tracked as they were")
    func reimportDeployments() async throws {
        let cli = try await Self.deployedTwice()
        defer { cli.home.remove() }
        let clean = cli.home.path("clean-project")
        try cli.home.write("repo/commands/deploy.md", "---\ndescription: Deploy the app\n---\nDeploy $ARGUMENTS, version two\n")
        #expect(await cli.run("source", "scan", "local").status == 0)

        let kept = try #require(try cli.json(await cli.run("reimport", "local:commands/deploy.md", "--keep-deployments", "--json")) as? [String: Any])
        #expect(kept["deployments_restored"] as? Int == 2)
        #expect(try cli.home.read("clean-project/.claude/commands/deploy.md").contains("version two"))
        #expect(try cli.home.read("edited-project/.claude/commands/deploy.md") == "my own words\n")
        let status = try #require(try cli.json(await cli.run("status", "--project", clean.path, "--json")) as? [[String: Any]])
        #expect(status.first { $0["artifact"] as? String == "command:deploy" }?["state"] as? String == "synced")

        // Without --keep-deployments nothing deployed is refreshed, and nothing stops being tracked.
        try cli.home.write("repo/commands/deploy.md", "---\ndescription: Deploy the app\n---\nDeploy $ARGUMENTS, version three\n")
        #expect(await cli.run("source", "scan", "local").status == 0)
        let untouched = try #require(try cli.json(await cli.run("reimport", "local:commands/deploy.md", "--json")) as? [String: Any])
        #expect(untouched["deployments_restored"] as? Int == 0)
        #expect(try cli.home.read("clean-project/.claude/commands/deploy.md").contains("version two"))
        let after = try #require(try cli.json(await cli.run("status", "--project", clean.path, "--json")) as? [[String: Any]])
        #expect(after.first { $0["artifact"] as? String == "command:deploy" }?["state"] as? String == "outdated")
        let shown = try #require(try cli.json(await cli.run("show", "deploy", "--json")) as? [String: Any])
        #expect(((shown["artifact"] as? [String: Any])?["deployments"] as? [Any])?.count == 2)
        #expect(await cli.run("reimport", "local:nothing").status != 0)
    }

    @Test("reimport --keep-deployments of an artifact that left the manifest lists the deployments it kept, as a rebuild does")
    func reimportAfterLeavingManifest() async throws {
        let cli = try await Self.deployedTwice()
        defer { cli.home.remove() }
        // The entry leaves the manifest by hand (its files and the project records stay); the next read drops its row.
        let manifest = try cli.home.read("collections/default/collection.toml")
        let blocks = manifest.components(separatedBy: "[[artifacts]]")
        let kept = blocks.filter { !$0.contains("name = \"deploy\"") }
        #expect(kept.count == blocks.count - 1)
        try cli.home.write("collections/default/collection.toml", kept.joined(separator: "[[artifacts]]"))
        #expect(!(await cli.run("list", "--json").output.contains("command:deploy")))

        let result = try #require(try cli.json(await cli.run("reimport", "local:commands/deploy.md", "--keep-deployments", "--json")) as? [String: Any])
        #expect(result["success"] as? Bool == true)
        #expect(result["deployments_restored"] as? Int == 2)
        func deployments() async throws -> [[String: Any]] {
            let listed = try #require(try cli.json(await cli.run("list", "--json")) as? [[String: Any]])
            return try #require(listed.first { $0["id"] as? String == "command:deploy" }?["deployments"] as? [[String: Any]])
        }
        let written = try await deployments()
        #expect(written.count == 2)
        #expect(await cli.run("cache", "rebuild").status == 0)
        let rebuilt = try await deployments()
        #expect(Set(written.compactMap { $0["project_path"] as? String }) == Set(rebuilt.compactMap { $0["project_path"] as? String }))
        #expect(rebuilt.count == 2)
    }

    @Test("a network failure in the middle of a batch leaves the other entries imported and the failed ones untouched")
    func failureMidBatch() async throws {
        let healthy = try FakeGitHubRepository(owner: "acme", name: "good", files: Self.files)
        let flaky = try FakeGitHubRepository(owner: "acme", name: "flaky", files: ["commands/lint.md": "Lint $ARGUMENTS\n"])
        try await FakeGitHub.withServer([healthy, flaky]) { github in
            let cli = try CLIHarness(github: github)
            defer { cli.home.remove() }
            #expect(await cli.run("init").status == 0)
            #expect(await cli.run("source", "add", "acme/good").status == 0)
            #expect(await cli.run("source", "add", "acme/flaky").status == 0)
            let entries = try await Self.entries(cli)
            let ids = try ["deploy", "lint", "pdf"].map { try Self.entryID(entries, $0) }
            // The flaky repository's tarball is cut short on every download from now on.
            github.breakResponses("/_codeload/acme/flaky", times: 20)
            try FileManager.default.removeItem(at: cli.home.path("cache/plugins/source/github"))
            let result = await cli.run(["import"] + ids + ["--json"])
            #expect(result.status == 1)
            let batch = try #require(try cli.json(result) as? [String: Any])
            let results = try #require(batch["results"] as? [[String: Any]])
            #expect(Set(results.compactMap { $0["status"] as? String }) == ["imported", "failed"])
            let after = try await Self.entries(cli)
            #expect(after.first { $0["name"] as? String == "lint" }?["status"] as? String == "new")
            #expect(after.first { $0["name"] as? String == "pdf" }?["status"] as? String == "imported")
            #expect(!FileManager.default.fileExists(atPath: cli.home.path("collections/default/commands/lint.md").path))
            #expect(FileManager.default.fileExists(atPath: cli.home.path("collections/default/commands/deploy.md").path))
        }
    }

    @Test("skip, overwrite and rename through import, on a folder and on a single file", arguments: ["pdf", "deploy"])
    func importStrategies(name: String) async throws {
        let cli = try CLIHarness()
        defer { cli.home.remove() }
        for (path, text) in Self.files { try cli.home.write("repo/\(path)", text) }
        #expect(await cli.run("init").status == 0)
        #expect(await cli.run("source", "add", cli.home.path("repo").path, "--name", "local").status == 0)
        let id = try Self.entryID(try await Self.entries(cli), name)
        #expect(await cli.run("import", id).status == 0)
        let stored = name == "pdf" ? "collections/default/skills/pdf/SKILL.md" : "collections/default/commands/deploy.md"
        try cli.home.write(stored, "mine\n")
        let skipped = await cli.run("import", id, "--json")
        #expect(skipped.status == 3)
        #expect(try cli.home.read(stored) == "mine\n")
        let renamed = try #require(try cli.json(await cli.run("import", id, "--strategy", "rename", "--json")) as? [String: Any])
        #expect((renamed["results"] as? [[String: Any]])?.first?["artifact_id"] as? String == (name == "pdf" ? "skill:pdf-1" : "command:deploy-1"))
        #expect(await cli.run("import", id, "--strategy", "overwrite").status == 0)
        #expect(try cli.home.read(stored) != "mine\n")
    }
}

@Suite struct UpdateCommandTests {
    @Test("update compares content hashes, refuses to overwrite local edits unless told, and snapshots first")
    func update() async throws {
        let cli = try CLIHarness()
        defer { cli.home.remove() }
        for (path, text) in ImportCommandTests.files { try cli.home.write("repo/\(path)", text) }
        #expect(await cli.run("init").status == 0)
        #expect(await cli.run("source", "add", cli.home.path("repo").path, "--name", "local").status == 0)
        #expect(await cli.run("import", "--source", "local", "--all").status == 0)
        func states(_ arguments: String...) async throws -> [String: String] {
            let result = await cli.run(["update", "--json"] + arguments)
            let report = try #require(try cli.json(result) as? [String: Any])
            let items = try #require(report["items"] as? [[String: Any]])
            return Dictionary(uniqueKeysWithValues: items.compactMap { item in
                (item["artifact"] as? String).map { ($0, item["status"] as? String ?? "") }
            })
        }
        #expect(Set(try await states("--check").values) == ["up_to_date"])

        try cli.home.write("repo/commands/deploy.md", "---\ndescription: Deploy the app\n---\nDeploy $ARGUMENTS now\n")
        try cli.home.write("repo/skills/pdf/SKILL.md", "---\nname: pdf\ndescription: Work with PDFs, v2\n---\nBody\n")
        try cli.home.write("collections/default/skills/pdf/SKILL.md", "edited here\n")
        let checked = try await states("--check")
        #expect(checked["command:deploy"] == "update_available")
        #expect(checked["skill:pdf"] == "modified_locally")
        #expect(try cli.home.read("collections/default/commands/deploy.md").contains("$ARGUMENTS\n"))

        let applied = try await states()
        #expect(applied["command:deploy"] == "updated")
        #expect(applied["skill:pdf"] == "modified_locally")
        #expect(try cli.home.read("collections/default/commands/deploy.md").contains("now"))
        #expect(try cli.home.read("collections/default/skills/pdf/SKILL.md") == "edited here\n")
        let snapshots = try #require(try cli.json(await cli.run("snapshot", "list", "--json")) as? [[String: Any]])
        #expect(snapshots.contains { $0["message"] as? String == "before update" })

        #expect(try await states("--strategy", "overwrite")["skill:pdf"] == "updated")
        #expect(try cli.home.read("collections/default/skills/pdf/SKILL.md").contains("v2"))
    }
}

@Suite struct RemoveUndeployTests {
    @Test("remove --undeploy takes the artifact out of every project it was deployed to, then out of the collection")
    func removeUndeploy() async throws {
        let cli = try CLIHarness()
        defer { cli.home.remove() }
        for (path, text) in ImportCommandTests.files { try cli.home.write("repo/\(path)", text) }
        #expect(await cli.run("init").status == 0)
        #expect(await cli.run("add", cli.home.path("repo/commands/deploy.md").path).status == 0)
        for project in ["one", "two"] {
            try FileManager.default.createDirectory(at: cli.home.path(project), withIntermediateDirectories: true)
            #expect(await cli.run("deploy", "deploy", "--project", cli.home.path(project).path, "--all-profiles", "--yes").status == 0)
        }
        #expect(FileManager.default.fileExists(atPath: cli.home.path("one/.claude/commands/deploy.md").path))
        let result = await cli.run("remove", "deploy", "--undeploy", "--json")
        #expect(result.status == 0, "\(result.error)")
        let output = try #require(try cli.json(result) as? [String: Any])
        #expect(((output["undeployed"] as? [String: Any])?["entries"] as? [Any])?.count == 4)
        for project in ["one", "two"] {
            #expect(!FileManager.default.fileExists(atPath: cli.home.path("\(project)/.claude/commands/deploy.md").path))
            #expect(!FileManager.default.fileExists(atPath: cli.home.path("\(project)/.agents/skills/deploy").path))
        }
        #expect(await cli.run("show", "deploy").status == 1)
    }

    @Test("update reads each source once: as many GitHub requests as one rescan, however many artifacts changed")
    func updateReadsTheSourceOnce() async throws {
        let repository = try FakeGitHubRepository(owner: "acme", name: "tools", files: ImportCommandTests.files)
        try await FakeGitHub.withServer([repository]) { github in
            let cli = try CLIHarness(github: github)
            defer { cli.home.remove() }
            #expect(await cli.run("init").status == 0)
            #expect(await cli.run("source", "add", "acme/tools").status == 0)
            #expect(await cli.run("import", "--source", "acme-tools", "--all").status == 0)
            func change(_ round: Int) throws {
                var files = ImportCommandTests.files
                files["skills/pdf/SKILL.md"] = "---\nname: pdf\ndescription: Work with PDFs, v\(round)\n---\nBody\n"
                files["commands/deploy.md"] = "---\ndescription: Deploy the app\n---\nDeploy $ARGUMENTS, v\(round)\n"
                try github.setBranch("acme/tools", "main", files: files)
            }
            try change(2)
            github.clearRequests()
            let update = await cli.run("update", "--json")
            #expect(update.status == 0, "\(update.error)")
            #expect(update.output.components(separatedBy: "\"updated\"").count - 1 == 2, "\(update.output)")
            let updateRequests = github.requestCount()
            try change(3)
            github.clearRequests()
            #expect(await cli.run("source", "scan", "acme-tools").status == 0)
            #expect(updateRequests == github.requestCount(), "\(github.requests.map(\.path))")
        }
    }
}

extension ImportCommandTests {
    @Test("catalog rename gives an entry the name import uses; --json prints the entry with it; a bad name is refused")
    func renameThenImport() async throws {
        try await FakeGitHub.withServer([try FakeGitHubRepository(owner: "acme", name: "tools", files: Self.files)]) { github in
            let cli = try CLIHarness(github: github)
            defer { cli.home.remove() }
            for arguments in [["init"], ["source", "add", "acme/tools"]] { #expect(await cli.run(arguments).status == 0) }
            let deploy = try Self.entryID(try await Self.entries(cli), "deploy")
            #expect(await cli.run("catalog", "rename", deploy, "bad name!").status == 2)
            let renamed = try #require(try cli.json(await cli.run("catalog", "rename", deploy, "ship", "--json")) as? [String: Any])
            #expect(renamed["name"] as? String == "ship" && renamed["import_name"] as? String == "ship")
            #expect(renamed["artifact_type"] as? String == "command")
            #expect(await cli.run("import", deploy).status == 0)
            let listed = try #require(try cli.json(await cli.run("list", "--json")) as? [[String: Any]])
            #expect(listed.contains { $0["name"] as? String == "ship" })
        }
    }
}
