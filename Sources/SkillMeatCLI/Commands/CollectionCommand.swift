import ArgumentParser
import Foundation
import SkillMeatCore
import SkillMeatRegistry

/// `skillmeat collection …`
struct CollectionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collection",
        abstract: "Manage collections: list, create, use, remove.",
        subcommands: [CollectionListCommand.self, CollectionCreateCommand.self, CollectionUseCommand.self, CollectionRemoveCommand.self],
        defaultSubcommand: CollectionListCommand.self
    )
}

struct CollectionListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the collections; the active one is marked.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print the list as JSON.") var json = false

    func run() async throws {
        let runtime = try global.runtime()
        let active = runtime.configuration.defaultCollection
        let summaries = try CollectionStore.summaries(in: runtime.home, active: active)
        if json {
            try Output.json(summaries)
            return
        }
        if summaries.isEmpty {
            Output.line("No collections yet; run 'skillmeat init'.")
            return
        }
        Output.table(["", "NAME", "ARTIFACTS", "PATH"], summaries.map { [$0.active ? "*" : "", $0.name, String($0.artifacts), $0.path] })
    }
}

struct CollectionCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create an empty collection.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Its name: letters, digits, '-', '_' or '.'.") var name: String

    func run() async throws {
        let runtime = try global.runtime()
        let store = CollectionStore(home: runtime.home, name: name)
        if store.exists { throw SkillMeatError.conflict("The collection '\(name)' already exists.") }
        try store.create()
        Output.line("Created the collection '\(name)'. Make it the default with 'skillmeat collection use \(name)'.")
    }
}

struct CollectionUseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "use", abstract: "Make a collection the default (collection.default in config.toml).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The collection.") var name: String

    func run() async throws {
        let runtime = try global.runtime()
        try CollectionStore(home: runtime.home, name: name).requireExists()
        try ConfigurationEditor(home: runtime.home).set(
            ConfigKeyPath(["collection", "default"]), to: TOMLCodec.quote(name), environment: runtime.environment, validate: { _ in }
        )
        Output.line("Now using the collection '\(name)'.")
    }
}

struct CollectionRemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Delete a collection and its artifacts (a snapshot is kept under snapshots/); its catalog entries can be imported again."
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The collection.") var name: String
    @Flag(help: "Remove it even when it is the default collection.") var force = false
    @Flag(help: "Print the result as JSON.") var json = false

    func run() async throws {
        let runtime = try global.runtime()
        // Core refuses the default collection too; here the refusal names the commands that resolve it.
        if name == runtime.configuration.defaultCollection, !force, CollectionStore(home: runtime.home, name: name).exists {
            throw SkillMeatError.invalidArgument("'\(name)' is the default collection; switch with 'skillmeat collection use OTHER' or pass --force.")
        }
        let report = try await CollectionRemoval(home: runtime.home, stores: runtime.openStores())
            .run(name, defaultCollection: runtime.configuration.defaultCollection, force: force)
        if json {
            try Output.json(report)
            return
        }
        Output.line(
            "Removed the collection '\(name)' (snapshot \(report.snapshot) kept in \(runtime.home.snapshotsDirectory.path)/\(name))"
                + (report.catalogEntriesReset == 0 ? "." : "; \(report.catalogEntriesReset) catalog entr\(report.catalogEntriesReset == 1 ? "y" : "ies") can be imported again.")
        )
    }
}
