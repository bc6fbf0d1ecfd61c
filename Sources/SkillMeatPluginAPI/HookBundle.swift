import Foundation

/// A hook artifact made ready for a platform: its event groups with every command rewritten to run
/// the scripts from where they are deployed, and the scripts themselves as file writes. Both
/// deployers use it, so `${CLAUDE_PLUGIN_ROOT}` is rewritten one way only.
public struct HookBundle: Sendable, Hashable {
    /// The matcher groups per event (`PreToolUse` → `[{matcher, hooks: [...]}]`), commands rewritten.
    public var events: [String: [JSONValue]]
    /// The scripts, under the scripts folder.
    public var scripts: [PlannedFileWrite]
    /// Every command the hooks run, after rewriting, for the plan to show.
    public var commands: [String]

    /// The file of a stored hook that declares its events (DESIGN §2).
    public static let declarationFile = "hooks.json"

    /// How Claude Code plugins spell their own root in commands, longest first.
    public static let pluginRootVariables = ["${CLAUDE_PLUGIN_ROOT}", "$CLAUDE_PLUGIN_ROOT"]

    /// `text` with every plugin-root reference replaced by `replacement` (an argument, not a shell
    /// word: no quoting).
    public static func replacingPluginRoot(in text: String, with replacement: String) -> String {
        pluginRootVariables.reduce(text) { $0.replacingOccurrences(of: $1, with: replacement) }
    }

    /// The root variable for a platform that gives hook commands no project-folder variable: the
    /// repository root, where a project's platform folder lives, or the home folder for the user scope.
    public static func repositoryRootVariable(for scope: DeploymentScope) -> String {
        scope == .project ? "$(git rev-parse --show-toplevel)" : "$HOME"
    }

    /// The plan item that refuses `artifact` when it has events the platform does not run (`runs` says
    /// which it does), naming them after `noEvent` ("Codex has no hook event"); nil when it runs them all.
    public func refusal(of artifact: ArtifactID, unless runs: (String) -> Bool, noEvent: String) -> DeploymentPlan.Item? {
        let unsupported = events.keys.filter { !runs($0) }.sorted()
        guard !unsupported.isEmpty else { return nil }
        return DeploymentPlan.Item(
            artifact: artifact,
            unsupportedReason: "not supported by this profile: \(noEvent) \(unsupported.map { "'\($0)'" }.joined(separator: ", "))"
        )
    }

    /// The plan item that writes the scripts and appends each matcher group, as it is, to
    /// `hooks.<event>` of the JSON file `file` (Claude Code's form, which Codex and VS Code read too).
    public func item(for artifact: ArtifactID, appendingTo file: RelativePath, notes: [String] = []) -> DeploymentPlan.Item {
        DeploymentPlan.Item(
            artifact: artifact,
            writes: scripts,
            merges: events.keys.sorted().flatMap { event in
                events[event]!.map { PlannedMerge(file: file, format: .json, keyPath: ["hooks", event], value: $0, operation: .append) }
            },
            commands: commands,
            notes: notes
        )
    }

    /// Reads `artifact` (a stored hook: `hooks.json` plus scripts at paths relative to the plugin
    /// root), places its scripts under `scriptsFolder` and rewrites plugin-root references in commands
    /// to `rootVariable` followed by that folder: `"<rootVariable>"/<folder>` outside double quotes,
    /// `<rootVariable>/<folder>` inside them, so paths with spaces still work.
    public static func prepare(_ artifact: DeployableArtifact, scriptsFolder: RelativePath, rootVariable: String) throws(PluginError) -> HookBundle {
        let declarationPath = RelativePath(trusted: [declarationFile])
        guard let data = artifact.files[declarationPath] else {
            throw .malformed(path: "\(artifact.id)", reason: "the hook has no \(declarationFile)")
        }
        let declaration: JSONValue
        do {
            declaration = try JSONValue.parse(data)
        } catch {
            throw .malformed(path: "\(artifact.id)/\(declarationFile)", reason: "it is not valid JSON")
        }
        guard let hooks = (declaration["hooks"] ?? declaration).objectValue, !hooks.isEmpty else {
            throw .malformed(path: "\(artifact.id)/\(declarationFile)", reason: "it declares no hook events under \"hooks\"")
        }
        let scriptPaths = artifact.files.keys.filter { $0 != declarationPath }.sorted()
        // Scripts stored under the plugin's own `hooks/` folder land directly in the scripts folder,
        // so `${CLAUDE_PLUGIN_ROOT}/hooks/x.sh` becomes `.../hooks/<name>/x.sh`, not `.../<name>/hooks/x.sh`.
        let strip = !scriptPaths.isEmpty && scriptPaths.allSatisfy { $0.components.count > 1 && $0.components[0] == "hooks" }
        let scripts = scriptPaths.map { path in
            let placed = strip ? RelativePath(trusted: Array(path.components.dropFirst())) : path
            return PlannedFileWrite(
                path: scriptsFolder.appending(placed),
                contents: artifact.files[path] ?? Data(),
                isExecutable: artifact.executableFiles.contains(path) || path.fileExtension == "sh"
            )
        }
        let rewriter = Rewriter(strip: strip, rootVariable: rootVariable, folder: scriptsFolder.string)
        var events: [String: [JSONValue]] = [:]
        var commands: [String] = []
        for (event, groups) in hooks {
            guard !event.isEmpty, let groups = groups.arrayValue else {
                throw .malformed(path: "\(artifact.id)/\(declarationFile)", reason: "the event '\(event)' is not a list of matcher groups")
            }
            events[event] = try groups.map { group throws(PluginError) -> JSONValue in
                guard var object = group.objectValue, let handlers = object["hooks"]?.arrayValue else {
                    throw .malformed(path: "\(artifact.id)/\(declarationFile)", reason: "a group of '\(event)' has no \"hooks\" list")
                }
                object["hooks"] = .array(handlers.map { handler in
                    guard var fields = handler.objectValue, let command = fields["command"]?.stringValue else { return handler }
                    let rewritten = rewriter.rewrite(command)
                    commands.append(rewritten)
                    fields["command"] = .string(rewritten)
                    return .object(fields)
                })
                return .object(object)
            }
        }
        return HookBundle(events: events, scripts: scripts, commands: commands)
    }

    struct Rewriter {
        var strip: Bool
        var rootVariable: String
        var folder: String

        func rewrite(_ command: String) -> String {
            var output = ""
            var rest = Substring(command)
            var insideQuotes = false
            while !rest.isEmpty {
                if let variable = HookBundle.pluginRootVariables.first(where: { rest.hasPrefix($0) }) {
                    rest = rest.dropFirst(variable.count)
                    if strip, rest.hasPrefix("/hooks/") { rest = rest.dropFirst("/hooks".count) }
                    output += insideQuotes ? "\(rootVariable)/\(folder)" : "\"\(rootVariable)\"/\(folder)"
                    continue
                }
                let character = rest.removeFirst()
                if character == "\\", let next = rest.first {
                    output.append(character)
                    output.append(next)
                    rest.removeFirst()
                    continue
                }
                if character == "\"" { insideQuotes.toggle() }
                output.append(character)
            }
            return output
        }
    }
}
