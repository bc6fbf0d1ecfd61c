public import Foundation
public import SkillMeatPluginAPI

/// `skillmeat add`: one artifact from a local path or any source a provider takes, validated before
/// anything is written, then installed through `CollectionInstaller`.
public struct AddArtifact: Sendable {
    public let service: CollectionService
    public let plugins: PluginCatalog


    public struct Request: Sendable {
        public var source: SourceReference
        public var type: ArtifactType?
        public var name: String?
        public var strategy: ConflictStrategyName
        public var tags: [String]
        /// Check and decide everything, write nothing: the result says what would be done.
        public var dryRun: Bool

        public init(
            source: SourceReference, type: ArtifactType? = nil, name: String? = nil, strategy: ConflictStrategyName = .skip, tags: [String] = [],
            dryRun: Bool = false
        ) {
            self.dryRun = dryRun
            self.source = source
            self.type = type
            self.name = name
            self.strategy = strategy
            self.tags = tags
        }
    }

    /// Adds the artifact `request` points at.
    public func run(_ request: Request, now: Date = Date()) async throws(SkillMeatError) -> CollectionInstaller.Result {
        try service.store.requireExists()
        let strategy = try plugins.conflictStrategy(request.strategy)
        let scan = SourceScan(plugins: plugins)
        let tree: SourceTree
        let artifact: DetectedArtifact
        let localFile = Self.localFile(request.source)
        if let localFile {
            (tree, artifact) = try Self.singleFile(localFile, type: request.type)
        } else {
            let outcome = try await scan.run(request.source)
            tree = outcome.tree
            var found = outcome.result.artifacts
            if let root = try await Self.rootSkill(tree, type: request.type) {
                // The skill detector reports a root SKILL.md only with name and description frontmatter;
                // here the folder was named on purpose, so it is the skill either way, once.
                found.removeAll { $0.type == .skill && $0.path.isRoot }
                found.insert(root, at: 0)
            }
            artifact = try Self.select(found, request: request, tree: tree)
        }
        let name = request.name ?? artifact.name
        try ArtifactNaming.validate(name, type: artifact.type)
        var warnings: [String] = []
        if let description = artifact.metadata.description, description.count > ArtifactNaming.maxDescriptionLength {
            warnings.append("the description is \(description.count) characters; Agent Skills allow \(ArtifactNaming.maxDescriptionLength)")
        }
        if request.dryRun {
            let id = ArtifactID(type: artifact.type, name: name)
            let taken = try service.store.read().manifest.artifacts.contains { $0.id == id }
            let decided: String = switch request.strategy {
            case .skip: "skipped"
            case .overwrite: "overwritten"
            case .rename: "renamed"
            }
            let status = taken ? decided : "added"
            return CollectionInstaller.Result(
                status: status, id: id.description, name: name, type: artifact.type.rawValue, path: nil, contentHash: nil,
                message: taken ? "the name is taken; the \(request.strategy.rawValue) strategy decides" : "the name is free", warnings: warnings
            )
        }

        let scratch = try StagingFolder(in: service.store.stagingDirectory, prefix: "add")
        defer { scratch.release() }
        let staging = scratch.url
        let stager = ArtifactStager { paths, tree, folder in
            if localFile != nil {
                try await tree.copyFiles(paths, into: folder)
            } else {
                try await scan.fetch(paths, from: tree, into: folder)
            }
        }
        var staged = try await stager.stage(artifact, of: tree, as: name, in: staging)
        staged.warnings = warnings + staged.warnings

        let origin = Self.origin(of: tree, localFile: localFile != nil, label: plugins.originLabel(of: tree.providerID))
        let upstream = localFile?.path ?? CatalogIdentity.upstream(of: artifact.path, in: tree, provider: plugins.sourceProvider(id: tree.providerID))
        let entry = CollectionArtifact(
            name: name,
            type: artifact.type,
            path: "",
            origin: origin.origin,
            originSource: origin.source,
            upstream: upstream,
            resolvedSHA: tree.commit,
            resolvedVersion: request.source.ref,
            tags: Array(Set(request.tags + artifact.metadata.tags)).sorted(),
            metadata: artifact.metadata
        )
        let lock = LockEntry(contentHash: staged.contentHash, upstream: upstream, resolvedSHA: tree.commit, resolvedVersion: request.source.ref)
        return try await CollectionInstaller(service: service).install(staged, entry: entry, lock: lock, strategy: strategy, now: now)
    }

    /// The one artifact of a scan that the request means, or an error that lists what was found.
    static func select(_ found: [DetectedArtifact], request: Request, tree: SourceTree) throws(SkillMeatError) -> DetectedArtifact {
        var candidates = found
        if let type = request.type { candidates = candidates.filter { $0.type == type } }
        if candidates.count > 1, let name = request.name {
            let named = candidates.filter { $0.name == name }
            if !named.isEmpty { candidates = named }
        }
        if candidates.count > 1 {
            // The source itself being the artifact (a skill folder) wins over artifacts inside it.
            let atRoot = candidates.filter { $0.path.isRoot }
            if atRoot.count == 1 { candidates = atRoot }
        }
        if candidates.count == 1 { return candidates[0] }
        let what = request.type.map { "no \($0.rawValue)" } ?? "no artifact"
        if candidates.isEmpty {
            let hint: String = switch request.type {
            case .skill: " (a skill is a folder with a SKILL.md)"
            case .hook: " (a hook is a hooks.json or a settings.json with a hooks block)"
            case .mcpServer: " (an MCP server is an entry of .mcp.json or a server package)"
            default: ""
            }
            let others = found.isEmpty ? "" : "; it has \(found.map { "\($0.type.rawValue) \($0.name)" }.prefix(5).joined(separator: ", "))"
            throw .invalidArgument("\(request.source.location) holds \(what)\(hint)\(others).")
        }
        let listed = candidates.prefix(8).map { "\($0.type.rawValue) '\($0.name)' at \($0.path.isRoot ? "." : $0.path.string)" }.joined(separator: ", ")
        throw .invalidArgument(
            "\(request.source.location) holds \(candidates.count) artifacts (\(listed)\(candidates.count > 8 ? ", …" : "")); "
                + "choose one by type and name, point at its folder or file, or add the whole location as a source.",
            hint: .chooseArtifactOrAddSource(location: request.source.location)
        )
    }

    /// The source folder itself as a skill, when it has a `SKILL.md` at its root: detectors report
    /// skills by their folder inside a source, and here the source is that folder.
    static func rootSkill(_ tree: SourceTree, type: ArtifactType?) async throws(SkillMeatError) -> DetectedArtifact? {
        guard type == nil || type == .skill, let skillFile = try? RelativePath(validating: "SKILL.md"), tree.contains(skillFile) else { return nil }
        let data: Data
        do {
            data = try await tree.contents(of: skillFile)
        } catch {
            throw .io(path: tree.reference.location, reason: "SKILL.md could not be read: \(error)")
        }
        let frontmatter = Frontmatter.parse(data)
        let folderName = tree.reference.root?.lastComponent
            ?? URL(fileURLWithPath: tree.reference.location).lastPathComponent
        return DetectedArtifact(
            type: .skill,
            name: frontmatter.string("name") ?? folderName,
            path: .root,
            confidence: 100,
            reasons: ["the source folder holds a SKILL.md"],
            metadata: ArtifactMetadata(frontmatter: frontmatter),
            files: tree.entries.filter { $0.mode != .symlink }.map(\.path)
        )
    }

    /// A local regular file the request names, if it does.
    static func localFile(_ reference: SourceReference) -> URL? {
        guard reference.location.hasPrefix("/") else { return nil }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: reference.location, isDirectory: &isDirectory), !isDirectory.boolValue else { return nil }
        return URL(fileURLWithPath: reference.location)
    }

    /// A one-file tree for a lone markdown file: an agent when its frontmatter names it and says what
    /// it does (as agent files do), otherwise a command, unless `type` says.
    static func singleFile(_ file: URL, type: ArtifactType?) throws(SkillMeatError) -> (SourceTree, DetectedArtifact) {
        let data: Data
        do {
            data = try Data(contentsOf: file)
        } catch {
            throw SkillMeatError.io(file, error)
        }
        let frontmatter = Frontmatter.parse(data)
        let looksLikeAgent = frontmatter.string("name") != nil && frontmatter.string("description") != nil
        let resolved = type ?? (looksLikeAgent ? .agent : .command)
        guard resolved.isSingleFile else {
            throw .invalidArgument("\(file.path) is a single file; a \(resolved.rawValue) is a folder (point at the folder instead).")
        }
        guard file.pathExtension.lowercased() == "md" || file.pathExtension.lowercased() == "markdown" else {
            throw .invalidArgument("\(file.path) is not a markdown file; commands and agents are .md files.")
        }
        if let diagnostic = frontmatter.diagnostic, resolved == .agent {
            throw .invalidArgument("\(file.path): \(diagnostic); fix the frontmatter before adding it as an agent.")
        }
        let path = (try? RelativePath(validating: file.lastPathComponent)) ?? RelativePath.root
        let name = resolved == .agent ? (frontmatter.string("name") ?? path.stem ?? "agent") : (path.stem ?? "command")
        let tree = SourceTree(
            reference: SourceReference(location: file.deletingLastPathComponent().path),
            commit: nil,
            // Read here, not through a provider: the origin of a lone file is `local` whatever reads folders.
            providerID: PluginID(kind: .source, name: "file"),
            entries: [SourceTreeEntry(path: path, blobID: ContentHash.of(data), size: Int64(data.count))],
            reader: LocalFileFetch.Reader(root: file.deletingLastPathComponent())
        )
        let artifact = DetectedArtifact(
            type: resolved, name: name, path: path, confidence: 100, reasons: ["added as a single file"],
            metadata: ArtifactMetadata(frontmatter: frontmatter), files: [path]
        )
        return (tree, artifact)
    }

    /// `local` for a lone file or a plain folder; otherwise the provider's label, except that a
    /// repository on this machine is still `local` in `origin`.
    static func origin(of tree: SourceTree, localFile: Bool, label: String) -> (origin: String, source: String?) {
        if localFile || tree.commit == nil { return ("local", nil) }
        return (tree.reference.location.hasPrefix("/") ? "local" : label, label)
    }
}

/// Reads a lone local file; used when `add` is pointed at one file rather than a folder.
enum LocalFileFetch {
    struct Reader: SourceContentReader {
        let root: URL
        func contents(of path: RelativePath) async throws -> Data {
            try Data(contentsOf: path.url(in: root))
        }
    }
}
