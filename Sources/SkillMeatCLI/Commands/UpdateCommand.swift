import ArgumentParser
import Foundation
import SkillMeatCore
import SkillMeatRegistry

/// `skillmeat update [NAME…] [--check] [--dry-run]`
struct UpdateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Bring imported artifacts up to date with their upstream (compared by content hash).",
        discussion: "Rescans each artifact's source once. A snapshot is taken before anything is replaced; a collection copy edited by hand is only replaced with --strategy overwrite."
    ).examples(
        "skillmeat update --check",
        "skillmeat update",
        "skillmeat update skill:pdf --strategy overwrite",
        "skillmeat update --dry-run --json"
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var collection: CollectionOptions
    @Argument(help: "Artifacts to update (default: every artifact).", completion: Completions.artifacts) var names: [String] = []
    @Flag(help: "Only list what changed upstream.") var check = false
    @Flag(help: "Show what would be done without doing it.") var dryRun = false
    @Option(help: "overwrite replaces local edits to the collection copy; skip (default) leaves them.") var strategy: LocalEdits = .skip
    @OptionGroup var github: TokenOption
    @Flag(help: "Print the result as JSON.") var json = false

    func run() async throws {
        let runtime = try global.runtime(pluginSettings: github.pluginSettings)
        let context = try ImportContext(runtime, collection: collection)
        let report = try await context.service.updates.run(names: names, check: check, dryRun: dryRun, overwriteLocal: strategy == .overwrite)
        if json {
            try Output.json(report)
        } else {
            Output.table(["ARTIFACT", "STATE", "DETAIL"], report.items.map { [$0.artifact, $0.status, $0.message] })
            if let snapshot = report.snapshot { Output.line("Snapshot \(snapshot) was taken first.") }
            let count = { (status: String) in report.items.filter { $0.status == status }.count }
            if !report.items.isEmpty {
                Output.status(Output.summary(check || dryRun ? "Checked" : "Updated", done: check || dryRun ? report.items.count - count("not_started") : count("updated"), of: report.items.count, [
                    (count("update_available"), "with an update"), (count("up_to_date"), "up to date"), (count("modified_locally"), "modified locally"),
                    (count("no_upstream"), "without upstream"), (count("failed"), "failed"), (count("not_started"), "not started"),
                ]))
            }
        }
        if report.items.contains(where: { $0.status == "failed" }) { throw CommandFailure(status: .failure, message: "") }
        if report.items.contains(where: { $0.status == "modified_locally" }) { throw CommandFailure(status: .unresolvedConflicts, message: "") }
    }
}

extension UpdateCommand {
    /// What `update` does with a collection copy edited by hand: the two conflict strategies that apply.
    enum LocalEdits: String, CaseIterable, ExpressibleByArgument {
        case skip
        case overwrite
    }
}
