import Foundation
import SkillMeatTestSupport
import Testing

/// `skillmeat collection refresh` (seed 002, issue 15 item 3).
@Suite struct CollectionRefreshCommandTests {
    @Test("collection refresh: --check and --dry-run write nothing, a local artifact is skipped, --fields limits, --rollback needs -y without a terminal")
    func refreshFromUpstream() async throws {
        let cli = try CLIHarness()
        defer { cli.home.remove() }
        let source = try CollectionCommandTests.source(cli)
        #expect(await cli.run("init").status == 0)
        #expect(await cli.run("source", "add", source.path, "--name", "src").status == 0)
        #expect(await cli.run("import", "--source", "src", "--all", "--type", "skill").status == 0)
        try cli.home.write("local/commands/hello.md", "---\ndescription: Hello\n---\nHi\n")
        #expect(await cli.run("add", cli.home.path("local/commands/hello.md").path).status == 0)
        try cli.home.write("src/skills/pdf/SKILL.md", "---\nname: pdf\ndescription: PDFs, all of them\nlicense: Apache-2.0\nallowed-tools: Read, Bash\n---\nBody\n")
        let manifest = try cli.home.read("collections/default/collection.toml")

        let check = await cli.run("collection", "refresh", "--check", "--json")
        #expect(check.status == 0, "\(check.error)")
        let report = try #require(try cli.json(check) as? [String: Any])
        #expect(report["mode"] as? String == "check_only" && report["refreshed_count"] as? Int == 1 && report["skipped_count"] as? Int == 1)
        #expect((report["skipped"] as? [[String: Any]])?.first?["artifact_id"] as? String == "command:hello")
        #expect(try cli.home.read("collections/default/collection.toml") == manifest)
        #expect(await cli.run("collection", "refresh", "--dry-run").status == 0)
        #expect(try cli.home.read("collections/default/collection.toml") == manifest)

        let text = await cli.run("collection", "refresh", "default", "-t", "skill", "-n", "pd?", "--fields", "license", "--metadata-only")
        #expect(text.status == 0, "\(text.error)")
        #expect(text.output.contains("license") && text.output.contains("Apache-2.0") && text.output.contains("1 refreshed"), "\(text.output)")
        let pdf = try #require(try cli.json(await cli.run("show", "pdf", "--json")) as? [String: Any])
        #expect((pdf["artifact"] as? [String: Any])?["license"] as? String == "Apache-2.0")
        #expect((pdf["artifact"] as? [String: Any])?["description"] as? String == "Work with PDFs", "only --fields license")

        #expect(await cli.run("collection", "refresh", "--fields", "colour").status == 2)
        #expect(await cli.run("collection", "refresh", "--check", "--sync").status == 2)
        let refused = await cli.run("collection", "refresh", "--rollback")
        #expect(refused.status == 3, "no terminal and no -y")
        let rolledBack = await cli.run("collection", "refresh", "--rollback", "-y", "--json")
        #expect(rolledBack.status == 0, "\(rolledBack.error)")
        #expect((try cli.json(rolledBack) as? [String: Any])?["scope"] as? String == "manifest")
        let restored = try #require(try cli.json(await cli.run("show", "pdf", "--json")) as? [String: Any])
        #expect((restored["artifact"] as? [String: Any])?["license"] as? String == "MIT")
        let snapshots = await cli.run("snapshot", "list", "--json")
        #expect(snapshots.output.contains("\"scope\""), "\(snapshots.output)")
    }
}
