import Foundation

/// The plugins a tree declares, read from the manifests of every harness SkillMeat knows: Claude Code
/// (`.claude-plugin/marketplace.json`, `.claude-plugin/plugin.json`), Codex (`.agents/plugins/marketplace.json`,
/// `.codex-plugin/plugin.json`), Copilot CLI (`.github/plugin/marketplace.json`, `plugin.json`), Cursor
/// (`.cursor-plugin/`), agent-plugins (`plugin.json`), Gemini (`gemini-extension.json`) and pi
/// (`package.json` with a `pi` table).
///
/// Declarations come first: a plugin root found here makes its default folders (`commands/`, `agents/`,
/// `skills/`, `hooks/hooks.json`, `.mcp.json`) authoritative, and explicit component paths supplement them,
/// as Claude Code does. Built with one pass over the entries plus one read per manifest.
public struct PluginLayout: Sendable {
    /// The harness whose manifest declared a plugin.
    public enum Harness: String, Sendable, Hashable, Comparable {
        case claudeCode = "claude-code"
        case codex
        case copilot
        case cursor
        case agentPlugins = "agent-plugins"
        case gemini
        case pi

        public static func < (lhs: Harness, rhs: Harness) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// A component declared inline in a manifest (an `mcpServers` or `hooks` object), with the file holding it.
    public struct InlineDeclaration: Sendable, Hashable {
        public var file: RelativePath
        public var value: JSONValue
    }

    /// One plugin root and everything its manifests say about it.
    public struct Plugin: Sendable, Hashable {
        /// The plugin's folder; default component folders are relative to it.
        public var root: RelativePath
        /// The plugin's name: the manifest's `name`, else the marketplace entry's, else the folder's.
        public var name: String
        public var harnesses: Set<Harness>
        /// The files that declare this plugin (plugin manifests and marketplaces).
        public var manifests: [RelativePath]
        /// Whether a marketplace lists it (rather than a plugin manifest standing alone).
        public var isListedInMarketplace: Bool
        /// Explicit component paths (files or folders), resolved against the repository root.
        public var declaredPaths: [ArtifactType: [RelativePath]]
        /// Inline `mcpServers` objects.
        public var inlineMCPServers: [InlineDeclaration]
        /// Inline `hooks` objects.
        public var inlineHooks: [InlineDeclaration]

        /// The reason text detectors quote: which manifest declared the plugin.
        public var declaredBy: String {
            let names = manifests.map(\.string).sorted()
            return names.isEmpty ? "plugin '\(name)'" : "plugin '\(name)' declared in \(names.joined(separator: ", "))"
        }
    }

    /// Every plugin, in root path order.
    public let plugins: [Plugin]
    /// Every marketplace file read.
    public let marketplaces: [RelativePath]
    /// Manifests that could not be read or pointed nowhere.
    public let diagnostics: [Diagnostic]
    private let indexByRoot: [RelativePath: Int]

    init(plugins: [Plugin], marketplaces: [RelativePath], diagnostics: [Diagnostic], indexByRoot: [RelativePath: Int]) {
        self.plugins = plugins
        self.marketplaces = marketplaces
        self.diagnostics = diagnostics
        self.indexByRoot = indexByRoot
    }

    /// The plugin whose root is exactly `root`.
    public func plugin(at root: RelativePath) -> Plugin? {
        indexByRoot[root].map { plugins[$0] }
    }

    /// The nearest plugin whose root contains `path` (or is `path`).
    public func enclosingPlugin(of path: RelativePath) -> Plugin? {
        guard !indexByRoot.isEmpty else { return nil }
        var components = path.components
        while true {
            if let index = indexByRoot[RelativePath(trusted: components)] { return plugins[index] }
            if components.isEmpty { return nil }
            components.removeLast()
        }
    }

    /// The diagnostics, attributed to the detector that reports them (a layout shared by a scan's
    /// detectors is read once, by none of them in particular).
    public func diagnostics(reportedBy id: PluginID) -> [Diagnostic] {
        diagnostics.map { diagnostic in
            var diagnostic = diagnostic
            diagnostic.pluginID = id
            return diagnostic
        }
    }

    /// Every explicit path declared for `type`, with the plugin that declares it.
    public func declaredPaths(for type: ArtifactType) -> [(path: RelativePath, plugin: Plugin)] {
        plugins.flatMap { plugin in (plugin.declaredPaths[type] ?? []).map { (path: $0, plugin: plugin) } }
    }

    /// Reads every manifest of `tree`.
    public static func discover(in tree: SourceTree, pluginID: PluginID? = nil) async -> PluginLayout {
        var builder = Builder(tree: tree, pluginID: pluginID)
        await builder.run()
        return builder.finish()
    }
}

extension PluginLayout {
    /// Where a manifest sits and what it is.
    enum ManifestKind {
        case marketplace(base: RelativePath, harness: Harness)
        case plugin(root: RelativePath, harness: Harness, standalone: Bool)
        case gemini(root: RelativePath)
        case packageJSON(root: RelativePath)
    }

    /// Classifies a file of the tree by its path alone.
    static func classify(_ path: RelativePath) -> ManifestKind? {
        let components = path.components
        guard let name = components.last else { return nil }
        let count = components.count
        func folder(_ offset: Int) -> String? { count > offset ? components[count - 1 - offset] : nil }
        func prefix(_ dropping: Int) -> RelativePath { RelativePath(trusted: Array(components.dropLast(dropping))) }
        switch name {
        case "marketplace.json":
            switch (folder(2), folder(1)) {
            case (_, ".claude-plugin"): return .marketplace(base: prefix(2), harness: .claudeCode)
            case (_, ".cursor-plugin"): return .marketplace(base: prefix(2), harness: .cursor)
            case (".agents", "plugins"): return .marketplace(base: prefix(3), harness: .codex)
            case (".github", "plugin"): return .marketplace(base: prefix(3), harness: .copilot)
            default: return nil
            }
        case "plugin.json":
            switch (folder(2), folder(1)) {
            case (_, ".claude-plugin"): return .plugin(root: prefix(2), harness: .claudeCode, standalone: false)
            case (_, ".codex-plugin"): return .plugin(root: prefix(2), harness: .codex, standalone: false)
            case (_, ".cursor-plugin"), (_, ".cursor"): return .plugin(root: prefix(2), harness: .cursor, standalone: false)
            case (".github", "plugin"): return .plugin(root: prefix(3), harness: .copilot, standalone: false)
            default:
                // A bare plugin.json (Copilot CLI, agent-plugins) names its folder as the plugin root.
                if let parent = folder(1), parent.hasPrefix(".") { return nil }
                return .plugin(root: prefix(1), harness: .agentPlugins, standalone: true)
            }
        case "gemini-extension.json":
            return .gemini(root: prefix(1))
        case "package.json":
            return .packageJSON(root: prefix(1))
        default:
            return nil
        }
    }

    struct Builder {
        let tree: SourceTree
        let pluginID: PluginID?
        var plugins: [RelativePath: Plugin] = [:]
        var marketplaces: [RelativePath] = []
        var diagnostics: [Diagnostic] = []

        init(tree: SourceTree, pluginID: PluginID?) {
            self.tree = tree
            self.pluginID = pluginID
        }

        mutating func run() async {
            var marketplaceFiles: [(RelativePath, RelativePath, Harness)] = []
            var pluginFiles: [(RelativePath, RelativePath, Harness, Bool)] = []
            var geminiFiles: [(RelativePath, RelativePath)] = []
            var packageFiles: [(RelativePath, RelativePath)] = []
            for entry in tree.entries where entry.mode != .symlink {
                guard let kind = PluginLayout.classify(entry.path) else { continue }
                if ArtifactConventions.isInNonArtifactFolder(entry.path) { continue }
                switch kind {
                case .marketplace(let base, let harness): marketplaceFiles.append((entry.path, base, harness))
                case .plugin(let root, let harness, let standalone): pluginFiles.append((entry.path, root, harness, standalone))
                case .gemini(let root): geminiFiles.append((entry.path, root))
                case .packageJSON(let root): packageFiles.append((entry.path, root))
                }
            }
            for (path, root, harness, standalone) in pluginFiles {
                await readPluginManifest(path, root: root, harness: harness, standalone: standalone)
            }
            for (path, base, harness) in marketplaceFiles {
                await readMarketplace(path, base: base, harness: harness)
            }
            for (path, root) in geminiFiles {
                await readGeminiExtension(path, root: root)
            }
            for (path, root) in packageFiles {
                await readPiPackage(path, root: root)
            }
        }

        func finish() -> PluginLayout {
            let sorted = plugins.values.sorted { $0.root < $1.root }
            return PluginLayout(
                plugins: sorted,
                marketplaces: marketplaces.sorted(),
                diagnostics: diagnostics,
                indexByRoot: Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1.root, $0) })
            )
        }

        // MARK: Manifests

        mutating func readPluginManifest(_ path: RelativePath, root: RelativePath, harness: Harness, standalone: Bool) async {
            switch await ManifestReading.json(at: path, in: tree, pluginID: pluginID, purpose: "its plugin declarations") {
            case .failed(let diagnostic):
                // A bare plugin.json may belong to anything; only a harness folder vouches for a plugin.
                guard !standalone else { return }
                diagnostics.append(diagnostic)
                merge(root: root, name: nil, harness: harness, manifest: path, listed: false, components: nil)
            case .value(let value):
                guard let object = value.objectValue else {
                    if !standalone {
                        diagnostics.append(Diagnostic(.warning, path: path.string, "is not a JSON object; its plugin declarations were skipped", pluginID: pluginID))
                    }
                    return
                }
                let name = object["name"]?.stringValue
                if standalone, name == nil { return }
                merge(root: root, name: name, harness: harness, manifest: path, listed: false, components: object)
            }
        }

        mutating func readMarketplace(_ path: RelativePath, base: RelativePath, harness: Harness) async {
            guard case .value(let value) = await readJSON(path, purpose: "its plugin list") else { return }
            guard let entries = value["plugins"]?.arrayValue else {
                diagnostics.append(Diagnostic(.warning, path: path.string, "has no 'plugins' list; it was skipped", pluginID: pluginID))
                return
            }
            marketplaces.append(path)
            var pluginBase = base
            if let extra = value["metadata"]?["pluginRoot"]?.stringValue ?? value["pluginRoot"]?.stringValue {
                if let resolved = resolve(extra, against: base, in: path) { pluginBase = resolved }
            }
            for entry in entries {
                guard let object = entry.objectValue else { continue }
                let name = object["name"]?.stringValue
                guard let sourceText = PluginLayout.localSource(object["source"]) else { continue }
                guard let root = resolve(sourceText, against: pluginBase, in: path) else { continue }
                guard root.isRoot || tree.isDirectory(root) else {
                    diagnostics.append(Diagnostic(
                        .info, path: path.string,
                        "lists plugin '\(name ?? sourceText)' at '\(sourceText)', which is not in the tree; it was skipped",
                        pluginID: pluginID
                    ))
                    continue
                }
                merge(root: root, name: name, harness: harness, manifest: path, listed: true, components: object)
            }
        }

        mutating func readGeminiExtension(_ path: RelativePath, root: RelativePath) async {
            guard case .value(let value) = await readJSON(path, purpose: "its extension declarations"), let object = value.objectValue else { return }
            var components: [String: JSONValue] = [:]
            if let servers = object["mcpServers"] { components["mcpServers"] = servers }
            merge(root: root, name: object["name"]?.stringValue, harness: .gemini, manifest: path, listed: false, components: components)
        }

        mutating func readPiPackage(_ path: RelativePath, root: RelativePath) async {
            // package.json files are everywhere; only those with a `pi` table declare anything, and a
            // placeholder or broken one is not worth a diagnostic here (the MCP detector reports it).
            guard let data = try? await tree.contents(of: path), data.count < 1_000_000,
                  let value = try? ManifestReading.parseJSON(data), let pi = value["pi"]?.objectValue
            else { return }
            var components: [String: JSONValue] = [:]
            if let skills = pi["skills"] { components["skills"] = skills }
            if let prompts = pi["prompts"] { components["commands"] = prompts }
            guard !components.isEmpty else { return }
            merge(root: root, name: value["name"]?.stringValue, harness: .pi, manifest: path, listed: false, components: components)
        }

        mutating func readJSON(_ path: RelativePath, purpose: String) async -> ManifestReading.JSONOutcome {
            let outcome = await ManifestReading.json(at: path, in: tree, pluginID: pluginID, purpose: purpose)
            if case .failed(let diagnostic) = outcome { diagnostics.append(diagnostic) }
            return outcome
        }

        // MARK: Merging

        mutating func merge(
            root: RelativePath,
            name: String?,
            harness: Harness,
            manifest: RelativePath,
            listed: Bool,
            components: [String: JSONValue]?
        ) {
            var plugin = plugins[root] ?? Plugin(
                root: root,
                name: name ?? root.lastComponent ?? "plugin",
                harnesses: [],
                manifests: [],
                isListedInMarketplace: false,
                declaredPaths: [:],
                inlineMCPServers: [],
                inlineHooks: []
            )
            // A plugin manifest's own name wins over a marketplace entry's.
            if let name, !listed || plugin.manifests.isEmpty { plugin.name = name }
            plugin.harnesses.insert(harness)
            if !plugin.manifests.contains(manifest) { plugin.manifests.append(manifest) }
            plugin.isListedInMarketplace = plugin.isListedInMarketplace || listed
            if let components {
                for (key, type) in [("skills", ArtifactType.skill), ("commands", .command), ("agents", .agent)] {
                    for text in PluginLayout.pathStrings(components[key]) {
                        guard let path = resolve(text, against: root, in: manifest) else { continue }
                        plugin.declaredPaths[type, default: []].append(path)
                    }
                }
                for (key, type) in [("hooks", ArtifactType.hook), ("mcpServers", .mcpServer)] {
                    for item in PluginLayout.items(components[key]) {
                        if let text = item.stringValue {
                            guard let path = resolve(text, against: root, in: manifest) else { continue }
                            plugin.declaredPaths[type, default: []].append(path)
                        } else if item.objectValue != nil {
                            let declaration = InlineDeclaration(file: manifest, value: item)
                            if type == .hook { plugin.inlineHooks.append(declaration) } else { plugin.inlineMCPServers.append(declaration) }
                        }
                    }
                }
            }
            for type in plugin.declaredPaths.keys {
                plugin.declaredPaths[type] = Array(Set(plugin.declaredPaths[type] ?? [])).sorted()
            }
            plugins[root] = plugin
        }

        /// Resolves a manifest's relative path against `base`; a path that climbs out becomes a diagnostic.
        mutating func resolve(_ text: String, against base: RelativePath, in manifest: RelativePath) -> RelativePath? {
            let trimmed = text.trimmingSpaces()
            guard !trimmed.isEmpty, !trimmed.utf8Contains("://") else { return nil }
            do {
                return try base.appending(trimmed)
            } catch {
                diagnostics.append(Diagnostic(.warning, path: manifest.string, "declares the path '\(trimmed)', which was refused: \(error.description)", pluginID: pluginID))
                return nil
            }
        }
    }

    /// The local path of a marketplace entry's `source`, or nil when it points to another repository.
    static func localSource(_ source: JSONValue?) -> String? {
        switch source {
        case .string(let text):
            let lowered = text.lowercased()
            if lowered.contains("://") || lowered.hasPrefix("git@") || lowered.hasPrefix("github:") { return nil }
            return text
        case .object(let object):
            let kind = object["source"]?.stringValue?.lowercased() ?? object["type"]?.stringValue?.lowercased()
            guard kind == "local" || kind == "path" || kind == "directory" || kind == nil else { return nil }
            guard object["repo"] == nil, object["url"] == nil else { return nil }
            return object["path"]?.stringValue
        default:
            return nil
        }
    }

    /// A manifest field that may be one path or a list of paths.
    static func pathStrings(_ value: JSONValue?) -> [String] {
        items(value).compactMap(\.stringValue)
    }

    static func items(_ value: JSONValue?) -> [JSONValue] {
        switch value {
        case .array(let items): items
        case .some(let item): [item]
        case nil: []
        }
    }
}
