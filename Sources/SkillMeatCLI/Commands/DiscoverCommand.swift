import ArgumentParser
import Foundation
import SkillMeatCore
import SkillMeatPluginAPI
import SkillMeatRegistry

/// `skillmeat discover`
struct DiscoverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "discover",
        abstract: "List the artifacts a project already has, for every profile, and whether SkillMeat manages them.",
        discussion: """
            Reads .claude/ and .mcp.json (Claude Code) and .agents/skills/ and .codex/ (Codex) with the \
            same detectors as a marketplace scan. Each artifact is managed (a deployment record covers \
            it), in_collection (same_content or same_name_different_content) or unmanaged; \
            'skillmeat adopt' takes the others under management.
            """
    ).examples(
        "skillmeat discover",
        "skillmeat discover --project ~/code/app --json"
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var collection: CollectionOptions
    @Option(help: "The project folder (default: the current directory).") var project: String?
    @Flag(help: "Print the artifacts as JSON.") var json = false

    func run() async throws {
        let runtime = try global.runtime()
        let discovery = try collection.service(runtime).discovery(with: runtime.plugins)
        let report = try await discovery.run(projectRoot: projectURL(project))
        if json {
            try Output.json(report)
            return
        }
        for diagnostic in report.diagnostics where diagnostic.severity >= .warning { Output.warning(diagnostic.description) }
        if report.artifacts.isEmpty {
            Output.line("No artifacts in \(report.project).")
            return
        }
        Output.table(
            ["STATUS", "ARTIFACT", "PROFILE", "PATH"],
            report.artifacts.map { item -> [String] in
                var status = item.status.rawValue
                if let match = item.match { status += " (\(match.rawValue)\(item.collectionName.map { $0 == item.name ? "" : ": \($0)" } ?? ""))" }
                return [status, item.id.description, item.profile, item.path]
            }
        )
    }
}

/// The project folder a `--project` option names, as an absolute URL (the current directory when nil).
func projectURL(_ project: String?) -> URL {
    let context = CLIContext.current
    return project.map(context.url(of:)) ?? context.currentDirectory.standardizedFileURL
}
