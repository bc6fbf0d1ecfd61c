import Foundation
public import SkillMeatPluginAPI

/// How catalog entries are identified and hashed, from a scan alone (no file contents needed).
public enum CatalogIdentity {
    /// A stable id for an artifact of a source: the same artifact keeps it across rescans.
    public static func entryID(sourceID: String, type: ArtifactType, path: RelativePath, name: String) -> String {
        String(ContentHash.of(Data("\(sourceID)\n\(type.rawValue)\n\(path.string)\n\(name)".utf8)).prefix(16))
    }

    /// The artifact's own content hash, from its files' blob ids (relative to the artifact) and, for an
    /// artifact declared inside a shared file, its declaration: a new commit that does not touch the
    /// artifact leaves it unchanged.
    public static func contentHash(of artifact: DetectedArtifact, in tree: SourceTree) -> String {
        var text = ""
        let base = artifact.type.isSingleFile || artifact.declaration != nil ? (artifact.path.parent ?? .root) : artifact.path
        var files = artifact.files
        if artifact.type == .skill || (artifact.type == .mcpServer && artifact.declaration == nil) {
            files = tree.entries(under: artifact.path).map(\.path)
        }
        if artifact.declaration != nil {
            // The declaring file is shared with other artifacts; only this one's part of it counts.
            files.removeAll { $0 == artifact.path }
            text += "declaration\n" + String(decoding: artifact.declaration!.canonicalData(), as: UTF8.self) + "\n"
        }
        for path in Set(files).sorted() {
            guard let entry = tree.entry(at: path) else { continue }
            text += "\(path.relative(to: base)?.string ?? path.string)\n\(entry.blobID)\n"
        }
        return ContentHash.of(Data(text.utf8))
    }

    /// Where an artifact is upstream, pinned to the commit that was read: a GitHub URL for GitHub
    /// sources, `location@commit#path` for other git sources, the path itself for folders.
    public static func upstream(of path: RelativePath, in tree: SourceTree) -> String {
        let full = tree.reference.root.map { $0.appending(path) } ?? path
        if tree.providerID.name == "github", let commit = tree.commit {
            return "https://github.com/\(githubSlug(tree.reference.location))/tree/\(commit)\(full.isRoot ? "" : "/" + full.string)"
        }
        if tree.commit == nil, tree.reference.location.hasPrefix("/") {
            return full.url(in: URL(fileURLWithPath: tree.reference.location)).path
        }
        var text = tree.reference.location
        if let commit = tree.commit { text += "@\(commit)" }
        if !full.isRoot { text += "#\(full.string)" }
        return text
    }

    /// `owner/repo` of a GitHub reference (`owner/repo[/path][@ref]` or a github.com URL).
    static func githubSlug(_ location: String) -> String {
        var text = location
        if let at = text.firstIndex(of: "@"), !text.hasPrefix("git@") { text = String(text[..<at]) }
        if let range = text.range(of: "://") {
            text = String(text[range.upperBound...])
            text = text.split(separator: "/").dropFirst().joined(separator: "/")
        }
        let parts = text.split(separator: "/").prefix(2).map { $0.hasSuffix(".git") ? String($0.dropLast(4)) : String($0) }
        return parts.joined(separator: "/")
    }
}
