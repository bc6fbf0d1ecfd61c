public import SkillMeatPluginAPI

/// Finds skills: folders holding a `SKILL.md`, whether a manifest declares them, a plugin's or
/// `.claude/` skills folder holds them, or they stand alone. Authoring templates and a `SKILL.md`
/// nested inside another skill are not skills of their own.
public struct SkillDetector: TreeDetector {
    public let artifactType: ArtifactType = .skill
    public let id: PluginID

    public init(context: PluginContext) {
        self.id = context.id
    }

    public func detect(in tree: SourceTree, analysis: TreeAnalysis, diagnostics: inout [Diagnostic]) async -> [DetectedArtifact] {
        let layout = analysis.layout
        let skills = analysis.skills

        var byParent: [RelativePath: [RelativePath]] = [:]
        for directory in skills.directories {
            if let parent = directory.parent { byParent[parent, default: []].append(directory) }
        }
        // Explicit declarations name either one skill folder or a folder of skills.
        var declared: [RelativePath: String] = [:]
        for (path, plugin) in layout.declaredPaths(for: .skill) {
            if skills.isSkill(path) {
                declared[path] = "listed as a skill of \(plugin.declaredBy)"
            } else if let children = byParent[path], !children.isEmpty {
                for child in children where declared[child] == nil {
                    declared[child] = "in the skills folder '\(path)' of \(plugin.declaredBy)"
                }
            } else if !tree.contains(path.appending(RelativePath.skillManifest)) {
                diagnostics.append(Diagnostic(
                    .info, path: plugin.manifests.first?.string,
                    "declares the skill '\(path)', but no SKILL.md was found there", pluginID: id
                ))
            }
        }

        var artifacts: [DetectedArtifact] = []
        artifacts.reserveCapacity(skills.directories.count)
        for directory in skills.directories {
            guard let manifest = manifestPath(in: directory, tree: tree) else { continue }
            // Only the frontmatter matters here, so only the file's head is read.
            let (frontmatter, diagnostic) = await ManifestReading.frontmatter(at: manifest, in: tree, pluginID: id, includingBody: false)
            if let diagnostic { diagnostics.append(diagnostic) }
            var reasons: [String] = []
            var confidence: Int
            if let reason = declared[directory] {
                reasons.append(reason)
                confidence = DetectionConfidence.declared
            } else if let reason = conventionalFolderReason(directory, layout: layout) {
                reasons.append(reason)
                confidence = DetectionConfidence.platformFolder
            } else {
                reasons.append("the folder holds a SKILL.md")
                confidence = 75
            }
            if let frontmatter, frontmatter.isPresent, frontmatter.string("name") != nil, frontmatter.string("description") != nil {
                reasons.append("SKILL.md has name and description frontmatter")
                // The Agent Skills format defines a skill by this file, wherever it is.
                confidence = max(confidence, DetectionConfidence.platformFolder)
            } else {
                reasons.append("SKILL.md has no name/description frontmatter")
                confidence -= 10
            }
            var skill = DetectedArtifact(
                type: .skill,
                name: directory.lastComponent ?? "skill",
                path: directory,
                confidence: confidence,
                reasons: reasons,
                metadata: frontmatter.map(ArtifactMetadata.init(frontmatter:)) ?? ArtifactMetadata(),
                files: tree.entries(under: directory).map(\.path),
                detectorID: id
            )
            await ScaffoldCheck.adjust(&skill, frontmatter: frontmatter, tree: tree)
            artifacts.append(skill)
        }
        if let manifest = skills.rootManifest {
            // The repository itself is the skill (cloned whole into a skills folder); only frontmatter
            // with a name says so, since a root SKILL.md is otherwise easily a document about skills.
            let (frontmatter, diagnostic) = await ManifestReading.frontmatter(at: manifest, in: tree, pluginID: id, includingBody: false)
            if let diagnostic { diagnostics.append(diagnostic) }
            if let frontmatter, frontmatter.isPresent, let name = frontmatter.string("name"), frontmatter.string("description") != nil {
                var skill = DetectedArtifact(
                    type: .skill,
                    name: name,
                    path: .root,
                    confidence: 85,
                    reasons: ["SKILL.md at the repository root, with name and description frontmatter: the repository is the skill folder"],
                    metadata: ArtifactMetadata(frontmatter: frontmatter),
                    files: tree.entries.filter { $0.mode != .symlink }.map(\.path),
                    detectorID: id
                )
                await ScaffoldCheck.adjust(&skill, frontmatter: frontmatter, tree: tree)
                artifacts.append(skill)
            }
        }
        return artifacts
    }

    /// `SKILL.md` in whatever case the folder spells it.
    private func manifestPath(in directory: RelativePath, tree: SourceTree) -> RelativePath? {
        let exact = directory.appending(RelativePath.skillManifest)
        if tree.contains(exact) { return exact }
        return tree.entries(under: directory).first { $0.path.parent == directory && $0.path.lastComponent?.uppercased() == "SKILL.MD" }?.path
    }

    /// Why the folder's place makes it a skill by convention: a plugin's `skills/` or `.claude/skills/`.
    private func conventionalFolderReason(_ directory: RelativePath, layout: PluginLayout) -> String? {
        guard let parent = directory.parent, parent.lastComponent == "skills" else { return nil }
        let owner = parent.parent ?? .root
        if let plugin = layout.plugin(at: owner) {
            return "in the skills folder of \(plugin.declaredBy)"
        }
        if let folder = owner.lastComponent, [".claude", ".agents", ".codex"].contains(folder) {
            return "in \(owner)/skills, where the agent loads project skills"
        }
        return nil
    }
}

extension RelativePath {
    static let skillManifest: RelativePath = {
        // A constant literal: validation cannot fail.
        (try? RelativePath(validating: "SKILL.md")) ?? .root
    }()
}
