import ArgumentParser
import Foundation
import SkillMeatCore
import SkillMeatPluginAPI
import SkillMeatRegistry
import SkillMeatStore

/// `skillmeat source …`
struct SourceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "source",
        abstract: "Manage marketplace sources: repositories SkillMeat scans and catalogues.",
        subcommands: [
            SourceAddCommand.self, SourceListCommand.self, SourceShowCommand.self, SourceUpdateCommand.self,
            SourceRemoveCommand.self, SourceScanCommand.self, SourceRefreshTagsCommand.self, SourceInferCommand.self,
        ]
    ).examples(
        "skillmeat source add anthropics/skills",
        "skillmeat source list",
        "skillmeat source scan --all"
    )

    /// The marketplace of this run, with the cache opened.
    static func marketplace(_ runtime: SkillMeatRuntime) throws -> MarketplaceService {
        MarketplaceService(stores: try runtime.openStores(), plugins: runtime.plugins)
    }

    /// A line for a person: what a scan found and what changed.
    static func describe(_ report: MarketplaceService.ScanReport) -> String {
        var text = "\(report.total) artifact\(report.total == 1 ? "" : "s")"
        if let commit = report.commit { text += " at \(commit.prefix(12))" }
        text += ": \(report.counts.new) new, \(report.counts.updated) updated, \(report.counts.removed) removed, \(report.counts.unchanged) unchanged"
        if report.counts.duplicates > 0 { text += ", \(report.counts.duplicates) duplicate\(report.counts.duplicates == 1 ? "" : "s") excluded" }
        if !report.upstreamChanges.isEmpty { text += "; \(report.upstreamChanges.count) imported artifact(s) changed upstream" }
        if let requests = report.requests { text += " (\(requests.rateLimited) rate-limited request\(requests.rateLimited == 1 ? "" : "s"))" }
        return text + "."
    }

}

struct SourceAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a source and scan it at once.").examples(
        "skillmeat source add anthropics/skills",
        "skillmeat source add https://github.com/owner/repo/tree/main/plugins --name team",
        "skillmeat source add ./local-marketplace --trust trusted",
        "skillmeat source add owner/repo --dry-run"
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "owner/repo[/path][@ref], a GitHub URL, any git URL or a local folder.") var reference: String
    @Option(help: "A branch, tag or commit.") var ref: String?
    @Option(help: "Only catalogue this folder of the source.") var root: String?
    @OptionGroup var manualMap: ManualMapOptions
    @Option(help: "How far the source is trusted.") var trust: TrustLevel = .basic
    @Option(help: "A name for the source (default: from the reference).") var name: String?
    @Option(help: "A description.") var description: String?
    @Option(help: "A tag (repeatable).") var tag: [String] = []
    @Flag(help: "Say what would be done and write nothing.") var dryRun = false
    @OptionGroup var github: TokenOption
    @Flag(help: "Print the result as JSON.") var json = false

    func run() async throws {
        let runtime = try global.runtime(pluginSettings: github.pluginSettings)
        let location = try SourceArgument.reference(reference, ref: nil, root: nil).location
        let request = MarketplaceService.NewSource(
            location: location, ref: ref, root: root, manualMap: manualMap.map, trust: trust, name: name, description: description, tags: tag
        )
        if dryRun {
            let source = try await SourceCommand.marketplace(runtime).newSource(request)
            if json { return try Output.json(source) }
            Output.line("Would add the source '\(source.id)' (\(source.provider ?? "?"), \(source.location)) and scan it; nothing was written.")
            return
        }
        let (source, outcome) = try await SourceCommand.marketplace(runtime).addSource(request)
        if json { try Output.json(SourceScanOutput(source: source, outcome: outcome)) }
        switch outcome {
        case .success(let report):
            if !json {
                Output.line("Added the source '\(source.id)': \(SourceCommand.describe(report))")
                Output.status("Next: skillmeat catalog list --source \(source.id)")
            }
        case .failure(let error):
            throw CommandFailure(
                status: .failure,
                message: "Added the source '\(source.id)' and kept it, but its first scan failed: \(error.description) Rescan it with 'skillmeat source scan \(source.id)' once that is fixed."
            )
        }
    }
}

struct SourceListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the sources.").examples(
        "skillmeat source list",
        "skillmeat source list --json"
    )

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print the list as JSON.") var json = false

    func run() async throws {
        let sources = try await SourceCommand.marketplace(try global.runtime()).sources()
        if json {
            try Output.json(sources)
            return
        }
        if sources.isEmpty {
            Output.line("No sources yet; add one with 'skillmeat source add owner/repo'.")
            return
        }
        Output.table(["ID", "LOCATION", "ARTIFACTS", "LAST SCAN", "STATE"], sources.map {
            [$0.id, $0.location + ($0.ref.map { "@\($0)" } ?? ""), String($0.artifactCount), $0.lastScanAt.map(Timestamp.string) ?? "never", $0.lastError == nil ? "ok" : "error"]
        })
    }
}

struct SourceShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a source and its catalog's counts.").examples(
        "skillmeat source show skills",
        "skillmeat source show skills --json"
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The source id.", completion: Completions.sources) var id: String
    @Flag(help: "Print it as JSON.") var json = false

    func run() async throws {
        let marketplace = try SourceCommand.marketplace(try global.runtime())
        let detail = try await marketplace.detail(id)
        if json { return try Output.json(detail) }
        let (source, counts) = (detail.source, detail.counts)
        Output.line(Output.emphasis(source.id) + " — \(source.name)")
        let fields: [(String, String?)] = [
            ("location", source.location), ("ref", source.ref), ("root", source.root), ("trust", source.trust.rawValue),
            ("description", source.description), ("tags", source.tags.isEmpty ? nil : source.tags.joined(separator: ", ")),
            ("pending tags", source.pendingTags.isEmpty ? nil : source.pendingTags.joined(separator: ", ")),
            ("map", source.manualMap.isEmpty ? nil : source.manualMap.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")),
            ("provider", source.provider), ("last scan", source.lastScanAt.map(Timestamp.string)), ("commit", source.lastCommit), ("last error", source.lastError),
        ]
        for (label, value) in fields {
            if let value { Output.line("  \(label.padding(toLength: 12, withPad: " ", startingAt: 0)) \(value)") }
        }
        Output.line("  by status    " + counts.byStatus.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        Output.line("  by type      " + counts.byType.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
    }
}

struct SourceUpdateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update", abstract: "Change a source's ref, root, map, trust, description, tags or name.",
        discussion: "--map replaces the whole manual map, and its paths must exist in the source; --clear-map removes it."
    ).examples(
        "skillmeat source update skills --ref v2",
        "skillmeat source update skills --map tools/review.md=agent",
        "skillmeat source update skills --accept-pending-tags",
        "skillmeat source update skills --ref v2 --dry-run"
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The source id.", completion: Completions.sources) var id: String
    @Option(help: "A branch, tag or commit ('' for the default branch).") var ref: String?
    @Option(help: "Only catalogue this folder ('' for the whole source).") var root: String?
    @OptionGroup var manualMap: ManualMapOptions
    @Flag(help: "Remove the manual map.") var clearMap = false
    @Option(help: "How far the source is trusted.") var trust: TrustLevel?
    @Option(help: "A description.") var description: String?
    @Option(help: "Tags, replacing the current ones (repeatable).") var tag: [String] = []
    @Flag(help: "Accept the pending tags (GitHub topics) into the tags.") var acceptPendingTags = false
    @Option(help: "A new display name.") var name: String?
    @Flag(help: "Say what would be done and write nothing.") var dryRun = false
    @Flag(help: "Print the source as JSON.") var json = false

    func run() async throws {
        let marketplace = try SourceCommand.marketplace(try global.runtime())
        let source = try await marketplace.updateSource(
            id,
            ref: ref.map { $0.isEmpty ? nil : $0 },
            root: root.map { $0.isEmpty ? nil : $0 },
            manualMap: clearMap ? ManualMap() : (manualMap.entries.isEmpty ? nil : manualMap.map),
            trust: trust,
            description: description.map { $0 },
            tags: tag.isEmpty ? nil : tag,
            name: name,
            acceptPendingTags: acceptPendingTags,
            dryRun: dryRun
        )
        if json {
            try Output.json(source)
        } else if dryRun {
            Output.line("Would update '\(source.id)' (ref \(source.ref ?? "default"), root \(source.root ?? "whole source"), trust \(source.trust.rawValue)); nothing was written.")
        } else {
            Output.line("Updated '\(source.id)'. Rescan it with 'skillmeat source scan \(source.id)' to apply a new ref, root or map.")
        }
    }
}

struct SourceRemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a source and its catalog (imported artifacts stay in the collection).").examples(
        "skillmeat source remove skills",
        "skillmeat source remove skills --dry-run"
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The source id.", completion: Completions.sources) var id: String
    @Flag(help: "Say what would be done and write nothing.") var dryRun = false

    func run() async throws {
        let marketplace = try SourceCommand.marketplace(try global.runtime())
        let source = try await marketplace.requireSource(id)
        if dryRun {
            let counts = try await marketplace.counts(sourceID: source.id)
            let total = counts.byStatus.values.reduce(0, +)
            Output.line("Would remove the source '\(source.id)' and its catalog of \(total) entr\(total == 1 ? "y" : "ies") (imported artifacts stay); nothing was written.")
            return
        }
        try await marketplace.removeSource(source.id)
        Output.line("Removed the source '\(source.id)' and its catalog.")
    }
}

struct SourceScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "scan", abstract: "Rescan a source (or every source) and update its catalog.").examples(
        "skillmeat source scan skills",
        "skillmeat source scan --all",
        "skillmeat source scan skills --json"
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The source id.", completion: Completions.sources) var id: String?
    @Flag(help: "Rescan every source; one failure does not stop the others.") var all = false
    @OptionGroup var github: TokenOption
    @Flag(help: "Print the results as JSON.") var json = false

    func validate() throws {
        if (id == nil) == !all { throw ValidationError("Give a source id or --all.") }
    }

    func run() async throws {
        let runtime = try global.runtime(pluginSettings: github.pluginSettings)
        let marketplace = try SourceCommand.marketplace(runtime)
        let ids = all ? nil : [try await marketplace.requireSource(id!).id]
        let batch = try await marketplace.scan(of: ids)
        var outputs: [SourceScanOutput] = []
        for result in batch.results {
            if let output = result.outcome {
                outputs.append(output)
                if !json, let report = output.scan { Output.line("\(result.sourceID): \(SourceCommand.describe(report))") }
            } else {
                let error = result.error ?? "not scanned"
                if let source = try? await marketplace.requireSource(result.sourceID) {
                    outputs.append(SourceScanOutput(source: source, scan: nil, error: error))
                }
                if !json { CLIContext.current.output.write("error: \(result.sourceID): \(error)\n", to: .standardError) }
            }
        }
        if json { try Output.json(ScanOutputs(items: outputs, single: !all)) }
        let failed = batch.failed + batch.skipped
        if all, !json {
            Output.status(Output.summary("Scanned", done: batch.results.count - failed, of: batch.results.count, [(batch.failed, "failed"), (batch.skipped, "skipped")]))
        }
        if failed > 0 {
            let skipped = batch.skipped > 0 ? " (\(batch.skipped) not tried after a rate limit)" : ""
            throw CommandFailure(status: .failure, message: all ? "\(failed) of \(batch.results.count) sources failed to scan\(skipped)." : "")
        }
    }
}

/// Prints one object for one source and an array for `--all`.
struct ScanOutputs: Encodable {
    var items: [SourceScanOutput]
    var single: Bool
    func encode(to encoder: any Encoder) throws {
        if single, items.count == 1 {
            try items[0].encode(to: encoder)
        } else {
            var container = encoder.unkeyedContainer()
            for item in items { try container.encode(item) }
        }
    }
}

struct SourceRefreshTagsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refresh-tags",
        abstract: "Fetch the tags a source suggests (GitHub topics) as pending tags; accept them with 'source update --accept-pending-tags'."
    ).examples(
        "skillmeat source refresh-tags skills",
        "skillmeat source refresh-tags --all --json"
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The source id.", completion: Completions.sources) var id: String?
    @Flag(help: "Every source; one failure does not stop the others.") var all = false
    @Flag(help: "Print the sources as JSON.") var json = false

    func run() async throws {
        let marketplace = try SourceCommand.marketplace(try global.runtime())
        guard id != nil || all else { throw ValidationError("Give a source id or --all.") }
        let batch = try await marketplace.refreshTags(of: all ? nil : [id!])
        for result in batch.results {
            if let error = result.error {
                CLIContext.current.output.write("error: \(result.sourceID): \(error)\n", to: .standardError)
            } else if !json, let refresh = result.outcome {
                let pending = refresh.source.pendingTags
                Output.line(
                    "\(result.sourceID): \(refresh.tagsFound) found, \(refresh.tagsAdded) added; pending tags \(pending.isEmpty ? "none" : pending.joined(separator: ", "))"
                )
            }
        }
        if json { try Output.json(batch) }
        if batch.results.contains(where: { !$0.success }) { throw CommandFailure(status: .failure, message: "") }
    }
}

struct SourceInferCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "infer",
        abstract: "Show which provider reads a URL or reference and the location, ref, root and name it takes from it (nothing is fetched)."
    ).examples(
        "skillmeat source infer https://github.com/owner/repo/tree/main/plugins",
        "skillmeat source infer owner/repo@v1 --json"
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "owner/repo[/path][@ref], a GitHub URL, any git URL or a local folder.") var reference: String
    @Flag(help: "Print the result as JSON.") var json = false

    func run() async throws {
        let location = try SourceArgument.reference(reference, ref: nil, root: nil).location
        let inferred = try SourceCommand.marketplace(try global.runtime()).infer(location)
        if json {
            try Output.json(inferred)
            return
        }
        let fields: [(String, String?)] = [
            ("provider", inferred.provider), ("location", inferred.location), ("ref", inferred.ref), ("root", inferred.root), ("name", inferred.suggestedName),
        ]
        for (label, value) in fields {
            if let value { Output.line("\(label.padding(toLength: 9, withPad: " ", startingAt: 0)) \(value)") }
        }
    }
}
