public import SkillMeatPluginAPI

/// Finds subagents: markdown files with agent frontmatter (`name` and `description`) in an `agents`
/// folder or declared by a manifest. Prompt files a skill keeps in its own `agents/` folder, output
/// styles and documentation carry similar frontmatter and are not agents.
public struct AgentDetector: ArtifactDetector {
    public let artifactType: ArtifactType = .agent
    private let id: PluginID

    /// Keys only a subagent definition carries; a loose file needs one of them besides name and description.
    static let agentOnlyKeys: Set<String> = ["tools", "color", "permissionMode", "disallowedTools"]

    public init(context: PluginContext) {
        self.id = context.id
    }

    public func detect(_ input: DetectionInput) async -> DetectionResult {
        let tree = input.tree
        let layout = await PluginLayout.discover(in: tree, pluginID: id)
        let skills = SkillDirectories(tree: tree)
        var diagnostics: [Diagnostic] = []
        var artifacts: [DetectedArtifact] = []

        var declared: [RelativePath: String] = [:]
        for (path, plugin) in layout.declaredPaths(for: .agent) {
            if tree.contains(path) {
                if ArtifactConventions.isMarkdown(path) { declared[path] = "listed as an agent of \(plugin.declaredBy)" }
            } else {
                for entry in tree.entries(under: path) where entry.mode != .symlink && ArtifactConventions.isMarkdown(entry.path) {
                    let inside = entry.path.relative(to: path)?.components.dropLast() ?? []
                    if inside.contains(where: { ArtifactConventions.resourceFolders.contains($0.lowercased()) }) { continue }
                    declared[entry.path] = "in the agents folder '\(path)' of \(plugin.declaredBy)"
                }
            }
        }

        for entry in tree.entries where entry.mode != .symlink && ArtifactConventions.isMarkdown(entry.path) {
            let path = entry.path
            if skills.enclosingSkill(of: path) != nil { continue }
            let placement = declared[path].map { (reason: $0, confidence: 95) }
                ?? ComponentFolder.locate(path, folderName: "agents", layout: layout).map { (reason: $0.reason, confidence: $0.confidence) }
            if placement == nil, !isLooseCandidate(path) { continue }
            let (frontmatter, diagnostic) = await ManifestReading.frontmatter(at: path, in: tree, pluginID: id)
            guard let frontmatter, frontmatter.isPresent, let name = frontmatter.string("name"),
                  frontmatter.string("description") != nil
            else { continue }
            if let diagnostic { diagnostics.append(diagnostic) }
            var reasons: [String]
            var confidence: Int
            if let placement {
                reasons = [placement.reason, "has agent frontmatter (name, description)"]
                confidence = placement.confidence
            } else {
                // Outside an agents folder only a definition with agent-only keys is trusted.
                let keys = Set(frontmatter.fields.keys).intersection(Self.agentOnlyKeys)
                guard !keys.isEmpty else { continue }
                reasons = ["has agent frontmatter (name, description, \(keys.sorted().joined(separator: ", "))) outside an agents folder"]
                confidence = 55
            }
            artifacts.append(DetectedArtifact(
                type: .agent,
                name: name,
                path: path,
                confidence: confidence,
                reasons: reasons,
                metadata: ArtifactMetadata(frontmatter: frontmatter),
                files: [path],
                detectorID: id
            ))
        }
        return DetectionResult(artifacts: artifacts, diagnostics: layout.diagnostics + diagnostics)
    }

    /// Loose agent definitions are looked for outside documentation, templates, output styles and rules.
    private func isLooseCandidate(_ path: RelativePath) -> Bool {
        guard let name = path.lastComponent, !ArtifactConventions.isDocumentationName(name) else { return false }
        if name.caseInsensitiveCompareSkill { return false }
        if ArtifactConventions.isInNonArtifactFolder(path) || ArtifactConventions.isInDocumentationFolder(path) { return false }
        let folders = path.components.dropLast()
        if folders.contains(where: { $0.hasPrefix(".") && $0 != ".claude" }) { return false }
        return !folders.contains { ["commands", "output-styles", "output_styles", "rules", "prompts", "skills", "references"].contains($0.lowercased()) }
    }
}

private extension String {
    var caseInsensitiveCompareSkill: Bool { uppercased() == "SKILL.MD" }
}
