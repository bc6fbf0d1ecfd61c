public import SkillMeatPluginAPI

/// Plans deployments for Claude Code (profile `claude_code`): skills, commands and agents as files
/// under `.claude/`, MCP servers as `mcpServers` members of `.mcp.json` (`~/.claude.json` for the
/// user scope), hooks as groups in `.claude/settings.json` `hooks` with their scripts under
/// `.claude/hooks/<name>/`. Pure: the host reads the destination and applies the plan.
public struct ClaudeCodeDeployer: ItemPlanningDeployer {
    public let profile = DeploymentProfile(
        id: "claude_code",
        platform: "claude-code",
        recordFolder: RelativePath.root.appendingComponent(".claude"),
        supportedTypes: Set(ArtifactType.allCases),
        projectRoots: [RelativePath.root.appendingComponent(".claude"), RelativePath.root.appendingComponent(".mcp.json")],
        userRoots: [RelativePath.root.appendingComponent(".claude"), RelativePath.root.appendingComponent(".claude.json")],
        // Claude Code lists skills by their folder name, which follows the Agent Skills rule.
        nameRules: [.skill: .agentSkills]
    )

    public init(context: PluginContext) {}

    public func item(for artifact: DeployableArtifact, into target: DeploymentTarget) throws(PluginError) -> DeploymentPlan.Item {
        let scope = target.scope
        let name = try artifact.pathComponent()
        let base = RelativePath.root.appendingComponent(".claude")
        switch artifact.id.type {
        case .skill:
            let folder = base.appendingComponent("skills").appending(name)
            return .init(artifact: artifact.id, writes: artifact.writes(under: folder))
        case .command:
            // A namespaced `plugin:command` goes to Claude Code's own command subfolder `plugin/command.md`.
            let file = base.appendingComponent("commands").appending(try artifact.namespacedPath().appendingExtension("md"))
            return .init(artifact: artifact.id, writes: [PlannedFileWrite(path: file, contents: try artifact.singleFile())])
        case .agent:
            let file = base.appendingComponent("agents").appending(name).appendingExtension("md")
            return .init(artifact: artifact.id, writes: [PlannedFileWrite(path: file, contents: try artifact.singleFile())])
        case .mcpServer:
            // Files the server runs go to .claude/mcp/<n>/; Claude Code expands ${VAR:-default} in
            // .mcp.json, and starts project servers in the project folder, so "." is the fallback.
            let bundle = try MCPServerBundle.prepare(
                artifact, folder: base.appendingComponent("mcp").appending(name),
                rootPrefix: scope == .project ? "${CLAUDE_PROJECT_DIR:-.}" : "${HOME}"
            )
            // Claude Code keeps project servers in .mcp.json at the root and user servers at the top
            // level of ~/.claude.json, beside every other setting of that file.
            let file = RelativePath.root.appendingComponent(scope == .project ? ".mcp.json" : ".claude.json")
            return .init(
                artifact: artifact.id,
                writes: bundle.files,
                merges: [PlannedMerge(file: file, format: .json, keyPath: ["mcpServers", name.string], value: .object(bundle.configuration))],
                commands: JSONValue.serverCommands(bundle.configuration)
            )
        case .hook:
            let bundle = try HookBundle.prepare(
                artifact,
                scriptsFolder: base.appendingComponent("hooks").appending(name),
                rootVariable: scope == .project ? "$CLAUDE_PROJECT_DIR" : "$HOME"
            )
            return bundle.item(for: artifact.id, appendingTo: base.appendingComponent("settings.json"))
        }
    }
}
