public import Foundation
public import SkillMeatPluginAPI

/// Plans deployments for Gemini CLI (profile `gemini`): skills in `.gemini/skills/<n>/`, commands as
/// TOML files in `.gemini/commands/` (`prompt`, `description`; `$ARGUMENTS` becomes `{{args}}`, a
/// namespaced `plugin:command` the subfolder `plugin/command.toml`), agents as local subagents in
/// `.gemini/agents/<n>.md`, MCP servers as `mcpServers.<n>` of `.gemini/settings.json`, hooks as
/// groups in that file's `hooks.<Event>` under Gemini CLI's event and tool names. The user scope uses
/// the same paths under `~/.gemini`. Pure: the host reads the destination and applies the plan.
public struct GeminiDeployer: ItemPlanningDeployer {
    static let base = RelativePath.root.appendingComponent(".gemini")
    static let settings = base.appendingComponent("settings.json")

    public let profile = DeploymentProfile(
        id: "gemini",
        platform: "gemini-cli",
        recordFolder: base,
        supportedTypes: Set(ArtifactType.allCases),
        // Skills follow Agent Skills; a subagent's name is its tool name, a slug of lowercase letters,
        // digits, hyphens and underscores (we keep to the hyphenated subset, which renames stay in).
        nameRules: [.skill: .agentSkills, .agent: NameRule(maxLength: 64, characters: .lowercaseHyphenated)]
    )

    public init(context: PluginContext) {}

    public func item(for artifact: DeployableArtifact, into target: DeploymentTarget) throws(PluginError) -> DeploymentPlan.Item {
        let name = try artifact.pathComponent()
        switch artifact.id.type {
        case .skill:
            return .init(artifact: artifact.id, writes: artifact.writes(under: Self.base.appendingComponent("skills").appending(name)))
        case .command:
            let file = Self.base.appendingComponent("commands").appending(try artifact.namespacedPath().appendingExtension("toml"))
            let (text, notes) = GeminiTranslation.command(try artifact.singleFile())
            return .init(artifact: artifact.id, writes: [PlannedFileWrite(path: file, contents: Data(text.utf8))], notes: notes)
        case .agent:
            guard profile.nameRule(for: .agent).permits(name.string) else {
                throw .unsupported("\(artifact.id) cannot be a Gemini CLI subagent: its name must be a slug of lowercase letters, digits and hyphens; rename it in the collection first.")
            }
            let (text, notes) = try GeminiTranslation.agent(try artifact.singleFile(), name: name.string, artifact: artifact.id)
            let file = Self.base.appendingComponent("agents").appending(name).appendingExtension("md")
            return .init(artifact: artifact.id, writes: [PlannedFileWrite(path: file, contents: Data(text.utf8))], notes: notes)
        case .mcpServer:
            // Gemini CLI expands environment variables in settings.json but gives no project-folder
            // variable there: files the server runs are named by the absolute path of .gemini/mcp/<n>/.
            let bundle = try MCPServerBundle.prepare(
                artifact, folder: Self.base.appendingComponent("mcp").appending(name), rootPrefix: target.root.standardizedFileURL.path
            )
            let (server, notes) = try GeminiTranslation.server(bundle.configuration, artifact: artifact.id)
            return .init(
                artifact: artifact.id,
                writes: bundle.files,
                merges: [PlannedMerge(file: Self.settings, format: .json, keyPath: ["mcpServers", name.string], value: .object(server))],
                commands: JSONValue.serverCommands(bundle.configuration),
                notes: notes
            )
        case .hook:
            let bundle = try HookBundle.prepare(
                artifact,
                scriptsFolder: Self.base.appendingComponent("hooks").appending(name),
                // Gemini CLI sets GEMINI_PROJECT_DIR for hooks; user hooks live under the home folder.
                rootVariable: target.scope == .project ? "$GEMINI_PROJECT_DIR" : "$HOME"
            )
            if let refusal = bundle.refusal(of: artifact.id, unless: { GeminiTranslation.hookEvent($0) != nil }, noEvent: "Gemini CLI has no hook event for") {
                return refusal
            }
            var notes: [String] = []
            let merges = bundle.events.keys.sorted().flatMap { event in
                bundle.events[event]!.map { group in
                    let (translated, groupNotes) = GeminiTranslation.hookGroup(group)
                    notes += groupNotes
                    return PlannedMerge(file: Self.settings, format: .json, keyPath: ["hooks", GeminiTranslation.hookEvent(event)!], value: translated, operation: .append)
                }
            }
            notes.append("Gemini CLI runs hooks while its hooks system is enabled (/settings, \"Enable Hooks System\")")
            return .init(artifact: artifact.id, writes: bundle.scripts, merges: merges, commands: bundle.commands, notes: Array(Set(notes)).sorted())
        }
    }
}
