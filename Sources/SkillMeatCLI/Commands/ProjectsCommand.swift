import ArgumentParser
import Foundation
import SkillMeatCore
import SkillMeatPluginAPI
import SkillMeatRegistry

/// `skillmeat projects …`
struct ProjectsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "projects",
        abstract: "The folders SkillMeat deploys into, kept in $SKILLMEAT_HOME/projects.toml.",
        subcommands: [ProjectsListCommand.self, ProjectsAddCommand.self, ProjectsRemoveCommand.self]
    ).examples(
        "skillmeat projects list",
        "skillmeat projects add ~/code/app"
    )
}

extension ProjectsCommand {
    /// The project cache over the configuration's `[projects]` and default collection.
    static func cache(_ runtime: SkillMeatRuntime) throws -> ProjectCache {
        runtime.projectCache(stores: try runtime.openStores())
    }
}

struct ProjectsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the known projects.").examples(
        "skillmeat projects list",
        "skillmeat projects list --json"
    )

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print the projects as JSON.") var json = false

    func run() async throws {
        let runtime = try global.runtime()
        // Each project with its deployments and drift, from the project cache when fresh (as GET /api/v1/projects).
        let projects = try await ProjectsCommand.cache(runtime).list()
        if json {
            try Output.json(projects)
            return
        }
        if projects.isEmpty {
            Output.line("No known projects; 'skillmeat deploy' adds the folders it deploys into.")
            return
        }
        Output.table(["PATH", "SCOPE", "DEPLOYMENTS", "DRIFT", "ADDED"], projects.map { project in
            let drift = project.drift.filter { $0.value > 0 }.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            return [project.path, project.scope.rawValue, String(project.deployments.count), project.exists ? drift : "folder gone", project.added]
        })
    }
}

struct ProjectsAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a project folder by hand, so rebuilds read its records.").examples(
        "skillmeat projects add ~/code/app",
        "skillmeat projects add ~/code/app --dry-run"
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The project folder.", completion: .directory) var path: String
    @Flag(help: "Say what would be done and write nothing.") var dryRun = false

    func run() async throws {
        let runtime = try global.runtime()
        let given = CLIContext.current.url(of: path)
        // The same rule as the API's: a folder that exists, not / nor a system folder nor the home.
        let url = try ProjectRegistry.projectFolder(given, userHome: CLIContext.current.userHome)
        if dryRun {
            let known = try ProjectRegistry(home: runtime.home).knownProject(url) != nil
            return Output.line(known ? "\(url.path) is already known; nothing would change." : "Would add \(url.path); nothing was written.")
        }
        let added = try ProjectRegistry(home: runtime.home).add(url, scope: .project)
        Output.line(added ? "Added \(url.path)." : "\(url.path) is already known.")
    }
}

struct ProjectsRemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Forget a project folder; its deployment records and deployed files stay where they are."
    ).examples(
        "skillmeat projects remove ~/code/old-app",
        "skillmeat projects remove ~/code/old-app --dry-run"
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The project folder.", completion: .directory) var path: String
    @Flag(help: "Say what would be done and write nothing.") var dryRun = false

    func run() async throws {
        let runtime = try global.runtime()
        let url = CLIContext.current.url(of: path)
        if dryRun {
            guard try ProjectRegistry(home: runtime.home).knownProject(url) != nil else {
                throw SkillMeatError.notFound("\(url.path) is not a known project; 'skillmeat projects list' shows them.")
            }
            return Output.line("Would forget \(url.path) (its records stay in the project); nothing was written.")
        }
        guard try ProjectRegistry(home: runtime.home).remove(url) else {
            throw SkillMeatError.notFound("\(url.path) is not a known project; 'skillmeat projects list' shows them.")
        }
        Output.line("Forgot \(url.path); its records stay in the project.")
    }
}
