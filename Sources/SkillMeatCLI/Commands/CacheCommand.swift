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
        abstract: "Inspect, rebuild and refresh the SQLite cache of the collections and projects.",
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
        abstract: "Refresh the project cache (a project's deployments, drift and discovery) and re-read artifacts' metadata and hashes from their files.",
        discussion: """
            With a PROJECT (its folder, '.', or its id) only that project is read again, if its cache is stale or with --force. With an \
            artifact NAME (and --type, -c) only that artifact's metadata is re-read. With neither, the collection's artifacts are re-read and \
            every stale project (every one with --force). Deployments are not touched.
            """
    ).examples(
        "skillmeat cache refresh",
        "skillmeat cache refresh . --force",
        "skillmeat cache refresh skill:pdf",
        "skillmeat cache refresh --dry-run"
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var collection: CollectionOptions
    @Argument(help: "A project (folder or id), or one artifact's name.", completion: Completions.artifacts) var target: String?
    @Option(help: "The artifact's type, when several artifacts share the name.") var type: ArtifactType?
    @Flag(help: "Read projects again even when their cache is fresh.") var force = false
    @Flag(help: "Say what would be done and write nothing.") var dryRun = false
    @Flag(help: "Print the result as JSON.") var json = false

    func run() async throws {
        let runtime = try global.runtime()
        let projects = try ProjectsCommand.cache(runtime)
        if let target, type == nil, collection.collection == nil, let project = knownProject(target, in: projects) {
            if dryRun {
                return Output.line("Would read the project \(project.path) again\(force ? "" : " if its cache is stale"); nothing was written.")
            }
            let report = try await projects.refresh(ProjectCache.id(of: project.path), force: force)
            if json { return try Output.json(report) }
            try Self.show(report)
            return
        }
        if force, target != nil { throw ValidationError("--force goes with a project; '\(target!)' is not a known project.") }
        if dryRun {
            let store = CollectionStore(home: runtime.home, name: collection.name(runtime))
            let count = try target.map { _ in 1 } ?? store.read().manifest.artifacts.count
            if let target { _ = try await collection.service(runtime).find(target, type: type) }
            let also = target == nil ? " and every \(force ? "" : "stale ")project" : ""
            return Output.line("Would re-read the metadata and hashes of \(count) artifact\(count == 1 ? "" : "s") in '\(store.name)'\(also); nothing was written.")
        }
        let refreshed = try await collection.service(runtime).refresh(target, type: type)
        if target != nil {
            if json { return try Output.json(refreshed) }
            Output.line("Refreshed \(refreshed.count) artifact\(refreshed.count == 1 ? "" : "s").")
            return
        }
        let report = try await projects.refresh(force: force)
        if json {
            return try Output.json(CacheRefreshOutput(collection: collection.name(runtime), refreshed: refreshed, projects: report))
        }
        Output.line("Refreshed \(refreshed.count) artifact\(refreshed.count == 1 ? "" : "s").")
        try Self.show(report)
    }

    /// The known project `target` names (its id, or its folder as given or relative to here), if any.
    func knownProject(_ target: String, in projects: ProjectCache) -> KnownProject? {
        if let byReference = try? projects.project(target) { return byReference }
        let folder = CLIContext.current.url(of: target)
        return try? projects.project(folder.path)
    }

    static func show(_ report: ProjectCacheRefresh) throws {
        for item in report.projects {
            if let error = item.error {
                CLIContext.current.output.write("error: \(item.path): \(error)\n", to: .standardError)
            }
        }
        Output.line(
            "Projects: \(report.count(.refreshed)) refreshed, \(report.count(.fresh)) still fresh, \(report.count(.failed)) failed."
        )
        if report.count(.failed) > 0 { throw CommandFailure(status: .failure, message: "") }
    }

    /// `cache refresh --json` without a target: the artifacts re-read and the project cache refresh.
    struct CacheRefreshOutput: Encodable {
        var collection: String
        var refreshed: [String]
        var projects: ProjectCacheRefresh
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
