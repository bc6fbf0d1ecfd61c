/// A markdown file's place in a conventional component folder (`commands/`, `agents/`): the folder,
/// whose it is, and how much that placement says.
public struct ComponentFolder: Sendable, Hashable {
    /// The `commands` or `agents` folder itself.
    public var folder: RelativePath
    /// The plugin whose default folder it is, if any.
    public var plugin: PluginLayout.Plugin?
    /// A reason a user can check, e.g. "in the commands folder of plugin 'x' declared in …".
    public var reason: String
    /// How strongly the placement alone marks an artifact (0–100).
    public var confidence: Int

    /// The markdown files (symbolic links excluded) below a folder a manifest declares as a component
    /// folder, outside its resource subfolders (`templates/`, `examples/`, `scripts/`, …), in path order.
    public static func declaredFiles(in folder: RelativePath, of tree: SourceTree) -> [RelativePath] {
        tree.entries(under: folder).compactMap { entry in
            guard entry.mode != .symlink, ArtifactConventions.isMarkdown(entry.path),
                  let inside = entry.path.relative(to: folder),
                  !inside.components.dropLast().contains(where: { ArtifactConventions.resourceFolders.contains($0.lowercased()) })
            else { return nil }
            return entry.path
        }
    }

    /// Locates `path` as a component of `type` (`commands`/`agents` folders), or returns nil when no
    /// platform would load it from there. In order:
    /// 1. the default folder of a declared plugin (`DetectionConfidence.declared`);
    /// 2. a platform's documented place (`PlatformFolders`): `.claude/commands`, `.cursor/commands`, … at
    ///    `platformFolder`, or, for a platform SkillMeat does not deploy to by default, at `otherPlatform`;
    /// 3. nothing inside another tool's dot-folder (`.specify/`, `.taskmaster/`, …), documentation,
    ///    examples or templates;
    /// 4. any other folder named `folderName`: a convention only (`DetectionConfidence.convention`).
    /// Resource subfolders (`templates/`, `examples/`, `scripts/`, …) below the component folder hold no
    /// components; `docs/` or `test/` there are namespaces.
    public static func locate(
        _ path: RelativePath, folderName: String, type: ArtifactType, layout: PluginLayout,
        platformFolders: Set<String> = PlatformFolders.platformFolderNames
    ) -> ComponentFolder? {
        let nearest = ArtifactConventions.nearestFolder(named: folderName, in: path)
        if let folder = nearest, let plugin = layout.plugin(at: folder.parent ?? .root) {
            guard !inResourceFolder(path, below: folder) else { return nil }
            return ComponentFolder(folder: folder, plugin: plugin, reason: "in the \(folderName) folder of \(plugin.declaredBy)", confidence: DetectionConfidence.declared)
        }
        if let (place, folder) = PlatformFolders.place(of: path, for: type) {
            guard !inResourceFolder(path, below: folder), !inNoise(above: folder) else { return nil }
            let loaded = place.standing == .loaded
            return ComponentFolder(
                folder: folder, plugin: nil,
                reason: loaded ? "in \(folder), \(place.note)" : "in \(folder): \(place.note)",
                confidence: loaded ? DetectionConfidence.platformFolder : DetectionConfidence.otherPlatform
            )
        }
        guard let folder = nearest, PlatformFolders.foreignToolFolder(in: path, known: platformFolders) == nil else { return nil }
        guard !inResourceFolder(path, below: folder), !inNoise(above: folder) else { return nil }
        return ComponentFolder(
            folder: folder, plugin: layout.enclosingPlugin(of: folder),
            reason: "in a folder named '\(folderName)' that no plugin manifest or platform folder vouches for (a convention only)",
            confidence: DetectionConfidence.convention
        )
    }

    /// Whether a folder above the component folder holds documentation, examples, templates or fixtures.
    public static func inNoise(above folder: RelativePath) -> Bool {
        folder.components.dropLast().contains {
            let lowered = $0.lowercased()
            return ArtifactConventions.nonArtifactFolders.contains(lowered) || ArtifactConventions.isTemplateFolder($0)
                || ArtifactConventions.documentationFolders.contains(lowered)
        }
    }

    /// Whether `path` lies in a resource or template subfolder below the component folder `folder`.
    static func inResourceFolder(_ path: RelativePath, below folder: RelativePath) -> Bool {
        let inside = path.components[folder.components.count..<(path.components.count - 1)]
        return inside.contains { ArtifactConventions.resourceFolders.contains($0.lowercased()) || ArtifactConventions.isTemplateFolder($0) }
    }
}
