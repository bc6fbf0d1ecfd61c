/// What every detector of one scan needs to know about the tree, worked out once: the plugins its
/// manifests declare, its skill directories and its markdown files outside skills. The scanner builds
/// one per scan and hands it to every detector; a detector given only a tree builds its own.
public struct TreeAnalysis: Sendable {
    /// The plugins the tree's manifests declare (diagnostics carry no plugin id; see
    /// `PluginLayout.diagnostics(reportedBy:)`).
    public let layout: PluginLayout
    /// The skill directories.
    public let skills: SkillDirectories
    /// Markdown files (symbolic links excluded) that are not inside a skill directory, in path order:
    /// the candidates of the command and agent detectors.
    public let markdownOutsideSkills: [SourceTreeEntry]
    /// Dot-folders that belong to a platform: `PlatformFolders.platformFolderNames` and those the host's
    /// deployers declare. Any other dot-folder is another tool's.
    public let platformFolders: Set<String>

    /// Analyses `tree`: one pass over its entries plus one read per manifest. `platformFolders` adds
    /// the dot-folders of platforms the host deploys to beyond the ones the plugin API knows.
    public static func build(_ tree: SourceTree, platformFolders: Set<String> = []) async -> TreeAnalysis {
        let layout = await PluginLayout.discover(in: tree)
        let skills = SkillDirectories(tree: tree)
        // Each skill's files are one contiguous run of the sorted entries (outer skills never nest), so
        // skipping those runs replaces an ancestor lookup per file.
        // (Sorted by position: `a/b-c/` files sort before `a/b/` files though `a/b` < `a/b-c`.)
        let insideSkills = skills.directories.map { tree.entries(under: $0).indices }.filter { !$0.isEmpty }
            .sorted { $0.lowerBound < $1.lowerBound }
        var markdown: [SourceTreeEntry] = []
        var next = insideSkills.makeIterator()
        var skipped = next.next()
        for (position, entry) in tree.entries.enumerated() {
            while let range = skipped, range.upperBound <= position { skipped = next.next() }
            if let range = skipped, range.contains(position) { continue }
            if entry.mode != .symlink, ArtifactConventions.isMarkdown(entry.path) { markdown.append(entry) }
        }
        return TreeAnalysis(layout: layout, skills: skills, markdownOutsideSkills: markdown,
                            platformFolders: PlatformFolders.platformFolderNames.union(platformFolders))
    }
}
