import ArgumentParser
import Foundation
import SkillMeatCore
import SkillMeatPluginAPI
import SkillMeatRegistry

/// `skillmeat undeploy NAME`
struct UndeployCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undeploy",
        abstract: "Remove exactly what deploying an artifact wrote: its files and merged entries.",
        discussion: "A file or entry changed since it was deployed is kept and reported, unless --force."
    ).examples(
        "skillmeat undeploy pdf --project ~/code/app",
        "skillmeat undeploy command:todo --profile codex --force",
        "skillmeat undeploy pdf --dry-run"
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var collection: CollectionOptions
    @OptionGroup var target: DeploymentOptions
    @Argument(help: "The artifact's name or id (type:name).", completion: Completions.artifacts) var name: String
    @Option(help: "Its type, when several artifacts share the name.") var type: ArtifactType?
    @Option(help: "Only this profile (default: every profile it is deployed for).", completion: Completions.profiles) var profile: String?
    @Flag(help: "Remove files and entries even if they were changed since.") var force = false
    @Flag(help: "Say what would be done and write nothing.") var dryRun = false
    @Flag(help: "Also take it off the project's skillmeat.toml (and lock), so 'sync' does not deploy it again.") var save = false
    @Flag(help: "Print the result as JSON.") var json = false

    func run() async throws {
        let runtime = try global.runtime()
        let service = try DeploymentOptions.service(runtime, collection: collection)
        let report = try await service.undeploy(
            name, type: type, projectRoot: target.projectURL, scope: target.scope, profiles: profile.map { [$0] } ?? [], force: force, dryRun: dryRun
        )
        report.warnings.forEach(Output.warning)
        if save, !dryRun {
            try service.projectSync.unsave(name, type: type, profiles: profile.map { [$0] } ?? [], projectRoot: target.projectURL)
        }
        if json {
            try Output.json(report)
            return
        }
        if dryRun {
            for entry in report.entries {
                Output.line("Would undeploy \(entry.artifact) (\(entry.profile)): \(entry.removedFiles.count) files, \(entry.removedEntries.count) entries; changed copies are kept unless --force.")
            }
            return
        }
        for entry in report.entries {
            Output.line("Undeployed \(entry.artifact) (\(entry.profile)): \(entry.removedFiles.count) files, \(entry.removedEntries.count) entries removed.")
            for kept in entry.kept { Output.warning("\(kept) was changed since it was deployed and was kept; --force removes it.") }
        }
    }
}
