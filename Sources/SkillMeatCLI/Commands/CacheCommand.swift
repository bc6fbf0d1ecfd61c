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
    )
}

struct CacheRebuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rebuild", abstract: "Rebuild the cache rows from the collection files and sources.toml (a damaged database is moved aside first).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var collection: CollectionOptions
    @Flag(help: "Rebuild every collection.") var all = false
    @Flag(help: "Print the result as JSON.") var json = false

    func run() async throws {
        let runtime = try global.runtime()
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
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var collection: CollectionOptions
    @Argument(help: "Only this artifact.") var name: String?
    @Option(help: "Its type, when several artifacts share the name.") var type: ArtifactType?
    @Flag(help: "Print the result as JSON.") var json = false

    func run() async throws {
        let runtime = try global.runtime()
        let refreshed = try await collection.service(runtime).refresh(name, type: type)
        if json {
            try Output.json(refreshed)
        } else {
            Output.line("Refreshed \(refreshed.count) artifact\(refreshed.count == 1 ? "" : "s").")
        }
    }
}

struct CacheStatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stats", abstract: "Show the cache's size and rows per collection.")

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
