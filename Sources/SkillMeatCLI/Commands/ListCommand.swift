import Foundation
import ArgumentParser
import SkillMeatCore
import SkillMeatRegistry
import SkillMeatPluginAPI

/// Parses `--type` values as users write them (`mcp`, `mcp-server`, …).
/// `skillmeat list`
struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the artifacts in a collection.").examples(
        "skillmeat list",
        "skillmeat list --type skill --tag docs",
        "skillmeat list --search review --json"
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var collection: CollectionOptions
    @Option(help: "Only this type.") var type: ArtifactType?
    @Option(help: "Only artifacts with this tag.") var tag: String?
    @Option(help: "Only artifacts whose name, description or tags contain this text.") var search: String?
    @Flag(help: "Print the list as JSON.") var json = false

    func run() async throws {
        let runtime = try global.runtime()
        let service = try collection.service(runtime)
        if json {
            try await Output.jsonArray { emit in try await service.visit(type: type, tag: tag, search: search, emit) }
            return
        }
        let artifacts = try await service.list(type: type, tag: tag, search: search)
        if artifacts.isEmpty {
            Output.line("No artifacts in '\(collection.name(runtime))'" + (type != nil || tag != nil || search != nil ? " match." : "; add one with 'skillmeat add'."))
            return
        }
        Output.table(
            ["TYPE", "NAME", "ORIGIN", "TAGS", "DESCRIPTION"],
            artifacts.map {
                [$0.type, $0.name, $0.origin, $0.tags.joined(separator: ","), ($0.missing ? "[files missing] " : "") + String(($0.description ?? "").prefix(60))]
            }
        )
        let missing = artifacts.filter(\.missing).count
        if missing > 0 {
            Output.warning("\(missing) artifact\(missing == 1 ? "'s" : "s'") files are missing from the collection; 'skillmeat install' fetches them at their locked commits.")
        }
    }
}

/// `skillmeat show NAME`
struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one artifact: metadata, origin, files, deployments.").examples(
        "skillmeat show pdf",
        "skillmeat show skill:pdf --json",
        "skillmeat show todo --type command"
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var collection: CollectionOptions
    @Argument(help: "The artifact's name or id (type:name).", completion: Completions.artifacts) var name: String
    @Option(help: "Its type, when several artifacts share the name.") var type: ArtifactType?
    @Flag(help: "Print it as JSON.") var json = false

    func run() async throws {
        let runtime = try global.runtime()
        let detail = try await collection.service(runtime).show(name, type: type)
        if json {
            try Output.json(detail)
            return
        }
        let artifact = detail.artifact
        Output.line(Output.emphasis("\(artifact.type):\(artifact.name)"))
        let fields: [(String, String?)] = [
            ("description", artifact.description), ("title", artifact.title), ("origin", artifact.origin),
            ("origin source", artifact.originSource), ("upstream", artifact.upstream), ("version", artifact.version),
            ("author", artifact.author), ("license", artifact.license),
            ("tags", artifact.tags.isEmpty ? nil : artifact.tags.joined(separator: ", ")),
            ("tools", artifact.tools.isEmpty ? nil : artifact.tools.joined(separator: ", ")),
            ("content hash", artifact.contentHash), ("resolved sha", artifact.resolvedSHA), ("added", artifact.added),
            ("updated", artifact.lastUpdated), ("location", detail.location),
        ]
        for (label, value) in fields {
            if let value { Output.line("  \(label.padding(toLength: 14, withPad: " ", startingAt: 0)) \(value)") }
        }
        if detail.missing { Output.line("  state          missing: its files are gone from the collection (skillmeat install fetches them at the locked commit)") }
        if detail.modified { Output.line("  state          modified since it was added (hash differs from the lock)") }
        Output.line("  files          \(detail.files.count)")
        for file in detail.files.prefix(50) { Output.line("    \(file)") }
        Output.line("  deployments    \(artifact.deployments.isEmpty ? "none" : String(artifact.deployments.count))")
        for deployment in artifact.deployments {
            Output.line("    \(deployment["project_path"]?.stringValue ?? "?") (\(deployment["profile"]?.stringValue ?? "?"))")
        }
    }
}

/// `skillmeat remove NAME`
struct RemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove an artifact from a collection (a snapshot is taken first)."
    ).examples(
        "skillmeat remove skill:pdf",
        "skillmeat remove todo --undeploy",
        "skillmeat remove todo --dry-run"
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var collection: CollectionOptions
    @Argument(help: "The artifact's name or id (type:name).", completion: Completions.artifacts) var name: String
    @Option(help: "Its type, when several artifacts share the name.") var type: ArtifactType?
    @Flag(help: "Also undeploy it from every project it is deployed to (copies changed there are kept).") var undeploy = false
    @Flag(help: "Say what would be done and write nothing.") var dryRun = false
    @Flag(help: "Print the result as JSON.") var json = false

    struct RemoveOutput: Encodable {
        var removal: RemovalReport
        var undeployed: UndeployReport?
    }

    func run() async throws {
        let runtime = try global.runtime()
        let service = try collection.service(runtime)
        if dryRun {
            let detail = try await service.show(name, type: type)
            let id = "\(detail.artifact.type):\(detail.artifact.name)"
            let deployments = detail.artifact.deployments.count
            let undeploying = undeploy && deployments > 0 ? ", after undeploying it from \(deployments) deployment\(deployments == 1 ? "" : "s")" : ""
            Output.line("Would remove \(id) from '\(service.store.name)'\(undeploying), taking a snapshot first; nothing was written.")
            return
        }
        var undeployed: UndeployReport?
        if undeploy {
            let artifact = try await service.find(name, type: type)
            let deployments = DeploymentService(collection: service, plugins: runtime.plugins, userHome: CLIContext.current.userHome)
            undeployed = try await deployments.undeployEverywhere(artifact.id)
        }
        let report = try await service.remove(name, type: type)
        if json {
            if undeployed == nil { try Output.json(report) } else { try Output.json(RemoveOutput(removal: report, undeployed: undeployed)) }
        } else {
            for entry in undeployed?.entries ?? [] {
                Output.line("Undeployed from \(entry.root) (\(entry.profile))" + (entry.kept.isEmpty ? "." : "; kept changed: \(entry.kept.joined(separator: ", "))."))
            }
            Output.line("Removed \(report.artifact) (snapshot \(report.snapshot); 'skillmeat rollback \(report.snapshot)' undoes it).")
        }
    }
}
