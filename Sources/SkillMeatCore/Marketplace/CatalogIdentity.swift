public import Foundation
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
        // The files an MCP server runs beside its declaration are part of it.
        for file in ArtifactStager.bundleFiles(of: artifact, in: tree) {
            guard let entry = tree.entry(at: file.path) else { continue }
            text += "\(file.stored.string)\n\(entry.blobID)\n"
        }
        return ContentHash.of(Data(text.utf8))
    }

    /// Where an artifact is upstream, pinned to the commit that was read: the address the tree's
    /// provider gives (`SourceProvider.upstreamURL`), else `location@commit#path` for a commit and the
    /// path itself for a folder.
    public static func upstream(of path: RelativePath, in tree: SourceTree, provider: (any SourceProvider)?) -> String {
        let full = tree.reference.root.map { $0.appending(path) } ?? path
        if let address = provider?.upstreamURL(of: full, in: tree) { return address }
        if tree.commit == nil, tree.reference.location.hasPrefix("/") {
            return full.url(in: URL(fileURLWithPath: tree.reference.location)).path
        }
        var text = tree.reference.location
        if let commit = tree.commit { text += "@\(commit)" }
        if !full.isRoot { text += "#\(full.string)" }
        return text
    }

    /// Reads back an upstream address `upstream(of:in:provider:)` wrote: first through the enabled
    /// providers (`SourceProvider.pinnedUpstream`, e.g. a GitHub `…/tree/<commit>/<path>` page), else
    /// the neutral `location@commit#path`, else an absolute path on this machine (its folder read as
    /// it is). `commit` (a lock's `resolved_sha`) pins a form that names none. Nil when nothing can read it.
    public static func pinnedUpstream(_ upstream: String, commit: String? = nil, plugins: PluginCatalog) -> PinnedUpstream? {
        for (_, provider) in plugins.sourceProviders {
            if let pinned = provider.pinnedUpstream(upstream) { return pinned }
        }
        var text = Substring(upstream)
        var path = RelativePath.root
        if let hash = text.lastIndex(of: "#") {
            guard let parsed = try? RelativePath(validating: String(text[text.index(after: hash)...])) else { return nil }
            path = parsed
            text = text[..<hash]
        }
        if let at = text.lastIndex(of: "@") {
            let pinned = text[text.index(after: at)...]
            if pinned.count >= 40, pinned.allSatisfy(\.isHexDigit) {
                return PinnedUpstream(reference: SourceReference(location: String(text[..<at]), ref: String(pinned)), path: path)
            }
        }
        if upstream.hasPrefix("/"), path.isRoot {
            // A folder source without a commit: the artifact is read from its parent folder as it is now.
            let url = URL(fileURLWithPath: upstream)
            guard let name = try? RelativePath(validating: url.lastPathComponent), !name.isRoot else { return nil }
            return PinnedUpstream(reference: SourceReference(location: url.deletingLastPathComponent().path, ref: nil), path: name)
        }
        guard !path.isRoot || commit != nil else { return nil }
        return PinnedUpstream(reference: SourceReference(location: String(text), ref: commit), path: path)
    }
}
