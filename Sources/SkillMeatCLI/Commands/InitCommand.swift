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
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: [.customShort("c"), .long], help: "The collection to create (default: the config's collection.default).")
    var collection: String?

    @Flag(help: "Print the result as JSON.")
    var json = false

    func run() async throws {
        let runtime = try global.runtime()
        let name = collection ?? runtime.configuration.defaultCollection
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
        Output.line("Next: skillmeat plugins list, or skillmeat --help for every command.")
    }
}
