public import Foundation
public import SkillMeatPluginAPI

/// Plans deployments for Cursor (profile `cursor`): skills in `.cursor/skills/<n>/`, commands as
/// markdown in `.cursor/commands/`, agents as subagents in `.cursor/agents/<n>.md`, MCP servers as
/// `mcpServers.<n>` of `.cursor/mcp.json`. Hooks are not planned (see `hookReason`). The user scope
/// uses the same paths under `~/.cursor`. Pure: the host reads the destination and applies the plan.
public struct CursorDeployer: ItemPlanningDeployer {
    static let base = RelativePath.root.appendingComponent(".cursor")
    static let servers = base.appendingComponent("mcp.json")

    public let profile = DeploymentProfile(
        id: "cursor",
        platform: "cursor",
        recordFolder: base,
        supportedTypes: [.skill, .command, .agent, .mcpServer],
        nameRules: [.skill: .agentSkills, .agent: NameRule(maxLength: 64, characters: .lowercaseHyphenated)]
    )

    /// Why hooks are not deployed to Cursor.
    static let hookReason = "not supported by this profile: Cursor's .cursor/hooks.json takes a top-level \"version\" beside its hook lists, "
        + "which SkillMeat cannot add and take away exactly next to a person's; Cursor also runs Claude Code's hooks (deploy the hook to claude_code)"

    public init(context: PluginContext) {}

    public func item(for artifact: DeployableArtifact, into target: DeploymentTarget) throws(PluginError) -> DeploymentPlan.Item {
        let name = try artifact.pathComponent()
        switch artifact.id.type {
        case .skill:
            return .init(artifact: artifact.id, writes: artifact.writes(under: Self.base.appendingComponent("skills").appending(name)))
        case .command:
            // Cursor lists the markdown files of .cursor/commands/ itself; a namespaced `plugin:command`
            // becomes `plugin-command.md`.
            let flat = try artifact.namespacedPath().components.joined(separator: "-")
            let file: RelativePath
            do {
                file = try Self.base.appendingComponent("commands").appending(flat + ".md")
            } catch {
                throw .unsafePath(error)
            }
            let data = try artifact.singleFile()
            var notes: [String] = []
            if String(decoding: data, as: UTF8.self).contains("$ARGUMENTS") {
                notes.append("Cursor does not fill in $ARGUMENTS; what follows the command is sent after its text")
            }
            return .init(artifact: artifact.id, writes: [PlannedFileWrite(path: file, contents: data)], notes: notes)
        case .agent:
            guard profile.nameRule(for: .agent).permits(name.string) else {
                throw .unsupported("\(artifact.id) cannot be a Cursor subagent: its name must be lowercase letters, digits and hyphens; rename it in the collection first.")
            }
            let (text, notes) = try CursorTranslation.agent(try artifact.singleFile(), name: name.string, artifact: artifact.id)
            let file = Self.base.appendingComponent("agents").appending(name).appendingExtension("md")
            return .init(artifact: artifact.id, writes: [PlannedFileWrite(path: file, contents: Data(text.utf8))], notes: notes)
        case .mcpServer:
            // Cursor expands ${workspaceFolder} and ${userHome} in mcp.json: files the server runs are
            // named from there, so the project can move.
            let bundle = try MCPServerBundle.prepare(
                artifact, folder: Self.base.appendingComponent("mcp").appending(name),
                rootPrefix: target.scope == .project ? "${workspaceFolder}" : "${userHome}"
            )
            let server = CursorTranslation.server(bundle.configuration)
            return .init(
                artifact: artifact.id,
                writes: bundle.files,
                merges: [PlannedMerge(file: Self.servers, format: .json, keyPath: ["mcpServers", name.string], value: .object(server))],
                commands: JSONValue.serverCommands(bundle.configuration)
            )
        case .hook:
            return .init(artifact: artifact.id, unsupportedReason: Self.hookReason)
        }
    }
}
