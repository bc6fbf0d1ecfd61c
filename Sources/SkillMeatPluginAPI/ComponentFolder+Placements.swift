extension ComponentFolder {
    /// Where the markdown files of one scan stand as components of one type (commands, agents): first
    /// what a manifest declares — a file it lists, or the markdown below a folder it names — then a
    /// component folder (`ComponentFolder.locate`). Built once per detection; the detectors of
    /// markdown types share it.
    public struct Placements: Sendable {
        public let type: ArtifactType
        /// `commands`, `agents`.
        public let folderName: String
        /// The declared files, each with its reason ("listed as a command of …", "in the commands
        /// folder 'x' of …").
        public let declared: [RelativePath: String]
        let analysis: TreeAnalysis

        /// `listedAs` names one component in a reason: "a command", "an agent".
        public init(_ type: ArtifactType, folderName: String, listedAs: String, in analysis: TreeAnalysis, tree: SourceTree) {
            var declared: [RelativePath: String] = [:]
            for (path, plugin) in analysis.layout.declaredPaths(for: type) {
                if tree.contains(path) {
                    if ArtifactConventions.isMarkdown(path) { declared[path] = "listed as \(listedAs) of \(plugin.declaredBy)" }
                } else {
                    for file in ComponentFolder.declaredFiles(in: path, of: tree) {
                        declared[file] = "in the \(folderName) folder '\(path)' of \(plugin.declaredBy)"
                    }
                }
            }
            self.type = type
            self.folderName = folderName
            self.declared = declared
            self.analysis = analysis
        }

        /// Why `path` is a component of the type and how strongly that alone says so; nil when neither a
        /// manifest nor a component folder places it.
        public func placement(of path: RelativePath) -> (reason: String, confidence: Int)? {
            if let reason = declared[path] { return (reason, DetectionConfidence.declared) }
            return ComponentFolder.locate(path, folderName: folderName, type: type, layout: analysis.layout, platformFolders: analysis.platformFolders)
                .map { (reason: $0.reason, confidence: $0.confidence) }
        }
    }
}
