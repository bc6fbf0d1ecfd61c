public import Foundation
public import SkillMeatPluginAPI

/// Plans deployments for Codex (profile `codex`): skills in `.agents/skills/<n>/`, commands turned into
/// skills (Codex dropped custom prompts), agents as `.codex/agents/<n>.toml`, MCP servers as
/// `[mcp_servers.<n>]` tables of `.codex/config.toml`, hooks as groups in `.codex/hooks.json` for the
/// events Codex has. The user scope uses the same paths under the home folder. Names and descriptions
/// are checked against the Agent Skills limits Codex applies before anything is planned.
public struct CodexDeployer: ItemPlanningDeployer {
    public let profile = DeploymentProfile(
        id: "codex",
        platform: "codex",
        recordFolder: RelativePath.root.appendingComponent(".codex"),
        supportedTypes: Set(ArtifactType.allCases),
        projectRoots: [RelativePath.root.appendingComponent(".agents").appendingComponent("skills"), RelativePath.root.appendingComponent(".codex")],
        userRoots: [RelativePath.root.appendingComponent(".agents").appendingComponent("skills"), RelativePath.root.appendingComponent(".codex")],
        nameRules: CodexLimits.nameRules
    )

    /// The hook events Codex runs (developers.openai.com/codex/hooks); others are refused in the plan.
    static let hookEvents: Set<String> = [
        "SessionStart", "SessionEnd", "SubagentStart", "SubagentStop", "PreToolUse", "PermissionRequest",
        "PostToolUse", "PreCompact", "PostCompact", "UserPromptSubmit", "Stop",
    ]

    public init(context: PluginContext) {}

    public func item(for artifact: DeployableArtifact, into target: DeploymentTarget) throws(PluginError) -> DeploymentPlan.Item {
        let scope = target.scope
        let name = try artifact.pathComponent()
        let codex = RelativePath.root.appendingComponent(".codex")
        let skills = RelativePath.root.appendingComponent(".agents").appendingComponent("skills")
        switch artifact.id.type {
        case .skill:
            try CodexLimits.checkSkillName(name.string, artifact: artifact.id)
            let skillFile = RelativePath.root.appendingComponent("SKILL.md")
            guard let data = artifact.files[skillFile] else {
                throw .malformed(path: "\(artifact.id)", reason: "a skill needs a SKILL.md")
            }
            let frontmatter = Frontmatter.parse(data)
            guard let description = frontmatter.string("description") else {
                throw .unsupported("\(artifact.id) cannot go to Codex: its SKILL.md has no description, which Codex requires.")
            }
            try CodexLimits.checkDescription(description, artifact: artifact.id)
            var notes: [String] = []
            if let declared = frontmatter.string("name"), declared != name.string {
                notes.append("SKILL.md names the skill '\(declared)'; Codex lists it under that name, deployed in the folder '\(name.string)'")
            }
            let folder = skills.appending(name)
            return .init(
                artifact: artifact.id,
                writes: artifact.writes(under: folder),
                notes: notes
            )
        case .command:
            // A namespaced command (`plugin:command`) becomes the skill `plugin-command`: skill names
            // have no namespaces.
            let name: RelativePath
            do {
                name = try RelativePath(validating: artifact.id.name.replacingOccurrences(of: ":", with: "-"))
            } catch {
                throw .unsafePath(error)
            }
            try CodexLimits.checkSkillName(name.string, artifact: artifact.id)
            let frontmatter = Frontmatter.parse(try artifact.singleFile())
            let body = frontmatter.body.trimmingCharacters(in: .whitespacesAndNewlines)
            let description = CodexLimits.singleLine(frontmatter.string("description") ?? firstLine(of: body) ?? "")
            guard !description.isEmpty else {
                throw .unsupported("\(artifact.id) cannot become a Codex skill: it has neither a description nor any text.")
            }
            try CodexLimits.checkDescription(description, artifact: artifact.id)
            let skill = "---\nname: \(name.string)\ndescription: \(Self.yamlString(description))\n---\n\n\(body)\n"
            var notes = ["Codex has no custom prompts; the command becomes the skill '\(name.string)' (invoke it as $\(name.string))"]
            if body.contains("$ARGUMENTS") || body.contains("$1") {
                notes.append("the body uses $ARGUMENTS placeholders, which Codex skills do not fill in")
            }
            return .init(
                artifact: artifact.id,
                writes: [PlannedFileWrite(path: skills.appending(name).appendingComponent("SKILL.md"), contents: Data(skill.utf8))],
                notes: notes
            )
        case .agent:
            let frontmatter = Frontmatter.parse(try artifact.singleFile())
            guard let description = frontmatter.string("description").map(CodexLimits.singleLine) else {
                throw .unsupported("\(artifact.id) cannot become a Codex agent: it has no description, which Codex requires.")
            }
            try CodexLimits.checkDescription(description, artifact: artifact.id)
            let instructions = frontmatter.body.trimmingCharacters(in: .whitespacesAndNewlines)
            var notes: [String] = []
            var lines = [
                "name = \(TOMLText.quote(name.string))",
                "description = \(TOMLText.quote(description))",
            ]
            if let model = ClaudeModel.kept(frontmatter.string("model"), instead: "the agent uses Codex's default model", notes: &notes) {
                lines.append("model = \(TOMLText.quote(model))")
            }
            if frontmatter["tools"] != nil {
                notes.append("Codex agents have no tool list; 'tools' was left out")
            }
            lines.append("developer_instructions = \(TOMLText.multiline(instructions + "\n"))")
            return .init(
                artifact: artifact.id,
                writes: [PlannedFileWrite(
                    path: codex.appendingComponent("agents").appending(name).appendingExtension("toml"),
                    contents: Data((lines.joined(separator: "\n") + "\n").utf8)
                )],
                notes: notes
            )
        case .mcpServer:
            // Codex expands no variables in config.toml: files the server runs are referenced by the
            // absolute path of .codex/mcp/<n>/ under the target root.
            let bundle = try MCPServerBundle.prepare(
                artifact, folder: codex.appendingComponent("mcp").appending(name), rootPrefix: target.root.standardizedFileURL.path
            )
            let server = bundle.configuration
            let (table, notes) = try Self.codexServer(server, artifact: artifact.id)
            return .init(
                artifact: artifact.id,
                writes: bundle.files,
                merges: [PlannedMerge(
                    file: codex.appendingComponent("config.toml"), format: .toml,
                    keyPath: ["mcp_servers", name.string], value: .object(table)
                )],
                commands: JSONValue.serverCommands(server),
                notes: notes
            )
        case .hook:
            let bundle = try HookBundle.prepare(
                artifact,
                scriptsFolder: codex.appendingComponent("hooks").appending(name),
                // Codex gives hooks no project-folder variable.
                rootVariable: HookBundle.repositoryRootVariable(for: scope)
            )
            if let refusal = bundle.refusal(of: artifact.id, unless: Self.hookEvents.contains, noEvent: "Codex has no hook event") {
                return refusal
            }
            return bundle.item(
                for: artifact.id, appendingTo: codex.appendingComponent("hooks.json"),
                notes: ["matchers name Claude Code tools; Codex matches its own tool names (Bash, apply_patch)"]
            )
        }
    }

    /// A Claude-style server object (`command`/`args`/`env`, or `type: http` with `url`/`headers`) as
    /// the keys of Codex's `[mcp_servers.<n>]` table.
    static func codexServer(_ server: [String: JSONValue], artifact: ArtifactID) throws(PluginError) -> ([String: JSONValue], [String]) {
        var table: [String: JSONValue] = [:]
        var notes: [String] = []
        if let command = server["command"]?.stringValue {
            table["command"] = .string(command)
            if let args = server["args"]?.arrayValue { table["args"] = .array(args.compactMap { $0.stringValue.map(JSONValue.string) }) }
            if let env = server["env"]?.objectValue, !env.isEmpty {
                table["env"] = .object(env.compactMapValues { $0.stringValue.map(JSONValue.string) })
            }
            if let cwd = server["cwd"]?.stringValue { table["cwd"] = .string(cwd) }
        } else if let url = server["url"]?.stringValue {
            table["url"] = .string(url)
            if server["type"]?.stringValue == "sse" {
                notes.append("Codex speaks streamable HTTP only; this server declares SSE")
            }
            var headers = server["headers"]?.objectValue ?? [:]
            // A bearer token read from the environment is the one form Codex takes for tokens.
            if let authorization = headers["Authorization"]?.stringValue, let variable = bearerVariable(authorization) {
                table["bearer_token_env_var"] = .string(variable)
                headers["Authorization"] = nil
            }
            if !headers.isEmpty { table["http_headers"] = .object(headers.compactMapValues { $0.stringValue.map(JSONValue.string) }) }
        } else {
            throw .malformed(path: "\(artifact)/server.json", reason: "it has neither a command nor a url")
        }
        return (table, notes)
    }

    /// `VAR` from `Bearer ${VAR}` or `Bearer $VAR`.
    static func bearerVariable(_ authorization: String) -> String? {
        guard authorization.hasPrefix("Bearer ") else { return nil }
        var token = authorization.dropFirst("Bearer ".count)
        guard token.hasPrefix("$") else { return nil }
        token = token.dropFirst()
        if token.hasPrefix("{"), token.hasSuffix("}") { token = token.dropFirst().dropLast() }
        return !token.isEmpty && token.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } ? String(token) : nil
    }

    /// A YAML double-quoted scalar (JSON string syntax is valid YAML).
    static func yamlString(_ text: String) -> String {
        JSONValue.string(text).description
    }

    func firstLine(of text: String) -> String? {
        text.split(separator: "\n").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "# \t")) }.first { !$0.isEmpty }
    }
}
