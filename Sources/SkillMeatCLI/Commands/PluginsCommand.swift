import Foundation
import ArgumentParser
import SkillMeatCore
import SkillMeatPluginAPI
import SkillMeatRegistry

/// `skillmeat plugins …`
struct PluginsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugins",
        abstract: "Show the compiled-in plugins and whether each is enabled.",
        subcommands: [PluginsListCommand.self],
        defaultSubcommand: PluginsListCommand.self
    ).examples(
        "skillmeat plugins",
        "skillmeat plugins list --kind detector"
    )
}

/// `skillmeat plugins list [--kind K] [--json]`
struct PluginsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List every compiled-in plugin, its kind, and whether it is enabled and why."
    ).examples(
        "skillmeat plugins list",
        "skillmeat plugins list --kind deployer --json"
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "Only plugins of this kind.")
    var kind: PluginKind?

    @Flag(help: "Print the list as JSON.")
    var json = false

    func run() async throws {
        let runtime = try global.runtime()
        let rows = runtime.plugins.entries
            .filter { entry in kind.map { entry.descriptor.id.kind == $0 } ?? true }
            .map(PluginSummary.init)
        if json {
            try Output.json(rows)
            return
        }
        Output.table(
            ["ID", "KIND", "ENABLED", "WHY", "SUMMARY"],
            rows.map { [$0.id, $0.kind, $0.enabled ? "yes" : "no", $0.reason, $0.summary] }
        )
        // How to turn on each plugin that is off: a change to [plugins] of config.toml.
        for row in rows where !row.enabled {
            if let hint = row.enableHint { Output.status("To enable \(row.id): \(hint).") }
        }
    }
}
