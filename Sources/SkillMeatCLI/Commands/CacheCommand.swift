import Foundation
import ArgumentParser
import SkillMeatCore
import SkillMeatRegistry
import SkillMeatPluginAPI
import SkillMeatStore

/// `skillmeat cache …`
struct CacheCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "Inspect and rebuild the SQLite cache of the collections.",
        subcommands: [CacheRebuildCommand.self, CacheRefreshCommand.self, CacheStatsCommand.self]
    ).examples(
        "skillmeat cache rebuild --all",
        "skillmeat cache stats"
    )
}

struct CacheRebuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rebuild", abstract: "Rebuild the cache rows from the collection files and sources.toml (a damaged database is moved aside first).").examples(
        "skillmeat cache rebuild",
        "skillmeat cache rebuild --all",
        "skillmeat cache rebuild --all --dry-run"
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var collection: CollectionOptions
    @Flag(help: "Rebuild every collection.") var all = false
    @Flag(help: "Say what would be done and write nothing.") var dryRun = false
    @Flag(help: "Print the result as JSON.") var json = false

    func run() async throws {
        let runtime = try global.runtime()
        if dryRun {
            let names = all ? try CollectionService.collectionNames(runtime.home) : [collection.name(runtime)]
            for name in names {
                let count = (try? CollectionStore(home: runtime.home, name: name).read().manifest.artifacts.count) ?? 0
                Output.line("Would rebuild '\(name)': \(count) artifacts from its files (and the sources from sources.toml); nothing was written.")
            }
            return
        }
        // Every page is checked: a damaged database is moved aside and this rebuild fills a new one.
        let counts = try await CollectionService.rebuild(home: runtime.home, stores: runtime.openStores(verify: true), names: all ? nil : [collection.name(runtime)])
        if json {
            try Output.json(counts)
        } else {
            for name in counts.keys.sorted() { Output.line("Rebuilt '\(name)': \(counts[name] ?? 0) artifacts.") }
            if counts.count > 1 {
                Output.status("Rebuilt \(Output.count(counts.count)) collections, \(Output.count(counts.values.reduce(0, +))) artifacts.")
            }
        }
    }
}

struct CacheRefreshCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refresh",
        abstract: "Re-read artifacts' metadata and hashes from their files (deployments are not touched)."
    ).examples(
        "skillmeat cache refresh",
        "skillmeat cache refresh skill:pdf",
        "skillmeat cache refresh --dry-run"
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var collection: CollectionOptions
    @Argument(help: "Only this artifact.", completion: Completions.artifacts) var name: String?
    @Option(help: "Its type, when several artifacts share the name.") var type: ArtifactType?
    @Flag(help: "Say what would be done and write nothing.") var dryRun = false
    @Flag(help: "Print the result as JSON.") var json = false

    func run() async throws {
        let runtime = try global.runtime()
        if dryRun {
            let store = CollectionStore(home: runtime.home, name: collection.name(runtime))
            let count = try name.map { _ in 1 } ?? store.read().manifest.artifacts.count
            if let name { _ = try await collection.service(runtime).find(name, type: type) }
            return Output.line("Would re-read the metadata and hashes of \(count) artifact\(count == 1 ? "" : "s") in '\(store.name)'; nothing was written.")
        }
        let refreshed = try await collection.service(runtime).refresh(name, type: type)
        if json {
            try Output.json(refreshed)
        } else {
            Output.line("Refreshed \(refreshed.count) artifact\(refreshed.count == 1 ? "" : "s").")
        }
    }
}

struct CacheStatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stats", abstract: "Show the cache's size and rows per collection.").examples(
        "skillmeat cache stats",
        "skillmeat cache stats --json"
    )

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print the statistics as JSON.") var json = false

    func run() async throws {
        let runtime = try global.runtime()
        let output = try await CacheStatsOutput(stores: runtime.openStores())
        if json {
            try Output.json(output)
            return
        }
        Output.line("database: \(output.databasePath) (\(output.databaseBytes) bytes)")
        Output.table(["COLLECTION", "ARTIFACTS", "LAST SYNC"], output.artifactsByCollection.keys.sorted().map {
            [$0, String(output.artifactsByCollection[$0] ?? 0), output.lastSyncByCollection[$0].map(Timestamp.string) ?? ""]
        })
    }
}
