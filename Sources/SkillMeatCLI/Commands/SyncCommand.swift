import ArgumentParser
import Foundation
import SkillMeatCore
import SkillMeatPluginAPI
import SkillMeatRegistry

/// `skillmeat sync [--project P] [--frozen] [--dry-run]`
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Make a project match its skillmeat.toml and skillmeat.lock.",
        discussion: """
            Imports what the collection lacks (pinned to the lock: fetched at the locked commit and checked \
            against the locked hash), locks what the lock does not have yet, deploys what is missing or \
            outdated, undeploys what SkillMeat deployed from this collection that the manifest no longer \
            lists (never a file SkillMeat did not write), and writes skillmeat.lock. Only what the manifest \
            lists changes. --frozen (for CI) changes nothing and exits 1 on any difference; --dry-run \
            shows the plan. Hooks and MCP servers run commands: they are written only after a yes (or --yes).
            """
    ).examples(
        "skillmeat sync",
        "skillmeat sync --project ~/code/app --dry-run",
        "skillmeat sync --frozen            # in CI: fail on any difference",
        "skillmeat sync --yes --json"
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var collection: CollectionOptions
    @Option(help: "The project folder (default: the current directory).") var project: String?
    @Flag(help: "Change nothing; exit 1 if the project or the lock differs from the manifest.") var frozen = false
    @Flag(help: "Show the plan and write nothing.") var dryRun = false
    @Option(help: "What to do with a conflict in the project.") var strategy: ConflictStrategyName = .skip
    @Flag(name: .shortAndLong, help: "Accept the commands hooks and MCP servers will run without asking.") var yes = false
    @OptionGroup var github: TokenOption
    @Flag(help: "Print the plan or result as JSON.") var json = false

    func run() async throws {
        let runtime = try global.runtime(pluginSettings: github.pluginSettings)
        let service = try DeploymentOptions.service(runtime, collection: collection)
        let consent: DeploymentService.CommandConsent
        if yes {
            consent = .accept
        } else if let confirm = CLIContext.current.confirm {
            consent = .ask { commands in confirm("Write these \(commands.count) command(s) into the agent's configuration?\n  " + commands.joined(separator: "\n  ")) }
        } else {
            consent = .refuse
        }
        let report = try await service.projectSync.run(.init(
            projectRoot: projectURL(project), frozen: frozen, dryRun: dryRun, commandConsent: consent, strategy: strategy
        ))
        if json {
            try Output.json(report)
        } else {
            if report.changes.isEmpty {
                Output.line("\(report.project) matches skillmeat.toml and skillmeat.lock.")
            } else {
                if !report.applied { Output.line(report.frozen ? "Differences:" : "Plan:") }
                Output.table(["CHANGE", "ARTIFACT", "PROFILE", "DETAIL"], report.changes.map {
                    [$0.kind.rawValue, $0.artifact, $0.profile ?? "", $0.detail]
                })
            }
            report.problems.forEach { Output.warning($0) }
        }
        if report.frozen, !report.inSync {
            throw CommandFailure(status: .failure, message: json ? "" : "The project differs from skillmeat.toml/skillmeat.lock (\(report.changes.count) change(s), \(report.problems.count) problem(s)); nothing was changed.")
        }
        if report.skipped > 0, report.problems.count == report.skipped {
            throw CommandFailure(status: .unresolvedConflicts, message: json ? "" : "\(report.skipped) item(s) were left alone because of conflicts; use --strategy overwrite or rename.")
        }
        if !report.problems.isEmpty {
            throw CommandFailure(status: .failure, message: json ? "" : "\(report.problems.count) problem(s); see above.")
        }
    }
}
