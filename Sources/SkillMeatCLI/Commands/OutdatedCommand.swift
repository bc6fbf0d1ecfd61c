import ArgumentParser
import Foundation
import SkillMeatCore
import SkillMeatPluginAPI
import SkillMeatRegistry

/// `skillmeat outdated [--project P | -c C] [--json]`
struct OutdatedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outdated",
        abstract: "Show what is behind, by content hash: the collection against upstream, projects against the collection.",
        discussion: """
            Upstream is as the catalog's last scan saw it (no network is used; 'skillmeat source scan --all' \
            refreshes it). With --project only that project's deployments are compared with the collection; \
            with -c only the collection with upstream; with neither, both, for every known project.
            """
    ).examples(
        "skillmeat outdated",
        "skillmeat outdated --project ~/code/app --json"
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var collection: CollectionOptions
    @Option(help: "Only this project's deployments against the collection.") var project: String?
    @Flag(help: "Print the report as JSON.") var json = false

    func run() async throws {
        let runtime = try global.runtime()
        let stores = try runtime.openStores()
        let service = try collection.service(runtime, stores: stores)
        let projectURL = project.map(CLIContext.current.url(of:))
        let request = OutdatedCheck.Request(
            upstream: project == nil,
            projects: projectURL.map { [$0] } ?? (collection.collection == nil ? nil : [])
        )
        let report = try await service.outdated(against: stores.sources).run(request)
        if json {
            try Output.json(report)
            return
        }
        if report.items.isEmpty {
            Output.line("Nothing is behind.")
        } else {
            Output.table(["ARTIFACT", "BEHIND", "WHERE", "STATE", "UPDATE WITH"], report.items.map { item in
                let behind = item.kind == .collectionVsUpstream ? "upstream" : "collection"
                let place = item.kind == .collectionVsUpstream
                    ? "collection \(item.collection) (source \(item.sourceID ?? "?"))"
                    : "\(item.projectPath ?? "?") (\(item.profile ?? "?"))"
                return [item.artifact.description, behind, place, item.state, item.hint.command]
            })
        }
        for catalog in report.catalogs {
            let age = catalog.ageSeconds.map { "scanned \(Self.describe(seconds: $0)) ago" } ?? "never scanned"
            Output.line("Upstream data for source '\(catalog.sourceID)': \(age) (no network was used; 'skillmeat source scan \(catalog.sourceID)' refreshes it).")
        }
    }

    /// `3 h`, `2 d`: how long ago, in the largest whole unit.
    static func describe(seconds: Int) -> String {
        switch seconds {
        case ..<60: "\(seconds) s"
        case ..<3_600: "\(seconds / 60) min"
        case ..<86_400: "\(seconds / 3_600) h"
        default: "\(seconds / 86_400) d"
        }
    }
}
