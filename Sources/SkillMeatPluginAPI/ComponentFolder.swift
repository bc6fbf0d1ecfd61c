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

    /// Locates `path` in the nearest folder called `folderName`, or returns nil when the file is not in
    /// one, sits in a resource subfolder of it (`templates/`, `examples/`, `scripts/`, …), or the folder
    /// itself lies in documentation, examples or templates. Subfolders such as `docs/` or `test/` below
    /// the component folder are namespaces, not documentation.
    public static func locate(_ path: RelativePath, folderName: String, layout: PluginLayout) -> ComponentFolder? {
        guard let folder = ArtifactConventions.nearestFolder(named: folderName, in: path) else { return nil }
        let inside = path.components[folder.components.count..<(path.components.count - 1)]
        if inside.contains(where: { ArtifactConventions.resourceFolders.contains($0.lowercased()) || ArtifactConventions.isTemplateFolder($0) }) {
            return nil
        }
        let owner = folder.parent ?? .root
        if let plugin = layout.plugin(at: owner) {
            return ComponentFolder(folder: folder, plugin: plugin, reason: "in the \(folderName) folder of \(plugin.declaredBy)", confidence: 95)
        }
        let above = owner.components
        if above.contains(where: { ArtifactConventions.nonArtifactFolders.contains($0.lowercased()) || ArtifactConventions.isTemplateFolder($0) }) {
            return nil
        }
        if above.contains(where: { ArtifactConventions.documentationFolders.contains($0.lowercased()) }) {
            return nil
        }
        if let last = above.last, last == ".claude" || last == ".codex" || last == ".agents" || last == ".github" {
            return ComponentFolder(folder: folder, plugin: nil, reason: "in \(folder), where the agent loads project \(folderName)", confidence: 95)
        }
        return ComponentFolder(folder: folder, plugin: layout.enclosingPlugin(of: folder), reason: "in a '\(folderName)' folder", confidence: 85)
    }
}
