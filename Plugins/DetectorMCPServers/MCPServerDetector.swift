public import SkillMeatPluginAPI
import Foundation

/// Finds MCP servers: every server entry of an `.mcp.json` / `mcp.json` (wrapped in `mcpServers` or
/// `servers`, or flat), of an `mcpServers` block in a plugin or extension manifest, and of MCP config
/// files a manifest names; plus MCP server packages (a package.json or pyproject.toml that depends on
/// an MCP server SDK). One artifact per server per declaring file.
public struct MCPServerDetector: ArtifactDetector {
    public let artifactType: ArtifactType = .mcpServer
    private let id: PluginID

    /// npm packages that only a server depends on.
    static let serverSDKs: Set<String> = ["@modelcontextprotocol/sdk", "@modelcontextprotocol/server", "fastmcp", "mcp-framework", "@mastra/mcp"]
    /// Python distributions that provide an MCP server framework.
    static let pythonServerSDKs: Set<String> = ["mcp", "fastmcp"]
    /// Keys that mark a JSON object as one server's configuration.
    static let serverConfigKeys: Set<String> = ["command", "url", "type", "httpUrl", "serverUrl", "transport"]

    public init(context: PluginContext) {
        self.id = context.id
    }

    public func detect(_ input: DetectionInput) async -> DetectionResult {
        let tree = input.tree
        let layout = await input.analysis().layout
        var diagnostics: [Diagnostic] = []
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
            } else if name == "package.json" || name == "pyproject.toml" {
                if ArtifactConventions.isInNonArtifactFolder(path) { continue }
                if let artifact = await readPackage(path, tree: tree, diagnostics: &diagnostics) { add(artifact) }
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

        let artifacts = found.values.sorted { ($0.path, $0.name) < ($1.path, $1.name) }
        return DetectionResult(artifacts: artifacts, diagnostics: layout.diagnostics(reportedBy: id) + diagnostics)
    }

    private func readConfigFile(
        _ path: RelativePath,
        plugin: PluginLayout.Plugin?,
        layout: PluginLayout,
        tree: SourceTree,
        diagnostics: inout [Diagnostic]
    ) async -> [DetectedArtifact] {
        let value: JSONValue
        switch await ManifestReading.json(at: path, in: tree, pluginID: id, purpose: "its MCP servers") {
        case .failed(let diagnostic):
            diagnostics.append(diagnostic)
            return []
        case .value(let parsed):
            value = parsed
        }
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

    private func readPackage(_ path: RelativePath, tree: SourceTree, diagnostics: inout [Diagnostic]) async -> DetectedArtifact? {
        guard let directory = path.parent else { return nil }
        let data: Data
        do {
            data = try await tree.contents(of: path)
        } catch {
            diagnostics.append(Diagnostic(.warning, path: path.string, "could not be read (\(error)); it was skipped", pluginID: id))
            return nil
        }
        let package: (name: String?, reasons: [String], confidence: Int)?
        if path.lastComponent == "package.json" {
            guard let value = try? ManifestReading.parseJSON(data) else {
                diagnostics.append(Diagnostic(.info, path: path.string, "is not valid JSON; it was not checked for an MCP server", pluginID: id))
                return nil
            }
            package = Self.npmServer(value)
        } else {
            package = Self.pythonServer(String(decoding: data, as: UTF8.self))
        }
        guard let package else { return nil }
        return DetectedArtifact(
            type: .mcpServer,
            name: package.name ?? directory.lastComponent ?? "mcp-server",
            path: directory,
            confidence: package.confidence,
            reasons: package.reasons,
            files: tree.entries(under: directory).map(\.path),
            detectorID: id
        )
    }

    static func npmServer(_ value: JSONValue) -> (name: String?, reasons: [String], confidence: Int)? {
        let name = value["name"]?.stringValue
        var reasons: [String] = []
        var confidence = 0
        if let registryName = value["mcpName"]?.stringValue {
            reasons.append("package.json names it in the MCP registry as '\(registryName)'")
            confidence = 90
        }
        for key in ["dependencies", "peerDependencies"] {
            for dependency in (value[key]?.objectValue ?? [:]).keys.sorted() where serverSDKs.contains(dependency) {
                reasons.append("package.json depends on the MCP server SDK '\(dependency)'")
                confidence = max(confidence, value["bin"] != nil || (name?.lowercased().contains("mcp") ?? false) ? 85 : 70)
            }
        }
        // A monorepo root only aggregates its workspaces.
        if value["workspaces"] != nil, value["mcpName"] == nil { return nil }
        return reasons.isEmpty ? nil : (name, reasons, confidence)
    }

    /// Reads a pyproject.toml line by line: the project name and whether a dependency is an MCP framework.
    static func pythonServer(_ text: String) -> (name: String?, reasons: [String], confidence: Int)? {
        var table = ""
        var name: String?
        var inDependencies = false
        var sdk: String?
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") {
                table = line.trimmingCharacters(in: CharacterSet(charactersIn: "[] "))
                inDependencies = table == "tool.poetry.dependencies"
                continue
            }
            if (table == "project" || table == "tool.poetry"), line.hasPrefix("name"), let value = quoted(line) {
                name = name ?? value
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
            if pythonServerSDKs.contains(distribution) { sdk = distribution }
            if line.hasSuffix("]"), table == "project" { inDependencies = false }
        }
        guard let sdk else { return nil }
        let confidence = name?.lowercased().contains("mcp") == true ? 85 : 70
        return (name, ["pyproject.toml depends on the MCP server framework '\(sdk)'"], confidence)
    }

    private static func quoted(_ line: String) -> String? {
        guard let open = line.firstIndex(where: { $0 == "\"" || $0 == "'" }) else { return nil }
        let quote = line[open]
        let rest = line[line.index(after: open)...]
        guard let close = rest.firstIndex(of: quote) else { return nil }
        return String(rest[..<close])
    }
}
