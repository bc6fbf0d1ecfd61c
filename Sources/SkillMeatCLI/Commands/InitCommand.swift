import Foundation
import ArgumentParser
import SkillMeatCore
import SkillMeatRegistry
import SkillMeatStore

/// `skillmeat init`: sets up the home, the default collection and the cache.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Set up $SKILLMEAT_HOME: configuration, the default collection and the cache database."
    ).examples(
        "skillmeat init",
        "skillmeat init -c work            # a collection named work",
        "skillmeat --home /tmp/sm init    # another home"
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: [.customShort("c"), .long], help: "The collection to create (default: the config's collection.default).")
    var collection: String?

    @Flag(help: "Say what would be done and write nothing.")
    var dryRun = false

    @Flag(help: "Print the result as JSON.")
    var json = false

    func run() async throws {
        let runtime = try global.runtime()
        let name = collection ?? runtime.configuration.defaultCollection
        if dryRun {
            try CollectionName.validate(name)
            let exists = CollectionStore(home: runtime.home, name: name).exists
            return Output.line(exists
                ? "SkillMeat is already set up in \(runtime.home.root.path) (collection '\(name)'); nothing would change."
                : "Would set up SkillMeat in \(runtime.home.root.path) with the collection '\(name)' and the cache database; nothing was written.")
        }
        let report = try await HomeSetup.initialize(home: runtime.home, collectionName: name) { () throws(SkillMeatError) -> any StoreBackend in try runtime.openStores() }
        if json {
            try Output.json(report)
            return
        }
        if report.created.isEmpty {
            Output.line("SkillMeat is already set up in \(report.home) (collection '\(report.collection)').")
        } else {
            Output.line("Set up SkillMeat in \(report.home) with the collection '\(report.collection)'.")
        }
        Output.status("Next: skillmeat plugins list, or skillmeat --help for every command.")
    }
}
