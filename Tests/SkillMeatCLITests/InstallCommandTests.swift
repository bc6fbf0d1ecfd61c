import Foundation
import SkillMeatPluginAPI
import SkillMeatTestSupport
import Testing

@Suite struct InstallCommandTests {
    static let files: [String: String] = [
        "skills/pdf/SKILL.md": "---\nname: pdf\ndescription: Work with PDFs\n---\nBody\n",
        "skills/pdf/scripts/fill.py": "print('fill')\n",
        "commands/deploy.md": "---\ndescription: Deploy the app\n---\nDeploy $ARGUMENTS\n",
        "agents/reviewer.md": "---\nname: reviewer\ndescription: Reviews code\n---\nReview.\n",
        ".mcp.json": #"{"mcpServers": {"github": {"command": "npx", "args": ["gh"]}}}"#,
    ]

    /// A home whose collection was filled from the fake GitHub; returns it and the artifact files it holds.
    static func imported(_ github: FakeGitHub) async throws -> (CLIHarness, [String: Data]) {
        let cli = try CLIHarness(github: github)
        #expect(await cli.run("init").status == 0)
        #expect(await cli.run("source", "add", "acme/tools").status == 0)
        let imported = await cli.run("import", "--source", "acme-tools", "--all")
        #expect(imported.status == 0, "\(imported.error)")
        let snapshot = try cli.home.snapshot().filter {
            $0.key.hasPrefix("collections/default/") && !$0.key.contains("/.staging") && !$0.key.hasSuffix("collection.toml") && !$0.key.hasSuffix("collection.lock")
        }
        return (cli, snapshot)
    }

    /// A new home holding only the collection's manifest and lock from `source`.
    static func copyOnlyManifestAndLock(from source: CLIHarness, github: FakeGitHub) throws -> CLIHarness {
        let fresh = try CLIHarness(github: github)
        for name in ["collection.toml", "collection.lock"] {
            _ = try fresh.home.write("collections/default/\(name)", try source.home.read("collections/default/\(name)"))
        }
        return fresh
    }

    @Test("a home with only collection.toml and collection.lock gets every file back with its locked hash, one download per commit")
    func restoresEverything() async throws {
        let repository = try FakeGitHubRepository(owner: "acme", name: "tools", files: Self.files)
        try await FakeGitHub.withServer([repository]) { github in
            let (first, files) = try await Self.imported(github)
            defer { first.home.remove() }
            #expect(files.keys.contains("collections/default/skills/pdf/scripts/fill.py"))
            let second = try Self.copyOnlyManifestAndLock(from: first, github: github)
            defer { second.home.remove() }

            // Before: every artifact is listed as missing, not as if it were fine.
            let listed = try #require(try second.json(await second.run("list", "--json")) as? [[String: Any]])
            #expect(listed.count == 4 && listed.allSatisfy { $0["missing"] as? Bool == true })
            let lockBefore = try second.home.read("collections/default/collection.lock")

            github.clearRequests()
            let result = await second.run("install", "--frozen", "--json")
            #expect(result.status == 0, "\(result.error)\(result.output)")
            #expect(github.requestCount("/repos/acme/tools/tarball") == 1)
            let report = try #require(try second.json(result) as? [String: Any])
            let items = try #require(report["items"] as? [[String: Any]])
            #expect(items.count == 4 && items.allSatisfy { $0["status"] as? String == "restored" })
            #expect(items.allSatisfy { $0["content_hash"] as? String == $0["locked_hash"] as? String })
            // Byte for byte what the first home imported; the lock did not change.
            let restored = try second.home.snapshot().filter { files.keys.contains($0.key) }
            #expect(restored == files)
            #expect(try second.home.read("collections/default/collection.lock") == lockBefore)
            let after = try #require(try second.json(await second.run("list", "--json")) as? [[String: Any]])
            #expect(after.allSatisfy { $0["missing"] as? Bool == false })
            let status = try #require(try second.json(await second.run("show", "pdf", "--json")) as? [String: Any])
            #expect(status["missing"] as? Bool == false && status["modified"] as? Bool == false)

            // update follows the recorded upstream without a catalog: only what changed, only what was named.
            var moved = Self.files
            moved["skills/pdf/SKILL.md"] = "---\nname: pdf\ndescription: Work with PDFs\n---\nNew body\n"
            moved["commands/deploy.md"] = "---\ndescription: Deploy the app\n---\nDeploy it all\n"
            try github.setBranch("acme/tools", "main", files: moved)
            let checked = try #require(try second.json(await second.run("update", "pdf", "reviewer", "--check", "--json")) as? [String: Any])
            let states = Dictionary(uniqueKeysWithValues: ((checked["items"] as? [[String: Any]]) ?? []).map { ($0["artifact"] as? String ?? "", $0["status"] as? String ?? "") })
            #expect(states == ["skill:pdf": "update_available", "agent:reviewer": "up_to_date"], "\(states)")
            let updated = await second.run("update", "pdf")
            #expect(updated.status == 0, "\(updated.output)\(updated.error)")
            #expect(try second.home.read("collections/default/skills/pdf/SKILL.md").contains("New body"))
            #expect(!(try second.home.read("collections/default/commands/deploy.md")).contains("all"))
            try github.setBranch("acme/tools", "main", files: Self.files)

            // Run again: nothing is fetched, everything is present.
            github.clearRequests()
            let again = try #require(try second.json(await second.run("install", "--json")) as? [String: Any])
            #expect((again["items"] as? [[String: Any]])?.allSatisfy { $0["status"] as? String == "present" } == true, "\(again)")
            #expect(github.requestCount("/repos/acme/tools/tarball") == 0)
        }
    }

    @Test("a tampered upstream (same commit, other bytes) is refused by name and nothing of it is written")
    func refusesTampered() async throws {
        let repository = try FakeGitHubRepository(owner: "acme", name: "tools", files: Self.files)
        try await FakeGitHub.withServer([repository]) { github in
            let (first, _) = try await Self.imported(github)
            defer { first.home.remove() }
            let commit = try #require(github.repository("acme/tools")?.branches["main"]?.sha)
            try github.tamper("acme/tools", commit: commit, files: ["skills/pdf/SKILL.md": "---\nname: pdf\ndescription: Work with PDFs\n---\nrm -rf /\n"])
            let second = try Self.copyOnlyManifestAndLock(from: first, github: github)
            defer { second.home.remove() }
            let lockBefore = try second.home.read("collections/default/collection.lock")

            let result = await second.run("install")
            #expect(result.status == 1)
            #expect(result.error.contains("skill:pdf"))
            #expect(result.output.contains("mismatch"))
            #expect(!FileManager.default.fileExists(atPath: second.home.path("collections/default/skills/pdf").path))
            // The untouched artifacts of the same commit are restored; no scratch folder is left.
            #expect(FileManager.default.fileExists(atPath: second.home.path("collections/default/commands/deploy.md").path))
            let staging = (try? FileManager.default.contentsOfDirectory(atPath: second.home.path("collections/default/.staging").path)) ?? []
            #expect(staging.filter { !$0.hasPrefix(".") }.isEmpty, "\(staging)")
            #expect(try second.home.read("collections/default/collection.lock") == lockBefore)
        }
    }

    @Test("an artifact without an upstream is reported as unfetchable; --dry-run fetches nothing")
    func unfetchableAndDryRun() async throws {
        let cli = try CLIHarness()
        defer { cli.home.remove() }
        #expect(await cli.run("init").status == 0)
        _ = try cli.home.write("work/notes.md", "---\ndescription: Notes\n---\nNotes\n")
        #expect(await cli.run("add", cli.home.path("work/notes.md").path, "--type", "command").status == 0)
        try FileManager.default.removeItem(at: cli.home.path("work"))
        try FileManager.default.removeItem(at: cli.home.path("collections/default/commands/notes.md"))
        let dry = try #require(try cli.json(await cli.run("install", "--dry-run", "--json")) as? [String: Any])
        #expect((dry["items"] as? [[String: Any]])?.first?["status"] as? String != "restored")
        let result = await cli.run("install")
        #expect(result.status == 1)
        #expect(result.output.contains("unfetchable") && result.error.contains("command:notes"))
    }
}
