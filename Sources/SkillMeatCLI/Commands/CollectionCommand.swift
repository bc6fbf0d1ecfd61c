import ArgumentParser
import Foundation
import SkillMeatCore
import SkillMeatCache
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

struct CollectionSummary: Encodable {
    var name: String
    var active: Bool
    var artifacts: Int
    var path: String
}

struct CollectionListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the collections; the active one is marked.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print the list as JSON.") var json = false

    func run() async throws {
        let runtime = try global.runtime()
        let active = runtime.configuration.defaultCollection
        let summaries = try CollectionStore.names(in: runtime.home).map { name -> CollectionSummary in
            let store = CollectionStore(home: runtime.home, name: name)
            let count = (try? store.read().manifest.artifacts.count) ?? 0
            return CollectionSummary(name: name, active: name == active, artifacts: count, path: store.directory.path)
        }
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
        abstract: "Delete a collection and its artifacts (a snapshot is kept under snapshots/)."
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The collection.") var name: String
    @Flag(help: "Remove it even when it is the default collection.") var force = false

    func run() async throws {
        let runtime = try global.runtime()
        let store = CollectionStore(home: runtime.home, name: name)
        try store.requireExists()
        if name == runtime.configuration.defaultCollection, !force {
            throw SkillMeatError.invalidArgument("'\(name)' is the default collection; switch with 'skillmeat collection use OTHER' or pass --force.")
        }
        let snapshot = try await SnapshotStore(store: store).create(message: "before removing the collection", automatic: true)
        // Rename first so a half-finished delete never leaves a collection that looks whole.
        let doomed = runtime.home.collectionsDirectory.appending(path: ".removed-\(UUID().uuidString)")
        do {
            try FileManager.default.moveItem(at: store.directory, to: doomed)
        } catch {
            throw SkillMeatError.io(store.directory, error)
        }
        try? FileManager.default.removeItem(at: doomed)
        try CollectionService.openCache(runtime.home).collectionStore.deleteCollection(name)
        Output.line("Removed the collection '\(name)' (snapshot \(snapshot.id) kept in \(runtime.home.snapshotsDirectory.path)/\(name)).")
    }
}
