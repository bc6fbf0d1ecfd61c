public import SkillMeatPluginAPI

/// Finds subagents: markdown files with agent frontmatter (`name` and `description`) in an `agents`
/// folder or declared by a manifest. Prompt files a skill keeps in its own `agents/` folder, output
/// styles and documentation carry similar frontmatter and are not agents.
public struct AgentDetector: TreeDetector {
    public let artifactType: ArtifactType = .agent
    public let id: PluginID

    /// Keys only a subagent definition carries; a loose file needs one of them besides name and description.
    static let agentOnlyKeys: Set<String> = ["tools", "color", "permissionMode", "disallowedTools"]

    public init(context: PluginContext) {
        self.id = context.id
    }

    public func detect(in tree: SourceTree, analysis: TreeAnalysis, diagnostics: inout [Diagnostic]) async -> [DetectedArtifact] {
        let layout = analysis.layout
        var artifacts: [DetectedArtifact] = []

        let placements = ComponentFolder.Placements(.agent, folderName: "agents", listedAs: "an agent", in: analysis, tree: tree)
        for entry in analysis.markdownOutsideSkills {
            let path = entry.path
            let placement = placements.placement(of: path)
            if placement == nil, !isLooseCandidate(path) { continue }
            let (frontmatter, diagnostic) = await ManifestReading.frontmatter(at: path, in: tree, pluginID: id, includingBody: false)
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
                confidence = DetectionConfidence.weakConvention
            }
            var agent = DetectedArtifact(
                type: .agent,
                name: name,
                path: path,
                confidence: confidence,
                reasons: reasons,
                metadata: ArtifactMetadata(frontmatter: frontmatter),
                files: [path],
                detectorID: id
            )
            await ScaffoldCheck.adjust(&agent, frontmatter: frontmatter, tree: tree)
            artifacts.append(agent)
        }
        return artifacts
    }

    /// Folders whose markdown is never a loose agent: commands, prompts, skills, output styles, rules, references.
    static let notAgentFolders: Set<String> = ["commands", "output-styles", "output_styles", "rules", "prompts", "skills", "references"]

    /// Loose agent definitions are looked for outside documentation, templates, output styles and rules,
    /// and a stray `SKILL.md` is never one.
    private func isLooseCandidate(_ path: RelativePath) -> Bool {
        guard path.lastComponent?.uppercased() != "SKILL.MD" else { return false }
        return ArtifactConventions.isLooseCandidate(path, excludedFolders: Self.notAgentFolders)
    }
}
