public import Foundation
public import SkillMeatPluginAPI

/// An artifact assembled in a staging folder in its collection layout (DESIGN §2), ready to be moved
/// into a collection: a skill's folder, a command's or agent's file, a hook's `hooks.json` and
/// scripts, an MCP server's `server.json` and files.
public struct StagedArtifact: Sendable {
    public var type: ArtifactType
    /// The name the source gives it (before conflict handling).
    public var name: String
    /// The staged file (commands, agents) or folder (everything else).
    public var location: URL
    public var metadata: ArtifactMetadata
    /// The content hash of what was staged (DESIGN §2).
    public var contentHash: String
    /// Things worth telling the user that did not stop the staging.
    public var warnings: [String]
}

/// Builds `StagedArtifact`s from a detected artifact of a source tree, fetching its files through the
/// provider that read the tree (one download for a GitHub source).
public struct ArtifactStager: Sendable {
    public let fetch: @Sendable ([RelativePath], SourceTree, URL) async throws -> Void

    public init(fetch: @escaping @Sendable ([RelativePath], SourceTree, URL) async throws -> Void) {
        self.fetch = fetch
    }

    /// Stages `artifact` of `tree` under `folder` (which must exist and be empty), named `name`.
    public func stage(_ artifact: DetectedArtifact, of tree: SourceTree, as name: String, in folder: URL) async throws(SkillMeatError) -> StagedArtifact {
        // Only hooks and declared MCP servers are assembled in a folder of their own (`out`, beside what
        // was fetched into `raw`); everything else is fetched straight into `folder` and installed from
        // where it landed (the installer gives it its final name), which spares two folders and a move
        // per artifact.
        let assembled = artifact.type == .hook || (artifact.type == .mcpServer && artifact.declaration != nil)
        let raw = assembled ? folder.appending(path: "raw", directoryHint: .isDirectory) : folder
        let target = folder.appending(path: "out", directoryHint: .isDirectory)
        var warnings: [String] = []
        do {
            try FileManager.default.createDirectory(at: raw, withIntermediateDirectories: true)
        } catch {
            throw SkillMeatError.io(folder, error)
        }
        let base = Self.base(of: artifact)
        let paths = Self.files(of: artifact, in: tree)
        do {
            try await fetch(paths, tree, raw)
        } catch let error as SkillMeatError {
            throw error
        } catch let error as PluginError {
            throw .plugin(tree.providerID, error)
        } catch {
            throw .io(path: tree.reference.location, reason: "fetching \(artifact.path) failed: \(error)")
        }

        let location: URL
        do {
            switch artifact.type {
            case .command, .agent, .skill:
                location = artifact.path.url(in: raw)
            case .mcpServer:
                if let declaration = artifact.declaration {
                    location = target.appending(path: name, directoryHint: .isDirectory)
                    try FileManager.default.createDirectory(at: location, withIntermediateDirectories: true)
                    try declaration.prettyData().write(to: location.appending(path: "server.json"))
                    // What the server runs beside its declaration goes to bundle/, at its path under the plugin root.
                    for file in Self.bundleFiles(of: artifact, in: tree) {
                        let destination = try PathSafety.resolveContained(file.stored, in: location)
                        try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
                        try FileManager.default.moveItem(at: file.path.url(in: raw), to: destination)
                    }
                } else {
                    location = artifact.path.url(in: raw)
                }
            case .hook:
                location = target.appending(path: name, directoryHint: .isDirectory)
                try FileManager.default.createDirectory(at: location, withIntermediateDirectories: true)
                try Self.hooksDocument(of: artifact).prettyData().write(to: location.appending(path: "hooks.json"))
                for path in paths where path != artifact.path {
                    guard let relative = path.relative(to: base) else {
                        warnings.append("\(path) lies outside \(base.isRoot ? "the source root" : base.string) and was not copied")
                        continue
                    }
                    let destination = try PathSafety.resolveContained(relative, in: location)
                    try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try FileManager.default.moveItem(at: path.url(in: raw), to: destination)
                }
            }
        } catch let error as PathSafetyError {
            throw .plugin(tree.providerID, .unsafePath(error))
        } catch {
            throw SkillMeatError.io(target, error)
        }
        let hash: String
        do {
            hash = try ContentHash.ofItem(at: location)
        } catch {
            throw SkillMeatError.io(location, error)
        }
        return StagedArtifact(
            type: artifact.type,
            name: name,
            location: location,
            metadata: artifact.metadata,
            contentHash: hash,
            warnings: warnings
        )
    }

    /// The `hooks.json` a staged hook holds: the declared hooks and the description.
    static func hooksDocument(of artifact: DetectedArtifact) -> JSONValue {
        var document: [String: JSONValue] = ["hooks": artifact.declaration ?? .object([:])]
        if let description = artifact.metadata.description { document["description"] = .string(description) }
        return .object(document)
    }

    /// The content hash `stage` would give `artifact` (named after its own folder or file), computed
    /// from the tree in memory without staging anything; nil when a file cannot be read.
    public static func contentHash(of artifact: DetectedArtifact, in tree: SourceTree) async -> String? {
        func read(_ path: RelativePath) async -> Data? { try? await tree.contents(of: path) }
        switch artifact.type {
        case .command, .agent:
            return await read(artifact.path).map(ContentHash.of)
        case .skill, .mcpServer:
            if artifact.type == .mcpServer, let declaration = artifact.declaration {
                var files: [(path: RelativePath, data: Data)] = [(RelativePath.root.appendingComponent("server.json"), declaration.prettyData())]
                for file in bundleFiles(of: artifact, in: tree) {
                    guard let data = await read(file.path) else { return nil }
                    files.append((file.stored, data))
                }
                return ContentHash.ofFiles(files)
            }
            var files: [(path: RelativePath, data: Data)] = []
            for entry in tree.entries(under: artifact.path) where entry.mode != .symlink {
                guard let relative = entry.path.relative(to: artifact.path), let data = await read(entry.path) else { return nil }
                files.append((relative, data))
            }
            return ContentHash.ofFiles(files)
        case .hook:
            var files: [(path: RelativePath, data: Data)] = [(RelativePath.root.appendingComponent("hooks.json"), hooksDocument(of: artifact).prettyData())]
            let base = base(of: artifact)
            for path in artifact.files where path != artifact.path && tree.entry(at: path)?.mode != .symlink {
                guard let relative = path.relative(to: base) else { continue }
                guard let data = await read(path) else { return nil }
                files.append((relative, data))
            }
            return ContentHash.ofFiles(files)
        }
    }

    /// The files of `tree` that make up `artifact` (what staging fetches, and what the API lists as an
    /// entry's files): a folder artifact is its whole folder, whatever the detector listed; symbolic
    /// links are never part of an artifact.
    public static func files(of artifact: DetectedArtifact, in tree: SourceTree) -> [RelativePath] {
        var paths = artifact.files
        if artifact.type == .skill || (artifact.type == .mcpServer && artifact.declaration == nil) {
            paths = Array(tree.entries(under: artifact.path).filter { $0.mode != .symlink }.map(\.path))
        }
        if artifact.type.isSingleFile { paths = [artifact.path] }
        paths += bundleFiles(of: artifact, in: tree).map(\.path)
        return paths.filter { tree.entry(at: $0)?.mode != .symlink }
    }

    /// The files an MCP server declared in a config file runs beside it (`MCPServerBundle.references`),
    /// each with where it is stored in the artifact (`bundle/<its path under the declaring folder>`):
    /// the whole folder when the server runs in it; a named folder whole; a named file alone when it
    /// sits in the declaring folder, else with the folder around it (up to the nearest one holding a
    /// package manifest). Nothing outside the declaring folder, no symbolic links, no `node_modules`
    /// or `.git`. Empty for a server that needs nothing beside it.
    public static func bundleFiles(of artifact: DetectedArtifact, in tree: SourceTree) -> [(path: RelativePath, stored: RelativePath)] {
        guard artifact.type == .mcpServer, let declaration = artifact.declaration else { return [] }
        let references = MCPServerBundle.references(of: declaration)
        guard !references.isEmpty else { return [] }
        let root = base(of: artifact)
        var chosen = Set<RelativePath>()
        func addFolder(_ folder: RelativePath) {
            for entry in tree.entries(under: folder) where entry.mode != .symlink {
                guard !entry.path.components.contains(where: { $0 == "node_modules" || $0 == ".git" }) else { continue }
                chosen.insert(entry.path)
            }
        }
        if references.wholeFolder { addFolder(root) }
        for relative in references.paths + references.candidates {
            let path = root.appending(relative)
            if let entry = tree.entry(at: path) {
                guard entry.mode != .symlink else { continue }
                chosen.insert(path)
                if let folder = path.parent, folder != root { addFolder(packageFolder(of: folder, below: root, in: tree)) }
            } else if tree.isDirectory(path) {
                addFolder(path)
            }
        }
        let bundle = RelativePath.root.appendingComponent("bundle")
        return chosen.sorted().compactMap { path in path.relative(to: root).map { (path, bundle.appending($0)) } }
    }

    /// The nearest folder from `folder` up to (not including) `root` that holds a package manifest, so
    /// a server's entry point comes with its dependencies' declaration; `folder` itself when none does.
    static func packageFolder(of folder: RelativePath, below root: RelativePath, in tree: SourceTree) -> RelativePath {
        let manifests = ["package.json", "pyproject.toml", "requirements.txt", "Cargo.toml", "go.mod", "deno.json"]
        var current: RelativePath? = folder
        while let candidate = current, candidate != root, candidate.isDescendant(of: root) {
            if manifests.contains(where: { (try? candidate.appending($0)).map(tree.contains) ?? false }) { return candidate }
            current = candidate.parent
        }
        return folder
    }

    /// The folder a hook's scripts are relative to: the plugin or project that declares it.
    static func base(of artifact: DetectedArtifact) -> RelativePath {
        let folder = artifact.path.parent ?? .root
        if folder.lastComponent == "hooks" || folder.lastComponent == ".claude" || folder.lastComponent == ".claude-plugin" {
            return folder.parent ?? .root
        }
        return folder
    }
}
