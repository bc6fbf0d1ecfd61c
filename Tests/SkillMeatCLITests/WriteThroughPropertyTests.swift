import Foundation
import SkillMeatTestSupport
import Testing

/// DESIGN §3: after any sequence of operations, a rebuild yields the rows write-through wrote. Each
/// step runs one operation through the CLI and compares `list --json` (the cache rows, deployments
/// included) with the same listing after `cache rebuild`.
@Suite struct WriteThroughPropertyTests {
    /// The source the sequences import from: every type, in folders a platform reads.
    static let sourceFiles: [String: String] = [
        "skills/alpha/SKILL.md": "---\nname: alpha\ndescription: First skill\n---\nAlpha.\n",
        "skills/beta/SKILL.md": "---\nname: beta\ndescription: Second skill\n---\nBeta.\n",
        "skills/beta/notes.md": "Notes.\n",
        ".claude/commands/review.md": "---\ndescription: Review a change\n---\nReview $ARGUMENTS\n",
        ".claude/commands/ship.md": "---\ndescription: Ship it\n---\nShip.\n",
        ".claude/agents/tester.md": "---\nname: tester\ndescription: Writes tests\n---\nYou write tests.\n",
    ]
    static let entries = ["src:skills/alpha", "src:skills/beta", "src:.claude/commands/review.md", "src:.claude/commands/ship.md", "src:.claude/agents/tester.md"]
    static let names = ["alpha", "beta", "review", "ship", "tester", "local-tool", "adopted"]

    /// One listing with the time of the last sync taken out (a rebuild stamps a new one).
    static func listing(_ cli: CLIHarness) async -> String {
        await cli.run("list", "--json").output
            .replacingOccurrences(of: #""synced_at"[^\n]*"#, with: "", options: .regularExpression)
    }

    enum Step: CaseIterable {
        case add, importEntry, reimport, reimportKeeping, reimportBroken, reimportGone, update, adopt
        case deploy, undeploy, undeployForced, remove, removeUndeploying, collectionRemove
    }

    @Test("an artifact imported again after `remove` (without --undeploy) shows the deployments its records still hold")
    func importAfterRemoveKeepsRecordedDeployments() async throws {
        let cli = try CLIHarness()
        defer { cli.home.remove() }
        for (path, text) in Self.sourceFiles { _ = try cli.home.write("src/\(path)", text) }
        let project = cli.home.path("project")
        try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
        #expect(await cli.run("init").status == 0)
        #expect(await cli.run("source", "add", cli.home.path("src").path, "--name", "src").status == 0)
        #expect(await cli.run("import", "src:skills/alpha").status == 0)
        #expect(await cli.run("deploy", "alpha", "--project", project.path, "--yes").status == 0)
        #expect(await cli.run("remove", "alpha").status == 0)
        #expect(await cli.run("import", "src:skills/alpha").status == 0)
        let written = await Self.listing(cli)
        #expect(written.contains("project_path"))
        #expect(await cli.run("cache", "rebuild").status == 0)
        #expect(await Self.listing(cli) == written)
    }

    @Test("write-through equals rebuild after every step of random sequences", arguments: [UInt64(1), 7, 42])
    func randomSequences(seed: UInt64) async throws {
        var random = SeededGenerator(seed: seed)
        let cli = try CLIHarness()
        defer { cli.home.remove() }
        for (path, text) in Self.sourceFiles { _ = try cli.home.write("src/\(path)", text) }
        _ = try cli.home.write("local-tool/SKILL.md", "---\nname: local-tool\ndescription: Added by hand\n---\nTool.\n")
        let projects = [cli.home.path("project-a"), cli.home.path("project-b")]
        for project in projects { try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true) }
        #expect(await cli.run("init").status == 0)
        let added = await cli.run("source", "add", cli.home.path("src").path, "--name", "src")
        try #require(added.status == 0, "\(added.error)")

        // Start from a collection with deployments, so every step meets rows that carry some.
        #expect(await cli.run(["import"] + Self.entries).status == 0)
        for name in Self.names.prefix(3) {
            #expect(await cli.run("deploy", name, "--project", projects[0].path, "--yes").status == 0)
        }
        var history: [String] = []
        for round in 0..<40 {
            let step = Step.allCases.randomElement(using: &random)!
            // A name and the entry it comes from, so reimport steps meet the artifact they name.
            let pick = Int.random(in: 0..<Self.names.count, using: &random)
            let name = Self.names[pick]
            let entry = Self.entries[pick % Self.entries.count]
            let project = projects.randomElement(using: &random)!.path
            var commands: [[String]] = []
            switch step {
            case .add:
                commands = [["add", cli.home.path("local-tool").path, "--strategy", "overwrite"]]
            case .importEntry:
                commands = [["import", entry, "--strategy", "overwrite"]]
            case .reimport:
                commands = [["reimport", entry]]
            case .reimportKeeping:
                commands = [["reimport", entry, "--keep-deployments"]]
            case .reimportBroken:
                // A broken copy: its main file is gone from the collection.
                for broken in ["skills/\(name)/SKILL.md", "commands/\(name).md", "agents/\(name).md"] {
                    try? FileManager.default.removeItem(at: cli.home.path("collections/default/\(broken)"))
                }
                commands = [["reimport", entry, "--keep-deployments"]]
            case .reimportGone:
                // Gone from the manifest while project records still name it.
                commands = [["remove", name], ["reimport", entry, "--keep-deployments"]]
            case .update:
                _ = try cli.home.write("src/skills/alpha/SKILL.md", "---\nname: alpha\ndescription: First skill, round \(round)\n---\nAlpha \(round).\n")
                commands = [["source", "scan", "src"], ["update", "--strategy", "overwrite"]]
            case .adopt:
                _ = try cli.home.write("\(URL(filePath: project).lastPathComponent)/.claude/commands/adopted.md", "---\ndescription: Found in a project \(round)\n---\nHi.\n")
                commands = [["adopt", "--all", "--project", project, "--strategy", "overwrite"]]
            case .deploy:
                commands = [["deploy", name, "--project", project, "--yes", "--strategy", "overwrite"]]
            case .undeploy:
                commands = [["undeploy", name, "--project", project]]
            case .undeployForced:
                commands = [["undeploy", name, "--project", project, "--force"]]
            case .remove:
                commands = [["remove", name]]
            case .removeUndeploying:
                commands = [["remove", name, "--undeploy"]]
            case .collectionRemove:
                commands = [
                    ["collection", "create", "other"],
                    ["add", cli.home.path("local-tool").path, "-c", "other"],
                    ["deploy", "local-tool", "-c", "other", "--project", project, "--yes", "--strategy", "overwrite"],
                    ["collection", "remove", "other", "--force"],
                ]
            }
            for command in commands {
                // Steps may fail (an artifact not there, a conflict); the property must hold either way.
                let result = await cli.run(command)
                history.append("\(command.joined(separator: " ")) -> \(result.status)")
            }
            let written = await Self.listing(cli)
            let rebuilt = await cli.run("cache", "rebuild", "--all")
            #expect(rebuilt.status == 0, "\(rebuilt.error)")
            let fromFiles = await Self.listing(cli)
            #expect(written == fromFiles, "seed \(seed), after:\n\(history.joined(separator: "\n"))")
            if written != fromFiles { return }
        }
    }
}
