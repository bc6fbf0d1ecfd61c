public import Foundation
public import SkillMeatPluginAPI

/// Plans deployments for GitHub Copilot in VS Code and the Copilot CLI (profile `copilot`): skills in
/// `.github/skills/<n>/`, commands as prompt files `.github/prompts/<n>.prompt.md`, agents as custom
/// agents `.github/agents/<n>.agent.md`, MCP servers as `servers` members of `.vscode/mcp.json`, hooks as
/// hook groups in `.github/hooks/hooks.json`. The user scope is `~/.copilot/` (skills, agents, hooks and the
/// Copilot CLI's `mcp-config.json`); VS Code keeps user prompt files only in its own per-profile user
/// data, so a user command becomes a user skill. The record is `.copilot/.skillmeat-deployed.toml`. Pure: the host reads the destination and applies the plan.
public struct CopilotDeployer: ItemPlanningDeployer {
    public let profile = DeploymentProfile(
        id: "copilot",
        platform: "github-copilot",
        recordFolder: CopilotPaths.copilot,
        supportedTypes: Set(ArtifactType.allCases),
        projectRoots: [
            CopilotPaths.github.appendingComponent("prompts"), CopilotPaths.github.appendingComponent("agents"),
            CopilotPaths.github.appendingComponent("skills"), CopilotPaths.github.appendingComponent("hooks"),
            CopilotPaths.github.appendingComponent("mcp"), CopilotPaths.workspaceServers, CopilotPaths.copilot,
        ],
        userRoots: [CopilotPaths.copilot],
        // VS Code requires a skill's name to match its folder and follow Agent Skills.
        nameRules: [.skill: .agentSkills]
    )

    public init(context: PluginContext) {}

    public func item(for artifact: DeployableArtifact, into target: DeploymentTarget) throws(PluginError) -> DeploymentPlan.Item {
        let scope = target.scope
        let name = try artifact.pathComponent()
        // Project files live under .github/ (and .vscode/mcp.json); user files under ~/.copilot/.
        let base = scope == .project ? CopilotPaths.github : CopilotPaths.copilot
        switch artifact.id.type {
        case .skill:
            return .init(artifact: artifact.id, writes: artifact.writes(under: base.appendingComponent("skills").appending(name)))
        case .command:
            guard scope == .project else {
                // VS Code keeps user prompt files in its own per-profile user data and the Copilot CLI
                // reads none; a user skill is offered as a slash command by both.
                let skillName = artifact.id.name.replacingOccurrences(of: ":", with: "-")
                guard NameRule.agentSkills.permits(skillName) else {
                    throw .unsupported("\(artifact.id) cannot become a Copilot user skill: a skill name must be \(NameRule.agentSkills.summary).")
                }
                let (contents, notes) = try CopilotTranslation.skillFile(try artifact.singleFile(), name: skillName, artifact: artifact.id)
                let file = base.appendingComponent("skills").appending(try RelativePath.component(skillName)).appendingComponent("SKILL.md")
                return .init(artifact: artifact.id, writes: [PlannedFileWrite(path: file, contents: contents)], notes: notes)
            }
            // A namespaced command (`plugin:command`) becomes `plugin-command`: prompt files have no namespaces.
            let fileName = try RelativePath.component(artifact.id.name.replacingOccurrences(of: ":", with: "-") + ".prompt.md")
            let (contents, notes) = CopilotTranslation.promptFile(try artifact.singleFile())
            return .init(artifact: artifact.id, writes: [PlannedFileWrite(path: base.appendingComponent("prompts").appending(fileName), contents: contents)], notes: notes)
        case .agent:
            let (contents, notes) = CopilotTranslation.agentFile(try artifact.singleFile(), name: name.string)
            let file = base.appendingComponent("agents").appending(try RelativePath.component(name.string + ".agent.md"))
            return .init(artifact: artifact.id, writes: [PlannedFileWrite(path: file, contents: contents)], notes: notes)
        case .mcpServer:
            // VS Code expands ${workspaceFolder} in .vscode/mcp.json; the Copilot CLI's user file gets
            // the absolute path of the home folder.
            let bundle = try MCPServerBundle.prepare(
                artifact, folder: base.appendingComponent("mcp").appending(name),
                rootPrefix: scope == .project ? "${workspaceFolder}" : target.root.standardizedFileURL.path
            )
            let (server, notes) = try CopilotTranslation.server(bundle.configuration, scope: scope, artifact: artifact.id)
            let merge = scope == .project
                ? PlannedMerge(file: CopilotPaths.workspaceServers, format: .json, keyPath: ["servers", name.string], value: .object(server))
                : PlannedMerge(file: CopilotPaths.copilot.appendingComponent("mcp-config.json"), format: .json, keyPath: ["mcpServers", name.string], value: .object(server))
            return .init(artifact: artifact.id, writes: bundle.files, merges: [merge], commands: JSONValue.serverCommands(bundle.configuration), notes: notes)
        case .hook:
            let folder = base.appendingComponent("hooks")
            let bundle = try HookBundle.prepare(
                artifact, scriptsFolder: folder.appending(name),
                // VS Code gives hook commands no project-folder variable.
                rootVariable: HookBundle.repositoryRootVariable(for: scope)
            )
            if let refusal = bundle.refusal(of: artifact.id, unless: CopilotTranslation.hookEvents.contains, noEvent: "VS Code has no hook event") {
                return refusal
            }
            // Groups are appended to .github/hooks/hooks.json (one of the *.json files VS Code loads
            // from that folder) in Claude Code's form, which VS Code parses, matchers included.
            let matched = bundle.events.values.joined().contains { group in
                guard let matcher = group["matcher"]?.stringValue else { return false }
                return !matcher.isEmpty && matcher != "*"
            }
            return bundle.item(
                for: artifact.id, appendingTo: folder.appendingComponent("hooks.json"),
                notes: matched ? ["VS Code ignores matchers: these hooks run for every tool"] : []
            )
        }
    }
}

/// The folders and files of the profile.
enum CopilotPaths {
    static let github = RelativePath.root.appendingComponent(".github")
    static let copilot = RelativePath.root.appendingComponent(".copilot")
    static let workspaceServers = RelativePath.root.appendingComponent(".vscode").appendingComponent("mcp.json")
}
