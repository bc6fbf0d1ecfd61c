import ArgumentParser
import SkillMeatCore

/// `skillmeat`: the root of the command tree.
struct RootCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "skillmeat",
        abstract: "Collect, catalogue and deploy AI coding-agent artifacts: skills, commands, agents, MCP servers and hooks.",
        discussion: """
            Data lives in $SKILLMEAT_HOME (default ~/.skillmeat). Exit codes: 0 ok, 1 failure, 2 usage, \
            3 conflicts left unresolved.
            """,
        version: SkillMeatVersion.current,
        subcommands: [
            InitCommand.self,
            QuickstartCommand.self,
            ScanCommand.self,
            AddCommand.self,
            ImportCommand.self,
            ReimportCommand.self,
            InstallCommand.self,
            UpdateCommand.self,
            OutdatedCommand.self,
            ListCommand.self,
            ShowCommand.self,
            RemoveCommand.self,
            SourceCommand.self,
            CatalogCommand.self,
            DeployCommand.self,
            UndeployCommand.self,
            StatusCommand.self,
            SyncCommand.self,
            DiscoverCommand.self,
            AdoptCommand.self,
            ProjectsCommand.self,
            CollectionCommand.self,
            SnapshotCommand.self,
            RollbackCommand.self,
            CacheCommand.self,
            PluginsCommand.self,
            ConfigCommand.self,
            ServeCommand.self,
            GenerateManPageCommand.self,
        ]
    ).examples(
        "skillmeat init",
        "skillmeat source add anthropics/skills",
        "skillmeat import --source skills --all",
        "skillmeat deploy --all --project ~/code/app",
        "skillmeat help deploy"
    )
}
