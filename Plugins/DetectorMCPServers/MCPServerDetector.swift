public import SkillMeatPluginAPI
import Foundation

/// Finds MCP servers: every server entry of an `.mcp.json` / `mcp.json` (wrapped in `mcpServers` or
/// `servers`, or flat), of an `mcpServers` block in a plugin or extension manifest, and of MCP config
/// files a manifest names; plus MCP server packages (a package.json or pyproject.toml that depends on
/// an MCP server SDK). One artifact per server per declaring file.
public struct MCPServerDetector: TreeDetector {
    public let artifactType: ArtifactType = .mcpServer
    public let id: PluginID

    /// npm packages that only a server depends on.
    static let serverSDKs: Set<String> = ["@modelcontextprotocol/sdk", "@modelcontextprotocol/server", "fastmcp", "mcp-framework", "@mastra/mcp"]
    /// Python distributions that provide an MCP server framework.
    static let pythonServerSDKs: Set<String> = ["mcp", "fastmcp"]
    /// Keys that mark a JSON object as one server's configuration.
    static let serverConfigKeys: Set<String> = ["command", "url", "type", "httpUrl", "serverUrl", "transport"]

    public init(context: PluginContext) {
        self.id = context.id
    }

    public func detect(in tree: SourceTree, analysis: TreeAnalysis, diagnostics: inout [Diagnostic]) async -> [DetectedArtifact] {
        let layout = analysis.layout
        var found: [String: DetectedArtifact] = [:]

        func add(_ artifact: DetectedArtifact) {
            let key = artifact.path.string + "\u{0}" + artifact.name
            if let existing = found[key], existing.confidence >= artifact.confidence { return }
            found[key] = artifact
        }

        // Config files named by a manifest, whatever their name.
        var declaredFiles: [RelativePath: PluginLayout.Plugin] = [:]
        for (path, plugin) in layout.declaredPaths(for: .mcpServer) where tree.contains(path) {
            declaredFiles[path] = plugin
        }

        var packageFiles: [RelativePath] = []
        for entry in tree.entries where entry.mode != .symlink {
            let path = entry.path
            guard let name = path.lastComponent else { continue }
            let plugin = declaredFiles[path]
            let isConfigName = name == ".mcp.json" || name == "mcp.json"
            if isConfigName || plugin != nil {
                if plugin == nil, ArtifactConventions.isInNonArtifactFolder(path) { continue }
                for artifact in await readConfigFile(path, plugin: plugin, layout: layout, tree: tree, diagnostics: &diagnostics) {
                    add(artifact)
                }
            } else if name == "settings.json", path.parent?.lastComponent == ".gemini" {
                if ArtifactConventions.isInNonArtifactFolder(path) { continue }
                for artifact in await readGeminiSettings(path, tree: tree, diagnostics: &diagnostics) { add(artifact) }
            } else if CodexConfig.isConfigFile(path) {
                if ArtifactConventions.isInNonArtifactFolder(path) { continue }
                for artifact in await readCodexConfig(path, tree: tree, diagnostics: &diagnostics) { add(artifact) }
            } else if name == "package.json" || name == "pyproject.toml" {
                if ArtifactConventions.isInNonArtifactFolder(path) { continue }
                packageFiles.append(path)
            }
        }

        for plugin in layout.plugins {
            for inline in plugin.inlineMCPServers {
                for (name, config) in Self.servers(in: inline.value, allowFlat: true) {
                    add(server(name, config: config, path: inline.file, confidence: 95,
                               reason: "declared in the mcpServers block of \(inline.file) (\(plugin.name))"))
                }
            }
        }

        // Packages last: a config that launches one is part of its evidence.
        let configs = found.values.filter { $0.declaration != nil }
        for path in packageFiles {
            guard let artifact = await readPackage(path, configs: configs, tree: tree, diagnostics: &diagnostics) else { continue }
            add(artifact)
            // The package and each config launching it are entries of their own; each names the other.
            if let config = Self.launchingConfig(of: artifact.path, name: artifact.name, in: configs) {
                let key = config.path.string + "\u{0}" + config.name
                found[key]?.reasons.append("configures the server package '\(artifact.name)' at '\(artifact.path)'")
            }
        }

        let artifacts = found.values.sorted { ($0.path, $0.name) < ($1.path, $1.name) }
        return artifacts
    }

    private func readConfigFile(
        _ path: RelativePath,
        plugin: PluginLayout.Plugin?,
        layout: PluginLayout,
        tree: SourceTree,
        diagnostics: inout [Diagnostic]
    ) async -> [DetectedArtifact] {
        guard let value = await ManifestReading.json(at: path, in: tree, pluginID: id, purpose: "its MCP servers", diagnostics: &diagnostics) else { return [] }
        let wrapped = value["mcpServers"] ?? value["servers"] ?? value["mcp_servers"]
        if let wrapped, wrapped.objectValue == nil {
            diagnostics.append(Diagnostic(.warning, path: path.string, "has an MCP server list that is not an object; it was skipped", pluginID: id))
            return []
        }
        let owner = plugin ?? layout.plugin(at: path.parent ?? .root)
        var confidence = path.lastComponent == ".mcp.json" ? 90 : 80
        var reason = "declared in \(path.lastComponent ?? "the MCP config")"
        if let owner {
            confidence = 95
            reason += " of \(owner.declaredBy)"
        }
        if wrapped == nil { confidence -= 10 }
        return Self.servers(in: value, allowFlat: true).map { name, config in
            server(name, config: config, path: path, confidence: confidence, reason: reason)
        }
    }

    /// The `mcpServers` of a Gemini CLI `.gemini/settings.json` (project settings; the rest of the file
    /// is the CLI's own configuration, so only that object is read).
    private func readGeminiSettings(_ path: RelativePath, tree: SourceTree, diagnostics: inout [Diagnostic]) async -> [DetectedArtifact] {
        guard let value = await ManifestReading.json(at: path, in: tree, pluginID: id, purpose: "its MCP servers", diagnostics: &diagnostics),
              let servers = value["mcpServers"]?.objectValue
        else { return [] }
        return servers.keys.sorted().compactMap { name in
            guard let config = servers[name], config.objectValue != nil else { return nil }
            return server(name, config: config, path: path, confidence: DetectionConfidence.platformFolder,
                          reason: "declared in the mcpServers of \(path), the project settings Gemini CLI reads")
        }
    }

    /// The `[mcp_servers.<name>]` tables of a Codex `.codex/config.toml`, in Claude's server form.
    private func readCodexConfig(_ path: RelativePath, tree: SourceTree, diagnostics: inout [Diagnostic]) async -> [DetectedArtifact] {
        guard let table = await ManifestReading.toml(at: path, in: tree, pluginID: id, purpose: "its MCP servers", diagnostics: &diagnostics) else { return [] }
        return CodexConfig.mcpServers(in: table).map { name, config in
            server(name, config: config, path: path, confidence: DetectionConfidence.platformFolder,
                   reason: "declared as [mcp_servers.\(name)] in \(path), the project configuration Codex reads")
        }
    }

    private func server(_ name: String, config: JSONValue, path: RelativePath, confidence: Int, reason: String) -> DetectedArtifact {
        DetectedArtifact(
            type: .mcpServer,
            name: name,
            path: path,
            confidence: confidence,
            reasons: [reason],
            metadata: ArtifactMetadata(description: config["description"]?.stringValue),
            files: [path],
            declaration: config,
            detectorID: id
        )
    }

    /// The servers of an MCP config: the `mcpServers` (or `servers`) object, or, when `allowFlat`, a
    /// flat object whose values each look like one server's configuration.
    static func servers(in value: JSONValue, allowFlat: Bool) -> [(String, JSONValue)] {
        if let wrapped = (value["mcpServers"] ?? value["servers"] ?? value["mcp_servers"])?.objectValue {
            return wrapped.filter { $0.value.objectValue != nil }.sorted { $0.key < $1.key }
        }
        guard allowFlat, let object = value.objectValue, !object.isEmpty else { return [] }
        let servers = object.filter { _, config in
            guard let fields = config.objectValue else { return false }
            return !serverConfigKeys.isDisjoint(with: fields.keys)
        }
        return servers.sorted { $0.key < $1.key }
    }

    // MARK: Server packages

    /// What a package manifest says that bears on being an MCP server.
    struct PackageFacts: Sendable {
        var name: String?
        /// Server SDKs it depends on at run time, and only for development (bundled servers do that).
        var runtimeSDKs: [String] = []
        var developmentSDKs: [String] = []
        var registryName: String?
        /// Executables it installs (`bin`, `[project.scripts]`).
        var executables: [String] = []
        /// Files its executables and `main` point at, relative to the package folder.
        var entryPoints: [String] = []
        var isPrivate = false
        var isWorkspaceRoot = false
    }

    /// A package that depends on an MCP server SDK is a server only when it shows it serves: an MCP
    /// registry name or `server.json`/`smithery.yaml` beside it, an executable with the SDK at run time,
    /// a config in the tree that launches it, or an entry point that starts a server transport. Test
    /// and evaluation harnesses, SDK clients and libraries a server is built from show none of these.
    private func readPackage(_ path: RelativePath, configs: [DetectedArtifact], tree: SourceTree, diagnostics: inout [Diagnostic]) async -> DetectedArtifact? {
        let directory = path.parent ?? .root
        let data: Data
        do {
            data = try await tree.contents(of: path)
        } catch {
            diagnostics.append(Diagnostic(.warning, path: path.string, "could not be read (\(error)); it was skipped", pluginID: id))
            return nil
        }
        let facts: PackageFacts?
        if path.lastComponent == "package.json" {
            guard let value = try? ManifestReading.parseJSON(data) else {
                diagnostics.append(Diagnostic(.info, path: path.string, "is not valid JSON; it was not checked for an MCP server", pluginID: id))
                return nil
            }
            facts = Self.npmFacts(value)
        } else {
            facts = Self.pythonFacts(String(decoding: data, as: UTF8.self))
        }
        guard let facts, facts.registryName != nil || !(facts.runtimeSDKs + facts.developmentSDKs).isEmpty else { return nil }
        let manifest = path.lastComponent ?? "package.json"
        var evidence: [String] = []
        if let registryName = facts.registryName { evidence.append("\(manifest) names it in the MCP registry as '\(registryName)'") }
        for sibling in ["server.json", "smithery.yaml", "smithery.yml"] where (try? directory.appending(sibling)).map(tree.contains) == true {
            evidence.append("\(sibling) beside it describes the server")
        }
        if !facts.runtimeSDKs.isEmpty, !facts.executables.isEmpty {
            evidence.append("installs the executable '\(facts.executables[0])' and runs the MCP server SDK")
        }
        if let config = Self.launchingConfig(of: directory, name: facts.name, in: configs) {
            evidence.append("\(config.path) launches it as '\(config.name)'")
        }
        if evidence.isEmpty, let entry = await Self.servingEntryPoint(facts.entryPoints, in: directory, tree: tree) {
            evidence.append("its entry point \(entry) starts a server transport")
        }
        guard !evidence.isEmpty else { return nil }
        let sdks = facts.runtimeSDKs + facts.developmentSDKs
        var reasons = evidence
        if !sdks.isEmpty { reasons.insert("\(manifest) depends on the MCP server SDK '\(sdks[0])'", at: 0) }
        if facts.isWorkspaceRoot { reasons.append("it is also the root of its workspace") }
        return DetectedArtifact(
            type: .mcpServer,
            name: facts.name ?? directory.lastComponent ?? "mcp-server",
            path: directory,
            confidence: DetectionConfidence.servingPackage,
            reasons: reasons,
            files: tree.entries(under: directory).map(\.path),
            detectorID: id
        )
    }

    static func npmFacts(_ value: JSONValue) -> PackageFacts? {
        guard value.objectValue != nil else { return nil }
        var facts = PackageFacts(name: value["name"]?.stringValue)
        facts.registryName = value["mcpName"]?.stringValue
        for key in ["dependencies", "peerDependencies", "optionalDependencies"] {
            facts.runtimeSDKs += (value[key]?.objectValue ?? [:]).keys.sorted().filter(serverSDKs.contains)
        }
        facts.developmentSDKs = (value["devDependencies"]?.objectValue ?? [:]).keys.sorted().filter(serverSDKs.contains)
        switch value["bin"] {
        case .string(let target):
            facts.executables = [facts.name.map { String($0.split(separator: "/").last ?? Substring($0)) } ?? "bin"]
            facts.entryPoints.append(target)
        case .object(let bins):
            for (command, target) in bins.sorted(by: { $0.key < $1.key }) {
                facts.executables.append(command)
                if let target = target.stringValue { facts.entryPoints.append(target) }
            }
        default:
            break
        }
        for key in ["main", "module"] { if let target = value[key]?.stringValue { facts.entryPoints.append(target) } }
        facts.isPrivate = value["private"]?.boolValue == true
        facts.isWorkspaceRoot = value["workspaces"] != nil
        return facts
    }

    /// Reads a pyproject.toml line by line: the project name, whether a dependency is an MCP framework,
    /// and its console scripts.
    static func pythonFacts(_ text: String) -> PackageFacts? {
        var table = ""
        var facts = PackageFacts()
        var inDependencies = false
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") {
                table = line.trimmingCharacters(in: CharacterSet(charactersIn: "[] "))
                inDependencies = table == "tool.poetry.dependencies"
                continue
            }
            if table == "project.scripts" || table == "tool.poetry.scripts", let equals = line.firstIndex(of: "="), !line.hasPrefix("#") {
                facts.executables.append(line[..<equals].trimmingCharacters(in: CharacterSet(charactersIn: " \"'")))
                continue
            }
            if (table == "project" || table == "tool.poetry"), line.hasPrefix("name"), let value = quoted(line) {
                facts.name = facts.name ?? value
            }
            if table == "project", line.hasPrefix("dependencies") { inDependencies = true }
            guard inDependencies else { continue }
            var requirement = line
            if table == "tool.poetry.dependencies" {
                requirement = String(line.prefix { $0 != "=" }).trimmingCharacters(in: .whitespaces)
            } else if let value = quoted(line) {
                requirement = value
            } else {
                if line.hasPrefix("]") { inDependencies = false }
                continue
            }
            let distribution = requirement.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }.lowercased()
            if pythonServerSDKs.contains(distribution), !facts.runtimeSDKs.contains(distribution) { facts.runtimeSDKs.append(distribution) }
            if line.hasSuffix("]"), table == "project" { inDependencies = false }
        }
        return facts
    }

    /// A config in the tree that starts this package (its name, or a path inside its folder, among the
    /// command's words) or, beside it, points at a server on this machine.
    static func launchingConfig(of directory: RelativePath, name: String?, in configs: [DetectedArtifact]) -> DetectedArtifact? {
        let sorted = configs.sorted { ($0.path, $0.name) < ($1.path, $1.name) }
        for config in sorted {
            guard let declaration = config.declaration else { continue }
            let words = ([declaration["command"]?.stringValue] + (declaration["args"]?.arrayValue ?? []).map(\.stringValue)).compactMap { $0 }
            for word in words {
                if let name, word == name || word.hasPrefix(name + "@") { return config }
                guard word.contains("/"), !word.contains("://"), !directory.isRoot else { continue }
                let base = configProjectRoot(config.path)
                if let resolved = try? base.appending(word), resolved.isDescendant(of: directory) { return config }
            }
            if config.path.parent ?? .root == directory, let url = declaration["url"]?.stringValue, isLocalURL(url) { return config }
        }
        return nil
    }

    /// The folder a config's relative paths start from: the project root for `.cursor/mcp.json`-style
    /// files in a dot-folder, the config's own folder otherwise.
    static func configProjectRoot(_ path: RelativePath) -> RelativePath {
        let folder = path.parent ?? .root
        if folder.lastComponent?.hasPrefix(".") == true { return folder.parent ?? .root }
        return folder
    }

    static func isLocalURL(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return ["://localhost", "://127.0.0.1", "://[::1]", "://0.0.0.0"].contains { lowered.contains($0) }
    }

    /// Code that starts an MCP server transport, in the SDKs' own spellings.
    static let serverMarkers = ["StdioServerTransport", "StreamableHTTPServerTransport", "SSEServerTransport", "new McpServer(", "FastMCP(", "mcp.server.stdio"]

    /// The first entry point (or its `src/` source when the target is a build output) whose code
    /// starts a server transport.
    static func servingEntryPoint(_ entryPoints: [String], in directory: RelativePath, tree: SourceTree) async -> RelativePath? {
        var candidates: [RelativePath] = []
        for entry in entryPoints {
            guard let path = try? directory.appending(entry) else { continue }
            candidates.append(path)
            // `dist/index.js` is built from `src/index.ts`: the built file is rarely committed.
            if let relative = path.relative(to: directory), let first = relative.components.first, ["dist", "build", "lib", "out"].contains(first),
               let stem = relative.stem {
                let folders: [String] = Array(relative.components.dropFirst().dropLast())
                let base: String = (["src"] + folders).joined(separator: "/") + "/" + stem
                for ext in ["ts", "mts", "js", "mjs"] {
                    if let source = try? directory.appending(base + "." + ext) { candidates.append(source) }
                }
            }
        }
        for candidate in candidates where tree.contains(candidate) {
            guard let data = try? await tree.prefix(of: candidate, maxBytes: 512 << 10) else { continue }
            let text = String(decoding: data, as: UTF8.self)
            if serverMarkers.contains(where: { text.contains($0) }) { return candidate }
        }
        return nil
    }

    private static func quoted(_ line: String) -> String? {
        guard let open = line.firstIndex(where: { $0 == "\"" || $0 == "'" }) else { return nil }
        let quote = line[open]
        let rest = line[line.index(after: open)...]
        guard let close = rest.firstIndex(of: quote) else { return nil }
        return String(rest[..<close])
    }
}
