import Foundation
import SkillMeatCore
import SkillMeatPluginAPI
import SkillMeatTestSupport
import Testing

/// `import --all` takes entries at or above the documented default confidence; `--min-confidence`
/// moves the line, and `catalog list --min-confidence` shows the same cut.
@Suite struct ImportConfidenceTests {
    @Test("import --all leaves other platforms' files and scaffolds unless --min-confidence lowers the bar")
    func minimum() async throws {
        let cli = try CLIHarness()
        defer { cli.home.remove() }
        let files = [
            ".claude/commands/ship.md": "---\ndescription: Ship it\n---\nShip $ARGUMENTS.\n",
            ".opencode/command/review.md": "---\ndescription: Review\n---\nReview.\n",
            ".claude/commands/scaffold.md": "---\ndescription: Deploy [PROJECT_NAME]\n---\nDeploy.\n",
        ]
        for (path, text) in files { try cli.home.write("repo/\(path)", text) }
        #expect(await cli.run("init").status == 0)
        #expect(await cli.run("source", "add", cli.home.path("repo").path, "--name", "local").status == 0)

        let listed = try #require(try cli.json(await cli.run("catalog", "list", "--min-confidence", "\(DetectionConfidence.importDefault)", "--json")) as? [String: Any])
        let names = (listed["entries"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(names == ["ship"])

        #expect(await cli.run("import", "--source", "local", "--all").status == 0)
        #expect(await cli.run("show", "ship").status == 0)
        #expect(await cli.run("show", "review").status != 0)

        #expect(await cli.run("import", "--source", "local", "--all", "--min-confidence", "0").status == 0)
        #expect(await cli.run("show", "review").status == 0)
        #expect(await cli.run("show", "scaffold").status == 0)
        #expect(await cli.run("import", "--source", "local", "--all", "--min-confidence", "101").status == 2)
    }
}
