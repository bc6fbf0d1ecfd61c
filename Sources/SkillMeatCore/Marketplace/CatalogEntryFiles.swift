public import Foundation
public import SkillMeatPluginAPI
public import SkillMeatStore

extension CatalogEntryRecord {
    /// The entry as the detector reported it, for staging and file listing.
    public func detectedArtifact() throws(SkillMeatError) -> DetectedArtifact {
        guard let path = try? RelativePath(validating: path) else {
            throw SkillMeatError.malformedFile(path: "catalog entry \(id)", line: nil, reason: "its path is not valid")
        }
        return DetectedArtifact(
            type: type, name: name, path: path, confidence: confidence, reasons: reasons,
            metadata: metadata, files: files.compactMap { try? RelativePath(validating: $0) }, declaration: declaration
        )
    }
}

/// One file of a catalog entry, as the entry's file tree lists it.
public struct EntryFileSummary: Sendable, Hashable, Codable {
    /// Relative to the source root, as the catalog's `files` are.
    public var path: String
    public var size: Int64?
    public var executable: Bool
}

/// One node of an entry's file tree as SkillMeat's API lists it: a path relative to the artifact
/// (`SKILL.md`, `scripts/fill.py`) and whether it is a `file` or a `directory`.
public struct EntryTreeNode: Sendable, Hashable, Codable {
    public var path: String
    /// `file` or `directory`.
    public var type: String
    /// Bytes, for files whose size the source reports (left out for folders).
    public var size: Int64?
}

/// The files of a catalog entry, read through the source provider at the scanned commit: SkillMeat's
/// tree (`entries`) and ours (`files`, paths relative to the source root).
public struct EntryFilesOutput: Sendable, Hashable, Codable {
    public var entryID: String
    public var sourceID: String
    public var commit: String?
    public var files: [EntryFileSummary]
    public var entries: [EntryTreeNode]

    enum CodingKeys: String, CodingKey {
        case commit, files, entries
        case entryID = "entry_id"
        case sourceID = "source_id"
    }

    /// `commit` is `null` when the source has none (a plain folder), never left out.
    public func encode(to encoder: any Encoder) throws {
        try encoder.encodeFields(CodingKeys.self, [.entryID: entryID, .sourceID: sourceID, .commit: commit, .files: files, .entries: entries])
    }
}

/// One file's content. Text is returned as UTF-8, anything else as base64; content beyond the limit
/// is cut off and `truncated` is set. `cached` and `cache_age_seconds` are SkillMeat's: the content is
/// read through the source at the scanned commit on every request, never from a cache of its own.
public struct EntryFileOutput: Sendable, Hashable, Encodable {
    public var entryID: String
    public var path: String
    public var size: Int
    /// `utf-8` or `base64`.
    public var encoding: String
    public var content: String
    public var truncated: Bool

    enum CodingKeys: String, CodingKey {
        case path, size, encoding, content, truncated, cached
        case entryID = "entry_id"
        case originalSize = "original_size"
        case cacheAgeSeconds = "cache_age_seconds"
    }

    public init(entryID: String, path: String, size: Int, encoding: String, content: String, truncated: Bool) {
        (self.entryID, self.path, self.size, self.encoding, self.content, self.truncated) = (entryID, path, size, encoding, content, truncated)
    }

    /// `data` as UTF-8 text when it is text, else as base64, cut at `maxBytes` with `truncated` set.
    public init(entryID: String, path: String, data: Data, maxBytes: Int) {
        let truncated = data.count > maxBytes
        let kept = truncated ? data.prefix(maxBytes) : data
        // A cut may split a multi-byte character; up to three bytes are dropped to end on a whole one.
        for drop in 0...min(3, kept.count) {
            if let text = String(data: kept.dropLast(drop), encoding: .utf8), drop == 0 || truncated {
                self.init(entryID: entryID, path: path, size: data.count, encoding: "utf-8", content: text, truncated: truncated)
                return
            }
        }
        self.init(entryID: entryID, path: path, size: data.count, encoding: "base64", content: kept.base64EncodedString(), truncated: truncated)
    }

    public func encode(to encoder: any Encoder) throws {
        try encoder.encodeFields(CodingKeys.self, [
            .entryID: entryID, .path: path, .size: size, .originalSize: size, .encoding: encoding, .content: content, .truncated: truncated,
            .cached: false, .cacheAgeSeconds: Int?.none,
        ])
    }
}

extension CatalogEntryRecord {
    /// `file` (a path in the source) relative to the artifact: inside a folder artifact, the rest of
    /// the path; a single-file artifact, its file name; anything else (a declaring file) as it is.
    func artifactRelative(_ file: String) -> String {
        if file.hasPrefix(path + "/") { return String(file.dropFirst(path.count + 1)) }
        if file == path { return String(file.split(separator: "/").last ?? Substring(file)) }
        return file
    }

    /// The tree of `files` (paths in the source) relative to the artifact, folders included, in path order.
    func tree(of files: [EntryFileSummary]) -> [EntryTreeNode] {
        var nodes: [String: EntryTreeNode] = [:]
        for file in files {
            let relative = artifactRelative(file.path)
            nodes[relative] = EntryTreeNode(path: relative, type: "file", size: file.size)
            var folders = relative.split(separator: "/").dropLast()
            while !folders.isEmpty {
                let folder = folders.joined(separator: "/")
                if nodes[folder] == nil { nodes[folder] = EntryTreeNode(path: folder, type: "directory", size: nil) }
                folders = folders.dropLast()
            }
        }
        return nodes.values.sorted { $0.path < $1.path }
    }
}

extension MarketplaceService {
    /// The source's tree at the commit its catalog was scanned at, when the provider can read refs:
    /// what import and the file views read, so both see what the catalog describes. A local folder
    /// is read as it is on disk.
    public func scannedTree(ofSource sourceID: String) async throws(SkillMeatError) -> SourceTree {
        try await scannedTree(of: try await requireSource(sourceID))
    }

    /// The tree of `source` at the commit its catalog was scanned at.
    public func scannedTree(of source: MarketplaceSourceRecord) async throws(SkillMeatError) -> SourceTree {
        var reference = reference(of: source)
        if let commit = source.lastCommit, !source.location.hasPrefix("/") {
            reference.ref = commit
        }
        return try await SourceScan(plugins: plugins).readTree(reference)
    }

    /// The files that make up `entry`, in path order.
    public func files(of entry: CatalogEntryRecord) async throws(SkillMeatError) -> EntryFilesOutput {
        let tree = try await scannedTree(ofSource: entry.sourceID)
        let paths = ArtifactStager.files(of: try entry.detectedArtifact(), in: tree).sorted()
        let files = paths.compactMap { path in
            tree.entry(at: path).map { EntryFileSummary(path: $0.path.string, size: $0.size, executable: $0.mode == .executable) }
        }
        return EntryFilesOutput(entryID: entry.id, sourceID: entry.sourceID, commit: tree.commit, files: files, entries: entry.tree(of: files))
    }

    /// The content of one of `entry`'s files, cut at `maxBytes`.
    public func file(_ path: String, of entry: CatalogEntryRecord, maxBytes: Int) async throws(SkillMeatError) -> EntryFileOutput {
        let requested: RelativePath
        do {
            requested = try RelativePath(validating: path)
        } catch {
            throw .invalidArgument("The path '\(path)' is unsafe: \(error.description)")
        }
        let source = try await requireSource(entry.sourceID)
        let tree = try await scannedTree(of: source)
        let files = ArtifactStager.files(of: try entry.detectedArtifact(), in: tree)
        // A path in the source, or (as SkillMeat's tree lists them) one relative to the artifact:
        // inside its folder, or beside its single file.
        let folder = entry.path.split(separator: "/").dropLast().joined(separator: "/")
        let candidates = [requested.string, entry.path + "/" + requested.string, folder.isEmpty ? requested.string : folder + "/" + requested.string]
        guard let relative = candidates.compactMap({ try? RelativePath(validating: $0) }).first(where: files.contains) else {
            throw .notFound("'\(requested)' is not a file of the entry '\(entry.id)'; list its files first.")
        }
        // What is served comes from inside the source's folder, whatever links it holds now.
        try Self.containedPath(relative, root: source.root.flatMap { try? RelativePath(validating: $0) }, location: source.location)
        let data: Data
        do {
            data = try await tree.contents(of: relative)
        } catch let error as PluginError {
            throw .plugin(tree.providerID, error)
        } catch {
            throw .plugin(tree.providerID, .io(path: relative.string, reason: "\(error)"))
        }
        return EntryFileOutput(entryID: entry.id, path: relative.string, data: data, maxBytes: maxBytes)
    }
}
