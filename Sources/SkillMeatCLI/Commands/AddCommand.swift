import ArgumentParser
import Foundation
import SkillMeatCore
import SkillMeatPluginAPI
import SkillMeatRegistry

/// `skillmeat add <source>`
struct AddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add one artifact to a collection from a local path or a git URL.",
        discussion: """
            The type is detected unless --type is given; a source holding several artifacts needs --type \
            and --name (or point at the artifact's own folder or file). A taken name is decided by \
            --strategy: skip (default) leaves the existing artifact, overwrite replaces it, rename adds \
            <name>-1, <name>-2, …
            """
    ).examples(
        "skillmeat add ./skills/pdf",
        "skillmeat add ./commands/todo.md --name todo-copy",
        "skillmeat add ./repo --type hook --name guard --strategy rename",
        "skillmeat add ./skills/pdf --dry-run"
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var collection: CollectionOptions
    @Argument(help: "A local folder or file, or a git URL.") var source: String
    @Option(help: "The artifact type.") var type: ArtifactType?
    @Option(help: "The name to store it under (default: the name the source gives it).") var name: String?
    @Option(help: "What to do when the name is taken.") var strategy: ConflictStrategyName = .skip
    @Option(help: "A tag to add (repeatable).") var tag: [String] = []
    @Option(help: "A branch, tag or commit (git sources).") var ref: String?
    @Flag(help: "Say what would be done and write nothing.") var dryRun = false
    @Flag(help: "Print the result as JSON.") var json = false

    func run() async throws {
        let runtime = try global.runtime()
        let service = try collection.service(runtime)
        let request = AddArtifact.Request(
            source: try SourceArgument.reference(source, ref: ref, root: nil),
            type: type,
            name: name,
            strategy: strategy,
            tags: tag,
            dryRun: dryRun
        )
        let result = try await service.adding(with: runtime.plugins).run(request)
        if dryRun, !json {
            for warning in result.warnings { Output.warning(warning) }
            let verb = ["added": "add", "overwritten": "replace", "renamed": "add under a free name", "skipped": "skip"][result.status] ?? result.status
            Output.line("Would \(verb) \(result.id) in '\(service.store.name)' (\(result.message)); nothing was written.")
            return
        }
        if json {
            try Output.json(result)
        } else {
            for warning in result.warnings { Output.warning(warning) }
            switch result.status {
            case "skipped": Output.line("Skipped \(result.id): \(result.message). Use --strategy overwrite or rename to add it anyway.")
            case "renamed": Output.line("Added \(result.id) to '\(service.store.name)' (\(result.message)).")
            default: Output.line("\(result.status == "overwritten" ? "Replaced" : "Added") \(result.id) in '\(service.store.name)'.")
            }
        }
        if result.status == "skipped" { throw CommandFailure(status: .unresolvedConflicts, message: "") }
    }
}
