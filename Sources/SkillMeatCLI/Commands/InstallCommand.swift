import ArgumentParser
import Foundation
import SkillMeatCore
import SkillMeatPluginAPI
import SkillMeatRegistry

/// `skillmeat install [-c C] [--frozen] [--dry-run]`
struct InstallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Rebuild a collection's files from collection.toml and collection.lock.",
        discussion: """
            Every artifact whose files are missing is fetched at its locked commit (one download per source \
            and commit) and checked against its locked content hash; one that does not match (the upstream \
            changed under the same commit) or cannot be fetched (local origin, repository gone) is reported \
            by name and nothing of it is written. Files already there are left alone. --frozen fails instead \
            of adding anything to the lock. Exit 1 if anything could not be restored.
            """
    ).examples(
        "skillmeat install",
        "skillmeat install -c work --frozen",
        "skillmeat install --dry-run --json"
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var collection: CollectionOptions
    @Flag(help: "Fail instead of changing collection.lock.") var frozen = false
    @Flag(help: "Show what would be fetched and write nothing.") var dryRun = false
    @OptionGroup var github: TokenOption
    @Flag(help: "Print the result as JSON.") var json = false

    func run() async throws {
        let runtime = try global.runtime(pluginSettings: github.pluginSettings)
        let service = try collection.service(runtime)
        let report = try await service.restore(with: runtime.plugins).run(frozen: frozen, dryRun: dryRun)
        if json {
            try Output.json(report)
        } else if report.items.isEmpty {
            Output.line("The collection '\(report.collection)' lists no artifacts.")
        } else {
            Output.table(["ARTIFACT", "STATE", "COMMIT", "DETAIL"], report.items.map {
                [$0.artifact, $0.status.rawValue, String(($0.commit ?? "").prefix(12)), $0.message]
            })
            let restored = report.items.filter { [.restored, .locked, .wouldRestore].contains($0.status) }.count
            let failed = report.failures.count
            Output.status(Output.summary(
                report.dryRun ? "Would restore" : "Restored", done: restored, of: report.items.count,
                [(report.items.count - restored - failed, "already present"), (failed, "failed")]
            ))
        }
        let failures = report.failures
        if !failures.isEmpty {
            throw CommandFailure(
                status: .failure,
                message: json ? "" : "\(failures.count) artifact\(failures.count == 1 ? " was" : "s were") not restored: \(failures.map(\.artifact).joined(separator: ", "))."
            )
        }
    }
}
