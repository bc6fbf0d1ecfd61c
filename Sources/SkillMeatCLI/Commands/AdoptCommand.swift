import ArgumentParser
import Foundation
import SkillMeatCore
import SkillMeatPluginAPI
import SkillMeatRegistry

/// `skillmeat adopt`
struct AdoptCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "adopt",
        abstract: "Take artifacts a project already has into the collection and record them as deployed there.",
        discussion: """
            Each unmanaged artifact (see 'skillmeat discover') is added to the collection (origin local, \
            its place in the project as upstream) and recorded as deployed to the project for its \
            profile, so 'status' shows it synced and 'undeploy' removes exactly its files and entries. \
            Nothing in the project is moved or rewritten. A name the collection holds with different \
            content is a conflict decided by --strategy. Adopting again changes nothing.
            """
    ).examples(
        "skillmeat adopt --all --project ~/code/app",
        "skillmeat adopt reviewer greet --strategy rename",
        "skillmeat adopt --all --dry-run"
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var collection: CollectionOptions
    @Argument(help: "The artifacts' names as 'discover' lists them.") var names: [String] = []
    @Option(help: "The project folder (default: the current directory).") var project: String?
    @Flag(help: "Adopt every artifact that is not managed yet.") var all = false
    @Option(help: "What to do with a name taken by different content.") var strategy: ConflictStrategyName = .skip
    @Flag(help: "Say what would be done and write nothing.") var dryRun = false
    @Flag(help: "Also list what was adopted in the project's skillmeat.toml (and lock), so 'sync' keeps it.") var save = false
    @Flag(help: "Print the result as JSON.") var json = false

    func validate() throws {
        if names.isEmpty, !all { throw ValidationError("Name the artifacts to adopt, or pass --all.") }
    }

    func run() async throws {
        let runtime = try global.runtime()
        let service = try DeploymentOptions.service(runtime, collection: collection)
        let report = try await service.adoption.run(.init(
            projectRoot: projectURL(project), names: names, all: all, strategy: strategy, dryRun: dryRun
        ))
        if save, !dryRun {
            let kept = report.items.filter { $0.status == "adopted" || $0.status == "recorded" }
            for (profile, items) in Dictionary(grouping: kept, by: \.profile) {
                let ids = items.map { ArtifactID(type: $0.type, name: $0.collectionName ?? $0.name) }
                try service.projectSync.save(ids, profiles: [profile], scope: .project, projectRoot: projectURL(project))
            }
        }
        if json {
            try Output.json(report)
        } else if report.items.isEmpty {
            Output.line("Nothing to adopt in \(report.project): every artifact is managed already.")
        } else {
            Output.table(
                ["RESULT", "ARTIFACT", "PROFILE", "PATH", "MESSAGE"],
                report.items.map { [$0.status, "\($0.type.rawValue):\($0.name)", $0.profile, $0.path, $0.message] }
            )
            if dryRun { Output.line("Would adopt or record \(report.items.count) artifact\(report.items.count == 1 ? "" : "s"); nothing was written.") }
        }
        let failed = report.items.filter { $0.status == "failed" }.count
        let skipped = report.items.filter { $0.status == "skipped" }.count
        if failed > 0 { throw CommandFailure(status: .failure, message: json ? "" : "\(failed) artifact\(failed == 1 ? "" : "s") could not be adopted.") }
        if skipped > 0 {
            throw CommandFailure(
                status: .unresolvedConflicts,
                message: json ? "" : "\(skipped) artifact\(skipped == 1 ? " was" : "s were") skipped: the name is taken by different content; use --strategy overwrite or rename."
            )
        }
    }
}
