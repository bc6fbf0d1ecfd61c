import ArgumentParser
import Foundation
import SkillMeatCore
import SkillMeatPluginAPI
import SkillMeatRegistry
import SkillMeatStore

/// The collection and marketplace of one run, for the commands that use both.
struct ImportContext {
    let marketplace: MarketplaceService
    let service: ImportService

    init(_ runtime: SkillMeatRuntime, collection: CollectionOptions) throws {
        let stores = try runtime.openStores()
        marketplace = MarketplaceService(stores: stores, plugins: runtime.plugins)
        service = ImportService(
            marketplace: marketplace,
            collection: try collection.service(runtime, stores: stores),
            userHome: CLIContext.current.userHome
        )
    }
}

/// `skillmeat import ENTRY…` and `skillmeat import --source S --all`
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import catalog entries into a collection (ids, unique id prefixes or SOURCE:PATH).",
        discussion: "Each entry is fetched, checked and installed on its own: one failure leaves the others imported. Exit 1 if any failed, 3 if any was skipped."
    ).examples(
        "skillmeat import 3fa1c2                   # an entry id or unique prefix",
        "skillmeat import examples:skills/pdf",
        "skillmeat import --source examples --all",
        "skillmeat import --source examples --all --type skill --min-confidence 80",
        "skillmeat import --source examples --all --dry-run"
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var collection: CollectionOptions
    @Argument(help: "Catalog entries.") var entries: [String] = []
    @Option(help: "With --all: the source to import from.", completion: Completions.sources) var source: String?
    @Flag(help: "Import every new or updated entry of --source.") var all = false
    @Option(help: "With --all: only this type.") var type: ArtifactType?
    @Option(help: "With --all: only entries at least this confident (0–100; default \(DetectionConfidence.importDefault)).")
    var minConfidence: Int = DetectionConfidence.importDefault
    @Option(help: "What to do when a name is taken.") var strategy: ConflictStrategyName = .skip
    @Flag(help: "Say what would be done and write nothing.") var dryRun = false
    @OptionGroup var github: TokenOption
    @Flag(help: "Print the results as JSON.") var json = false

    func validate() throws {
        if all, source == nil { throw ValidationError("--all needs --source.") }
        if !all, entries.isEmpty { throw ValidationError("Name the entries to import, or use --source S --all.") }
        if all, !entries.isEmpty { throw ValidationError("Give entries or --all, not both.") }
        if !(0...100).contains(minConfidence) { throw ValidationError("--min-confidence is 0 to 100.") }
    }

    func run() async throws {
        let runtime = try global.runtime(pluginSettings: github.pluginSettings)
        let context = try ImportContext(runtime, collection: collection)
        if dryRun {
            let plan = all
                ? try await context.service.planAll(source: source!, type: type, minConfidence: minConfidence, strategy: strategy)
                : try await context.service.plan(entries, strategy: strategy)
            if json { return try Output.json(plan) }
            if plan.results.isEmpty { Output.line("Nothing to import.") }
            Output.table(["ENTRY", "WOULD", "ARTIFACT", "DETAIL"], plan.results.map {
                [String($0.entryID.prefix(10)), $0.status.replacingOccurrences(of: "would_", with: ""), $0.artifactID ?? "", $0.message]
            })
            let count = { (status: String) in plan.results.filter { $0.status == status }.count }
            Output.line(Output.summary(
                "Would import", done: plan.results.count - count("would_skip") - count("failed"), of: plan.results.count,
                [(count("would_skip"), "would be skipped"), (count("failed"), "failed")]
            ) + "; nothing was written.")
            return
        }
        let batch = all
            ? try await context.service.importAll(source: source!, type: type, minConfidence: minConfidence, strategy: strategy)
            : try await context.service.importEntries(entries, strategy: strategy)
        if json {
            try Output.json(batch)
        } else {
            if batch.results.isEmpty { Output.line("Nothing to import.") }
            Output.table(["ENTRY", "RESULT", "ARTIFACT", "DETAIL"], batch.results.map {
                [String($0.entryID.prefix(10)), $0.status, $0.artifactID ?? "", $0.message]
            })
            if !batch.results.isEmpty {
                Output.status(Output.summary(
                    "Imported", done: batch.results.filter(\.success).count, of: batch.results.count,
                    [(batch.skipped, "skipped"), (batch.failed, "failed"), (batch.notStarted, "not started")]
                ))
            }
        }
        if batch.failed > 0 {
            throw CommandFailure(status: .failure, message: "\(batch.failed) of \(batch.results.count) entries failed.")
        }
        if batch.skipped > 0 { throw CommandFailure(status: .unresolvedConflicts, message: "") }
    }
}

/// `skillmeat reimport ENTRY [--keep-deployments]`
struct ReimportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reimport",
        abstract: "Replace an imported artifact from upstream, whatever state the collection copy is in."
    ).examples(
        "skillmeat reimport examples:skills/pdf",
        "skillmeat reimport 3fa1c2 --keep-deployments",
        "skillmeat reimport 3fa1c2 --dry-run"
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var collection: CollectionOptions
    @Argument(help: "The catalog entry (id, prefix or SOURCE:PATH).") var entry: String
    @Flag(help: "Keep its deployment records (in-sync deployed copies are refreshed).") var keepDeployments = false
    @Flag(help: "Say what would be done and write nothing.") var dryRun = false
    @OptionGroup var github: TokenOption
    @Flag(help: "Print the result as JSON.") var json = false

    func run() async throws {
        let runtime = try global.runtime(pluginSettings: github.pluginSettings)
        if dryRun {
            let context = try ImportContext(runtime, collection: collection)
            let record = try await context.marketplace.entry(entry)
            guard let artifact = record.importedAs else {
                throw SkillMeatError.invalidArgument("The entry '\(record.id)' has not been imported; import it first.", hint: .importEntry(id: record.id))
            }
            let kept = keepDeployments ? "its in-sync deployed copies would be refreshed" : "its deployments would stay as they are, still tracked"
            Output.line("Would re-import \(artifact) from \(record.upstreamURL ?? record.sourceID); \(kept). Nothing was written.")
            return
        }
        let result = try await ImportContext(runtime, collection: collection).service.reimport(entry, keepDeployments: keepDeployments)
        if json { try Output.json(result) } else { Output.line(result.message) }
        if !result.success { throw CommandFailure(status: .failure, message: result.message) }
    }
}
