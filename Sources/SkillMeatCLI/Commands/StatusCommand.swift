import ArgumentParser
import Foundation
import SkillMeatCore
import SkillMeatPluginAPI
import SkillMeatRegistry

/// `skillmeat status`
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show each deployment's drift: synced, modified, outdated, conflict or missing."
    ).examples(
        "skillmeat status",
        "skillmeat status --project ~/code/app --json",
        "skillmeat status --all"
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: "The project folder (default: the current directory).") var project: String?
    @Flag(help: "Every known project (see 'skillmeat projects list').") var all = false
    @Flag(help: "Print the deployments as JSON.") var json = false

    func run() async throws {
        let runtime = try global.runtime()
        let context = CLIContext.current
        let folder = project.map { URL(fileURLWithPath: $0, relativeTo: context.currentDirectory) } ?? context.currentDirectory
        let root = folder.standardizedFileURL
        let index = runtime.home.deploymentIndex
        let rows = try index.status(roots: all ? nil : [root])
        if all {
            // A deleted project's records went with it: say so, rather than show nothing for it.
            for gone in try index.missingProjects() {
                Output.warning("The project \(gone) no longer exists; 'skillmeat projects remove \(gone)' forgets it.")
            }
        }
        if json {
            try Output.json(rows)
            return
        }
        if rows.isEmpty {
            Output.line("Nothing is deployed \(all ? "in any known project" : "in \(root.path)").")
            return
        }
        Output.table(
            ["STATE", "ARTIFACT", "PROFILE", "SCOPE", "COLLECTION", "PROJECT"],
            rows.map { row -> [String] in
                let renamed = row.deployedName.map { " (as \($0))" } ?? ""
                return [row.state.rawValue, row.artifact + renamed, row.profile, row.scope.rawValue, row.collection, row.projectPath]
            }
        )
    }
}
