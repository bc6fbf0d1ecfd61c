import ArgumentParser
import Foundation
import SkillMeatCore
import SkillMeatPluginAPI
import SkillMeatRegistry

/// `skillmeat deploy NAME…`
struct DeployCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deploy",
        abstract: "Deploy artifacts into a project (or your home folder) for Claude Code or Codex.",
        discussion: """
            The plan is shown first. Hooks and MCP servers run commands on your machine, so deploy asks \
            before writing them unless --yes is given (without a terminal it refuses). A destination that \
            exists and is not SkillMeat's, or that was changed since SkillMeat wrote it, is a conflict \
            decided by --strategy: skip (default), overwrite or rename. Deploying again updates copies \
            whose collection artifact changed.
            """
    ).examples(
        "skillmeat deploy pdf todo                 # into the current directory",
        "skillmeat deploy skill:pdf --project ~/code/app --profile codex",
        "skillmeat deploy --all --all-profiles --yes",
        "skillmeat deploy --type command --project ~/code/app",
        "skillmeat deploy --all --dry-run"
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var collection: CollectionOptions
    @OptionGroup var target: DeploymentOptions
    @Argument(help: "The artifacts' names or ids (skill:name).", completion: Completions.artifacts) var names: [String] = []
    @Flag(help: "Deploy every artifact of the collection (of --type, when given).") var all = false
    @Option(help: "Their type, when several artifacts share a name; with no names, every artifact of this type.") var type: ArtifactType?
    @Option(help: "The deployment profile (default: deploy.default_profiles; 'plugins list --kind deployer' lists them).", completion: Completions.profiles) var profile: String?
    @Flag(help: "Deploy for every enabled profile.") var allProfiles = false
    @Option(help: "What to do with a conflict.") var strategy: ConflictStrategyName = .skip
    @Flag(help: "Show the plan and write nothing.") var dryRun = false
    @Flag(name: .shortAndLong, help: "Accept the commands hooks and MCP servers will run without asking.") var yes = false
    @Flag(help: "Also list the artifacts in the project's skillmeat.toml (and lock), so 'sync' keeps them.") var save = false
    @Flag(help: "Print the plan and result as JSON.") var json = false

    func validate() throws {
        if profile != nil, allProfiles { throw ValidationError("Use either --profile or --all-profiles, not both.") }
        if all, !names.isEmpty { throw ValidationError("Give names or --all, not both.") }
        if names.isEmpty, !all, type == nil { throw ValidationError("Name at least one artifact to deploy, or use --all or --type T.") }
    }

    func run() async throws {
        let runtime = try global.runtime()
        let service = try DeploymentOptions.service(runtime, collection: collection)
        let report = try await service.deploy(
            .init(
                names: names, type: type, projectRoot: target.projectURL, scope: target.scope, profiles: profile.map { [$0] } ?? [],
                allProfiles: allProfiles, strategy: strategy, dryRun: dryRun, commandConsent: consent, all: all || names.isEmpty
            ),
            planned: json ? { _ in } : Self.show
        )
        report.warnings.forEach(Output.warning)
        if json { try Output.json(report) }
        guard !report.dryRun else { return }
        if save {
            // Each profile it went to (or already was deployed for) is recorded; skipped and unsupported ones are not.
            let deployed = report.items.filter { $0.action != .skip && $0.action != .unsupported }
            for (profile, items) in Dictionary(grouping: deployed, by: \.profile) {
                try service.projectSync.save(items.map(\.artifact), profiles: [profile], scope: target.scope, projectRoot: target.projectURL)
            }
        }
        if !json {
            let written = report.items.filter(\.writesSomething).count
            Output.status(Output.summary("Deployed", done: written, of: report.items.count, [
                (report.items.filter { $0.action == .unchanged }.count, "unchanged"), (report.skipped.count, "skipped"),
                (report.items.filter { $0.action == .unsupported }.count, "unsupported"),
            ]))
        }
        if !report.skipped.isEmpty {
            throw CommandFailure(
                status: .unresolvedConflicts,
                message: json ? "" : "\(report.skipped.count) item\(report.skipped.count == 1 ? " was" : "s were") skipped because of conflicts; use --strategy overwrite or rename."
            )
        }
    }

    /// --yes accepts; otherwise a person at a terminal is asked, and without one the plan is refused.
    var consent: DeploymentService.CommandConsent {
        if yes { return .accept }
        guard let confirm = CLIContext.current.confirm else { return .refuse }
        let output = CLIContext.current.output
        return .ask { commands in
            // Through the sink first, so a progress line on the terminal is cleared before the question.
            output.write("", to: .standardError)
            return confirm("Write these \(commands.count) command\(commands.count == 1 ? "" : "s") into the agent's configuration?")
        }
    }

    static func show(_ preview: DeploymentPreview) {
        for target in preview.targets {
            Output.line(Output.emphasis("\(target.profile.id) (\(target.scope.rawValue) scope) → \(target.root.path)"))
            for item in target.items {
                let renamed = item.deployedName == item.artifact.name ? "" : " as '\(item.deployedName)'"
                Output.line("  \(item.action.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0)) \(item.artifact)\(renamed)")
                for write in item.writes { Output.line("      write  \(write.path)") }
                for merge in item.merges { Output.line("      merge  \(merge.file): \(merge.keyPath.joined(separator: "."))") }
                for command in item.commands { Output.line("      runs   \(command)") }
                for conflict in item.conflicts { Output.line("      conflict: \(conflict)") }
                for note in item.notes { Output.line("      note: \(note)") }
            }
        }
    }
}
