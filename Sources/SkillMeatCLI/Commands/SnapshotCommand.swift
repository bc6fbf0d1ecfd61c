import Foundation
import ArgumentParser
import SkillMeatCore
import SkillMeatRegistry

/// `skillmeat snapshot [MESSAGE]` and `skillmeat snapshot list`
struct SnapshotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Archive a collection (the last 10 snapshots are kept), or list its snapshots.",
        subcommands: [SnapshotCreateCommand.self, SnapshotListCommand.self],
        defaultSubcommand: SnapshotCreateCommand.self
    ).examples(
        "skillmeat snapshot \"before the upgrade\"",
        "skillmeat snapshot list"
    )
}

struct SnapshotCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Take a snapshot now.").examples(
        "skillmeat snapshot \"before the upgrade\"",
        "skillmeat snapshot create -c work --json",
        "skillmeat snapshot --dry-run"
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var collection: CollectionOptions
    @Argument(help: "What the snapshot is for.") var message: String?
    @Flag(help: "Say what would be done and write nothing.") var dryRun = false
    @Flag(help: "Print the snapshot as JSON.") var json = false

    func run() async throws {
        let runtime = try global.runtime()
        let store = CollectionStore(home: runtime.home, name: collection.name(runtime))
        if dryRun {
            try store.requireExists()
            return Output.line("Would archive '\(store.name)' into \(runtime.home.snapshotsDirectory.path)/\(store.name) (the newest 10 are kept); nothing was written.")
        }
        let snapshot = try await SnapshotStore(store: store).create(message: message ?? "manual snapshot", automatic: false)
        if json {
            try Output.json(snapshot)
        } else {
            Output.line("Snapshot \(snapshot.id) of '\(store.name)' (\(snapshot.bytes) bytes).")
        }
    }
}

struct SnapshotListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List a collection's snapshots, newest first.").examples(
        "skillmeat snapshot list",
        "skillmeat snapshot list -c work --json"
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var collection: CollectionOptions
    @Flag(help: "Print the list as JSON.") var json = false

    func run() async throws {
        let runtime = try global.runtime()
        let store = CollectionStore(home: runtime.home, name: collection.name(runtime))
        try store.requireExists()
        let snapshots = try SnapshotStore(store: store).list()
        if json {
            try Output.json(snapshots)
            return
        }
        if snapshots.isEmpty {
            Output.line("No snapshots of '\(store.name)' yet.")
            return
        }
        Output.table(["ID", "CREATED", "KIND", "MESSAGE"], snapshots.map { [$0.id, $0.created, $0.automatic ? "auto" : "manual", $0.message] })
    }
}

/// `skillmeat rollback ID`
struct RollbackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback",
        abstract: "Restore a collection from a snapshot (the current state is snapshotted first)."
    ).examples(
        "skillmeat rollback 20261203-0712",
        "skillmeat rollback 2026 -c work --dry-run"
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var collection: CollectionOptions
    @Argument(help: "The snapshot id, or a unique prefix of it.") var id: String
    @Flag(help: "Say what would be done and write nothing.") var dryRun = false

    func run() async throws {
        let runtime = try global.runtime()
        let service = try collection.service(runtime)
        if dryRun {
            let snapshot = try SnapshotStore(store: service.store).snapshot(id)
            return Output.line("Would restore '\(service.store.name)' to snapshot \(snapshot.id), snapshotting its current state first; nothing was written.")
        }
        let result = try await SnapshotStore(store: service.store).rollback(to: id)
        try await service.cache.rebuild()
        Output.line("Restored '\(service.store.name)' to snapshot \(result.restored.id); the state before is snapshot \(result.safety.id).")
    }
}
