public import Foundation
public import SkillMeatPluginAPI

/// Plans deployments for OpenCode (profile `opencode`): skills in `.opencode/skills/<n>/`, commands in
/// `.opencode/commands/` (a namespaced `plugin:command` in the subfolder `plugin/`, which OpenCode offers
/// as `/plugin/command`), agents as subagents `.opencode/agents/<n>.md`, MCP servers as `mcp.<n>` of
/// `opencode.json` in OpenCode's own shape. The user scope is `~/.config/opencode/` with the same
/// layout. OpenCode has no hook configuration (its plugins are JavaScript modules), so hooks are not
/// supported. Pure: the host reads the destination and applies the plan.
public struct OpenCodeDeployer: ItemPlanningDeployer {
    public let profile = DeploymentProfile(
        id: "opencode",
        platform: "opencode",
        recordFolder: RelativePath.root.appendingComponent(".opencode"),
        supportedTypes: [.skill, .command, .agent, .mcpServer],
        projectRoots: [OpenCodePaths.project, OpenCodePaths.projectConfig],
        // ~/.opencode (OpenCode's own install folder) holds the user scope's deployment record.
        userRoots: [OpenCodePaths.user, OpenCodePaths.project],
        // OpenCode lists skills by their folder name, which follows the Agent Skills rule.
        nameRules: [.skill: .agentSkills]
    )

    public init(context: PluginContext) {}

    public func item(for artifact: DeployableArtifact, into target: DeploymentTarget) throws(PluginError) -> DeploymentPlan.Item {
        let name = try artifact.pathComponent()
        let base = OpenCodePaths.folder(for: target.scope)
        switch artifact.id.type {
        case .skill:
            return .init(artifact: artifact.id, writes: artifact.writes(under: base.appendingComponent("skills").appending(name)))
        case .command:
            let (contents, notes) = OpenCodeTranslation.commandFile(try artifact.singleFile())
            let file = base.appendingComponent("commands").appending(try artifact.namespacedPath().appendingExtension("md"))
            return .init(artifact: artifact.id, writes: [PlannedFileWrite(path: file, contents: contents)], notes: notes)
        case .agent:
            let (contents, notes) = OpenCodeTranslation.agentFile(try artifact.singleFile())
            let file = base.appendingComponent("agents").appending(try RelativePath.component(name.string + ".md"))
            return .init(artifact: artifact.id, writes: [PlannedFileWrite(path: file, contents: contents)], notes: notes)
        case .mcpServer:
            // opencode.json expands {env:VAR} and {file:path} only: files the server runs are named by
            // the absolute path of .opencode/mcp/<n>/ under the target root.
            let root = target.root.standardizedFileURL.path
            let bundle = try MCPServerBundle.prepare(artifact, folder: base.appendingComponent("mcp").appending(name), rootPrefix: root)
            let (server, notes) = try OpenCodeTranslation.server(bundle.configuration, root: root, artifact: artifact.id)
            return .init(
                artifact: artifact.id,
                writes: bundle.files,
                merges: [PlannedMerge(file: OpenCodePaths.config(for: target.scope), format: .json, keyPath: ["mcp", name.string], value: .object(server))],
                commands: JSONValue.serverCommands(bundle.configuration),
                notes: notes
            )
        case .hook:
            return .init(
                artifact: artifact.id,
                unsupportedReason: "not supported by this profile: OpenCode has no hook configuration (its plugins are JavaScript modules)"
            )
        }
    }
}

/// The folders and files of the profile.
enum OpenCodePaths {
    static let project = RelativePath.root.appendingComponent(".opencode")
    static let projectConfig = RelativePath.root.appendingComponent("opencode.json")
    static let user = RelativePath.root.appendingComponent(".config").appendingComponent("opencode")

    /// `.opencode` in a project, `~/.config/opencode` for the user.
    static func folder(for scope: DeploymentScope) -> RelativePath {
        scope == .project ? project : user
    }

    /// `opencode.json` at the project root, `~/.config/opencode/opencode.json` for the user.
    static func config(for scope: DeploymentScope) -> RelativePath {
        scope == .project ? projectConfig : user.appendingComponent("opencode.json")
    }
}
