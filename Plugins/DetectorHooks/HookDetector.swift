public import SkillMeatPluginAPI
import Foundation

/// Finds hook declarations: a `hooks.json` (a plugin's `hooks/hooks.json` above all), a `.claude/settings*.json`
/// with a non-empty `hooks` block, and hooks files or inline `hooks` objects a plugin manifest names.
/// One artifact per declaring file; the scripts its commands run are its files.
public struct HookDetector: TreeDetector {
    public let artifactType: ArtifactType = .hook
    public let id: PluginID

    public init(context: PluginContext) {
        self.id = context.id
    }

    public func detect(in tree: SourceTree, analysis: TreeAnalysis, diagnostics: inout [Diagnostic]) async -> [DetectedArtifact] {
        let layout = analysis.layout
        var found: [RelativePath: DetectedArtifact] = [:]

        var declaredFiles: [RelativePath: PluginLayout.Plugin] = [:]
        for (path, plugin) in layout.declaredPaths(for: .hook) where tree.contains(path) {
            declaredFiles[path] = plugin
        }

        for entry in tree.entries where entry.mode != .symlink {
            let path = entry.path
            guard let name = path.lastComponent else { continue }
            let declaringPlugin = declaredFiles[path]
            if declaringPlugin == nil, CodexConfig.isConfigFile(path) {
                if !ArtifactConventions.isInNonArtifactFolder(path), let artifact = await readCodexConfig(path, tree: tree, diagnostics: &diagnostics) {
                    found[path] = artifact
                }
                continue
            }
            let isSettings = Self.isProjectSettings(path)
            guard declaringPlugin != nil || isSettings || name == "hooks.json" else { continue }
            if declaringPlugin == nil, ArtifactConventions.isInNonArtifactFolder(path) { continue }

            guard let value = await ManifestReading.json(at: path, in: tree, pluginID: id, purpose: "its hooks", diagnostics: &diagnostics) else { continue }
            guard let hooks = Self.hooksBlock(value, allowBare: !isSettings) else {
                if !isSettings {
                    diagnostics.append(Diagnostic(.info, path: path.string, "declares no hooks; it was skipped", pluginID: id))
                }
                continue
            }
            let plugin = declaringPlugin ?? layout.enclosingPlugin(of: path)
            let artifactName: String
            var reasons: [String]
            var confidence: Int
            let projectRoot: RelativePath
            if isSettings {
                artifactName = "settings"
                reasons = ["\(path) has a non-empty hooks block"]
                confidence = 95
                projectRoot = path.parent?.parent ?? .root
            } else if let plugin {
                artifactName = plugin.name
                reasons = declaringPlugin != nil
                    ? ["named as the hooks file of \(plugin.declaredBy)"]
                    : ["hooks file of \(plugin.declaredBy)"]
                confidence = 95
                projectRoot = plugin.root
            } else {
                let owner = path.parent?.lastComponent == "hooks" ? path.parent?.parent : path.parent
                artifactName = owner?.lastComponent ?? "hooks"
                reasons = ["a hooks.json with hook definitions"]
                confidence = 85
                projectRoot = owner ?? .root
            }
            reasons.append("declares \(Self.eventNames(hooks).joined(separator: ", "))")
            found[path] = DetectedArtifact(
                type: .hook,
                name: artifactName,
                path: path,
                confidence: confidence,
                reasons: reasons,
                metadata: ArtifactMetadata(description: value["description"]?.stringValue),
                files: [path] + Self.referencedScripts(hooks, root: projectRoot, tree: tree),
                declaration: hooks,
                detectorID: id
            )
        }

        for plugin in layout.plugins {
            for inline in plugin.inlineHooks where found[inline.file] == nil {
                guard let hooks = Self.hooksBlock(inline.value, allowBare: true) else { continue }
                found[inline.file] = DetectedArtifact(
                    type: .hook,
                    name: plugin.name,
                    path: inline.file,
                    confidence: 95,
                    reasons: ["the manifest of \(plugin.declaredBy) declares hooks inline", "declares \(Self.eventNames(hooks).joined(separator: ", "))"],
                    files: [inline.file] + Self.referencedScripts(hooks, root: plugin.root, tree: tree),
                    declaration: hooks,
                    detectorID: id
                )
            }
        }

        let artifacts = found.values.sorted { $0.path < $1.path }
        return artifacts
    }

    /// The `[[hooks.<Event>]]` tables of a Codex `.codex/config.toml` (its `notify` program is not a hook).
    private func readCodexConfig(_ path: RelativePath, tree: SourceTree, diagnostics: inout [Diagnostic]) async -> DetectedArtifact? {
        guard let table = await ManifestReading.toml(at: path, in: tree, pluginID: id, purpose: "its hooks", diagnostics: &diagnostics),
              let hooks = CodexConfig.hooks(in: table)
        else { return nil }
        return DetectedArtifact(
            type: .hook,
            name: "codex-config",
            path: path,
            confidence: DetectionConfidence.platformFolder,
            reasons: ["\(path) declares [[hooks.*]] tables, which Codex runs", "declares \(Self.eventNames(hooks).joined(separator: ", "))"],
            files: [path] + Self.referencedScripts(hooks, root: CodexConfig.projectRoot(of: path), tree: tree),
            declaration: hooks,
            detectorID: id
        )
    }

    /// `.claude/settings.json`, `.claude/settings.local.json` and other `settings*.json` directly in `.claude/`.
    static func isProjectSettings(_ path: RelativePath) -> Bool {
        guard let name = path.lastComponent, path.parent?.lastComponent == ".claude" else { return false }
        return name.hasPrefix("settings") && name.hasSuffix(".json")
    }

    /// The non-empty `hooks` object of a file; with `allowBare`, also a file whose top level is the events.
    static func hooksBlock(_ value: JSONValue, allowBare: Bool) -> JSONValue? {
        if let hooks = value["hooks"], let object = hooks.objectValue, !object.isEmpty { return hooks }
        guard allowBare, let object = value.objectValue else { return nil }
        let events = object.filter { key, value in key.first?.isUppercase == true && value.arrayValue != nil }
        return events.isEmpty ? nil : .object(events)
    }

    static func eventNames(_ hooks: JSONValue) -> [String] {
        (hooks.objectValue ?? [:]).keys.sorted()
    }

    /// Files of the tree that the hooks' commands run, found by resolving each word of each command
    /// against the plugin or project root (with `${CLAUDE_PLUGIN_ROOT}` and `$CLAUDE_PROJECT_DIR` expanded).
    static func referencedScripts(_ hooks: JSONValue, root: RelativePath, tree: SourceTree) -> [RelativePath] {
        var commands: [String] = []
        func collect(_ value: JSONValue) {
            switch value {
            case .object(let object):
                for (key, item) in object {
                    if key == "command", let text = item.stringValue { commands.append(text) } else { collect(item) }
                }
            case .array(let items):
                items.forEach(collect)
            default:
                break
            }
        }
        collect(hooks)
        var scripts: Set<RelativePath> = []
        let variables = ["${CLAUDE_PLUGIN_ROOT}/", "$CLAUDE_PLUGIN_ROOT/", "${CLAUDE_PROJECT_DIR}/", "$CLAUDE_PROJECT_DIR/"]
        for command in commands {
            for word in command.split(whereSeparator: { $0 == " " || $0 == "\"" || $0 == "'" }) {
                var text = String(word)
                var matched = false
                for variable in variables where text.hasPrefix(variable) {
                    text.removeFirst(variable.count)
                    matched = true
                }
                guard matched || text.contains("/") else { continue }
                guard let path = try? root.appending(text), tree.contains(path) else { continue }
                scripts.insert(path)
            }
        }
        return scripts.sorted()
    }
}
