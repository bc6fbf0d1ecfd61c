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
        abstract: "Refresh the project cache (a project's deployments, drift and discovery) and re-read artifacts' metadata and hashes from their files.",
        discussion: """
            With a PROJECT (its folder, '.', or its id) only that project is read again, if its cache is stale or with --force. With an \
            artifact NAME (and --type, -c) only that artifact's metadata is re-read. With neither, the collection's artifacts are re-read and \
            every stale project (every one with --force). Deployments are not touched.
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var collection: CollectionOptions
    @Argument(help: "A project (folder or id), or one artifact's name.") var target: String?
    @Option(help: "The artifact's type, when several artifacts share the name.") var type: ArtifactType?
    @Flag(help: "Read projects again even when their cache is fresh.") var force = false
    @Flag(help: "Print the result as JSON.") var json = false

    func run() async throws {
        let runtime = try global.runtime()
        let projects = try ProjectsCommand.cache(runtime)
        if let target, type == nil, collection.collection == nil, let project = knownProject(target, in: projects) {
            let report = try await projects.refresh(ProjectCache.id(of: project.path), force: force)
            if json { return try Output.json(report) }
            try Self.show(report)
            return
        }
        if force, target != nil { throw ValidationError("--force goes with a project; '\(target!)' is not a known project.") }
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
        let folder = URL(fileURLWithPath: target, relativeTo: CLIContext.current.currentDirectory).standardizedFileURL
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
