import ArgumentParser
import Foundation
import SkillMeatCore
import SkillMeatPluginAPI
import SkillMeatRegistry

/// `skillmeat collection …`
struct CollectionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collection",
        abstract: "Manage collections: list, create, use, remove, refresh from upstream.",
        subcommands: [
            CollectionListCommand.self, CollectionCreateCommand.self, CollectionUseCommand.self, CollectionRemoveCommand.self, CollectionRefreshCommand.self,
        ],
        defaultSubcommand: CollectionListCommand.self
    ).examples(
        "skillmeat collection",
        "skillmeat collection create work",
        "skillmeat collection use work"
    )
}

struct CollectionListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the collections; the active one is marked.").examples(
        "skillmeat collection list",
        "skillmeat collection list --json"
    )

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print the list as JSON.") var json = false

    func run() async throws {
        let runtime = try global.runtime()
        let active = runtime.configuration.defaultCollection
        let summaries = try await CollectionService.summaries(in: runtime.home, stores: runtime.openStores(), active: active)
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
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create an empty collection.").examples(
        "skillmeat collection create work",
        "skillmeat collection create work --dry-run"
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Its name: letters, digits, '-', '_' or '.'.") var name: String
    @Flag(help: "Say what would be done and write nothing.") var dryRun = false

    func run() async throws {
        let runtime = try global.runtime()
        let store = CollectionStore(home: runtime.home, name: name)
        if store.exists { throw SkillMeatError.conflict("The collection '\(name)' already exists.") }
        if dryRun {
            try CollectionName.validate(name)
            return Output.line("Would create the collection '\(name)' in \(store.directory.path); nothing was written.")
        }
        try store.create()
        Output.line("Created the collection '\(name)'. Make it the default with 'skillmeat collection use \(name)'.")
    }
}

struct CollectionUseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "use", abstract: "Make a collection the default (collection.default in config.toml).").examples(
        "skillmeat collection use work",
        "skillmeat collection use work --dry-run"
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The collection.", completion: Completions.collections) var name: String
    @Flag(help: "Say what would be done and write nothing.") var dryRun = false

    func run() async throws {
        let runtime = try global.runtime()
        try CollectionStore(home: runtime.home, name: name).requireExists()
        if dryRun { return Output.line("Would make '\(name)' the default collection (collection.default in config.toml); nothing was written.") }
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
    ).examples(
        "skillmeat collection remove old",
        "skillmeat collection remove work --force",
        "skillmeat collection remove old --dry-run"
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The collection.", completion: Completions.collections) var name: String
    @Flag(help: "Remove it even when it is the default collection.") var force = false
    @Flag(help: "Say what would be done and write nothing.") var dryRun = false
    @Flag(help: "Print the result as JSON.") var json = false

    func run() async throws {
        let runtime = try global.runtime()
        // Core refuses the default collection too; here the refusal names the commands that resolve it.
        if name == runtime.configuration.defaultCollection, !force, CollectionStore(home: runtime.home, name: name).exists {
            throw SkillMeatError.invalidArgument("'\(name)' is the default collection; switch with 'skillmeat collection use OTHER' or pass --force.")
        }
        if dryRun {
            let store = CollectionStore(home: runtime.home, name: name)
            try store.requireExists()
            let count = try store.read().manifest.artifacts.count
            return Output.line("Would remove the collection '\(name)' and its \(count) artifact\(count == 1 ? "" : "s"), keeping a snapshot; nothing was written.")
        }
        let report = try await runtime.home.collectionRemoval(stores: runtime.openStores())
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

/// `skillmeat collection refresh [COLLECTION]`: the upstream refresh (seed 002).
struct CollectionRefreshCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refresh",
        abstract: "Refresh imported artifacts' metadata (or, with --sync, their files too) from their sources.",
        discussion: """
            Rescans each source once. By default the manifest's metadata (description, tags, author, license, version, title, tools) is \
            rewritten from upstream's frontmatter and no file is touched; --check only reports, --sync also updates the files as \
            'skillmeat update' does. A snapshot is taken before anything is written; --rollback restores the newest one.
            """
    ).examples(
        "skillmeat collection refresh --check",
        "skillmeat collection refresh work --type skill",
        "skillmeat collection refresh --sync --yes",
        "skillmeat collection refresh --dry-run"
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The collection (default: the config's collection.default).") var collection: String?
    @Flag(help: "Show what would change without writing anything.") var dryRun = false
    @Flag(help: "Only report what differs from upstream (check_only).") var check = false
    @Flag(help: "Rewrite the metadata only, no files (the default).") var metadataOnly = false
    @Flag(help: "Also update the files from upstream (sync).") var sync = false
    @Option(name: [.customShort("t"), .long], help: "Only artifacts of this type.") var type: ArtifactType?
    @Option(name: [.customShort("n"), .long], help: "Only artifacts whose name matches this pattern (*, ?, [...]).") var name: String?
    @Option(help: "Only these fields, comma-separated: \(UpstreamRefresh.Field.allCases.map(\.rawValue).joined(separator: ", ")).")
    var fields: String?
    @Flag(help: "Restore the snapshot the last refresh took instead of refreshing.") var rollback = false
    @Option(help: "With --rollback: the snapshot to restore (default: the newest a refresh took).") var snapshot: String?
    @Flag(name: [.customShort("y"), .long], help: "Do not ask before a rollback or a sync.") var yes = false
    @OptionGroup var github: TokenOption
    @Flag(help: "Print the result as JSON.") var json = false

    func validate() throws {
        if [check, metadataOnly, sync].filter({ $0 }).count > 1 { throw ValidationError("Give at most one of --check, --metadata-only and --sync.") }
        if rollback, check || sync || dryRun || type != nil || name != nil || fields != nil {
            throw ValidationError("--rollback takes only --snapshot and -y.")
        }
        if snapshot != nil, !rollback { throw ValidationError("--snapshot goes with --rollback.") }
        _ = try chosenFields()
    }

    func chosenFields() throws -> [UpstreamRefresh.Field] {
        try (fields ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.map { text in
            guard let field = UpstreamRefresh.Field(rawValue: text) else {
                throw ValidationError("'\(text)' is not a field; use \(UpstreamRefresh.Field.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            return field
        }
    }

    var mode: UpstreamRefresh.Mode { check ? .checkOnly : sync ? .sync : .metadataOnly }

    func run() async throws {
        let runtime = try global.runtime(pluginSettings: github.pluginSettings)
        var options = CollectionOptions()
        options.collection = collection
        let refresh = try ImportContext(runtime, collection: options).service.upstreamRefresh
        let target = refresh.imports.collection.store.name
        if rollback {
            try confirm("Restore '\(target)' from \(snapshot.map { "the snapshot \($0)" } ?? "the snapshot the last refresh took")?")
            let report = try await refresh.rollback(snapshotID: snapshot)
            if json { return try Output.json(report) }
            let what = report.scope == .manifest ? "the artifacts' metadata and tags" : "the collection"
            Output.line("Restored \(what) from the snapshot \(report.snapshotID); the state before is the snapshot \(report.safetySnapshotID).")
            return
        }
        if mode == .sync, !dryRun { try confirm("Replace the files of artifacts that changed upstream in '\(target)'?") }
        let report = try await refresh.run(UpstreamRefresh.Request(mode: mode, type: type, nameGlob: name, fields: try chosenFields(), dryRun: dryRun))
        if json {
            try Output.json(report)
        } else {
            Self.show(report)
        }
        if !report.errors.isEmpty { throw CommandFailure(status: .failure, message: "") }
    }

    /// Asks first unless -y; without a terminal to ask on, refuses (exit 3).
    func confirm(_ question: String) throws {
        if yes { return }
        guard let ask = CLIContext.current.confirm else {
            throw CommandFailure(status: .unresolvedConflicts, message: "Nothing was changed: there is no terminal to ask on; pass -y to go ahead.")
        }
        guard ask(question) else { throw CommandFailure(status: .unresolvedConflicts, message: "Nothing was changed.") }
    }

    static func show(_ report: UpstreamRefresh.Report) {
        if !report.changes.isEmpty {
            Output.table(["ARTIFACT", "FIELD", "OLD", "NEW"], report.changes.map { [$0.artifactID, $0.field.rawValue, words($0.old), words($0.new)] })
        }
        for item in report.updates ?? [] where item.status != "up_to_date" {
            Output.line("\(item.artifact): files \(item.status.replacingOccurrences(of: "_", with: " ")): \(item.message)")
        }
        for problem in report.errors {
            CLIContext.current.output.write("error: \(problem.artifactID): \(problem.error)\n", to: .standardError)
        }
        let would = report.mode == .checkOnly || report.dryRun
        Output.line(
            "\(report.refreshedCount) \(would ? "would be refreshed" : "refreshed"), \(report.unchangedCount) unchanged, "
                + "\(report.skipped.count) skipped (no upstream), \(report.errors.count) failed."
                + (report.snapshotID.map { " Snapshot \($0) was taken first; 'skillmeat collection refresh --rollback' restores it." } ?? "")
        )
    }

    static func words(_ value: JSONValue) -> String {
        switch value {
        case .null: "—"
        case .array(let items): items.map { $0.stringValue ?? "\($0)" }.joined(separator: ", ")
        default: value.stringValue ?? "\(value)"
        }
    }
}
