public import Foundation
public import SkillMeatPluginAPI

/// `skillmeat discover`: every artifact in a project's profile roots, found by the marketplace
/// detectors over a `ProjectTree`, each marked `managed` (a deployment record of the project covers
/// it), `in_collection` (with how it matches) or `unmanaged`. Files and entries SkillMeat deployed
/// are never reported as unmanaged; a hooks block that mixes SkillMeat's groups with a person's is
/// reduced to the person's groups.
public struct ProjectDiscovery: Sendable {
    public let collection: CollectionService
    public let plugins: PluginCatalog


    /// One discovered artifact with what a record of it would hold.
    struct Candidate: Sendable {
        var artifact: DetectedArtifact
        var discovered: DiscoveredArtifact
        var files: [DeployedFile]
        var entries: [MergedEntry]
        /// The folder that is the artifact's alone (a skill's), recorded so undeploy can remove it once empty.
        var ownFolder: RelativePath?
    }

    /// The tree that was scanned and every candidate, in path order.
    struct Outcome: Sendable {
        var project: ProjectTree
        var candidates: [Candidate]
        var diagnostics: [Diagnostic]
    }

    /// Discovers the artifacts of `projectRoot`.
    public func run(projectRoot: URL) async throws(SkillMeatError) -> DiscoveryReport {
        let outcome = try await discover(projectRoot)
        return DiscoveryReport(
            project: outcome.project.root.path, collection: collection.store.name,
            artifacts: outcome.candidates.map(\.discovered), diagnostics: outcome.diagnostics
        )
    }

    func discover(_ projectRoot: URL) async throws(SkillMeatError) -> Outcome {
        try DeploymentService.requireFolder(projectRoot)
        let project = try ProjectTree.read(projectRoot, deployers: plugins.enabledDeployers)
        let scan = await plugins.scanner.scan(project.tree)
        let recorded = try Recorded(root: project.root)
        let (manifest, lock) = try collection.store.read()
        var byHash: [String: String] = [:]
        var byName: [String: String] = [:]
        for artifact in manifest.artifacts {
            guard let hash = lock.entries[artifact.lockKey]?.contentHash else { continue }
            byName["\(artifact.type.rawValue):\(artifact.name)"] = hash
            byHash["\(artifact.type.rawValue):\(hash)"] = byHash["\(artifact.type.rawValue):\(hash)"] ?? artifact.name
        }
        var documents: [RelativePath: SharedDocument?] = [:]
        var candidates: [Candidate] = []
        for found in scan.artifacts {
            guard let profile = project.profile(of: found.path) else { continue }
            guard var candidate = try candidate(found, profile: profile, project: project, recorded: recorded, documents: &documents) else { continue }
            if candidate.discovered.status != .managed {
                let hash = await ArtifactStager.contentHash(of: candidate.artifact, in: project.tree)
                candidate.discovered.contentHash = hash
                let type = candidate.artifact.type.rawValue
                if let hash, let existing = byName["\(type):\(candidate.artifact.name)"] {
                    candidate.discovered.status = .inCollection
                    candidate.discovered.match = existing == hash ? .sameContent : .sameNameDifferentContent
                    candidate.discovered.collectionName = candidate.artifact.name
                    if existing != hash, let other = byHash["\(type):\(hash)"] {
                        candidate.discovered.match = .sameContent
                        candidate.discovered.collectionName = other
                    }
                } else if let hash, let other = byHash["\(type):\(hash)"] {
                    candidate.discovered.status = .inCollection
                    candidate.discovered.match = .sameContent
                    candidate.discovered.collectionName = other
                }
            }
            candidates.append(candidate)
        }
        candidates.sort { ($0.discovered.profile, $0.discovered.path, $0.discovered.name) < ($1.discovered.profile, $1.discovered.path, $1.discovered.name) }
        return Outcome(project: project, candidates: candidates, diagnostics: project.diagnostics + scan.diagnostics + scan.unreadFiles)
    }

    /// The candidate for one detected artifact: its real files and entries, SkillMeat's own groups of
    /// a hooks block taken out; nil when nothing of it is left.
    private func candidate(
        _ found: DetectedArtifact, profile: String, project: ProjectTree, recorded: Recorded, documents: inout [RelativePath: SharedDocument?]
    ) throws(SkillMeatError) -> Candidate? {
        var artifact = found
        let declaring = project.realPath(of: found.path)
        var files: [RelativePath] = []
        var entries: [MergedEntry] = []
        var ownFolder: RelativePath?
        func document(_ path: RelativePath) -> SharedDocument? {
            if let cached = documents[path] { return cached }
            let url = path.url(in: project.root)
            let loaded = (try? Data(contentsOf: url)).flatMap { try? SharedDocument($0, format: path.fileExtension == "toml" ? .toml : .json, path: url.path) }
            documents[path] = loaded
            return loaded
        }
        switch found.type {
        case .skill:
            files = project.tree.entries(under: found.path).filter { $0.mode != .symlink }.map(\.path)
            ownFolder = found.path
        case .command, .agent:
            files = [declaring]
        case .mcpServer:
            guard found.declaration != nil else {
                files = project.tree.entries(under: found.path).filter { $0.mode != .symlink }.map(\.path)
                break
            }
            guard let shared = document(declaring) else { return nil }
            // The member's place in the real file, through the profile's translation when it made the file.
            let keyPath = ["mcpServers", "servers", "mcp_servers"].lazy
                .map { project.realKeyPath([$0, found.name], in: found.path) }
                .first { (try? shared.value(at: $0)) != nil } ?? [found.name]
            guard let value = try? shared.value(at: keyPath) else { return nil }
            entries = [MergedEntry(file: declaring.string, keyPath: keyPath, valueHash: ContentHash.of(value.canonicalData()), operation: .set)]
        case .hook:
            guard let shared = document(declaring), let hooks = found.declaration?.objectValue else { return nil }
            let prefix = (try? shared.value(at: ["hooks"]))?.objectValue != nil ? ["hooks"] : []
            var kept: [String: JSONValue] = [:]
            for (event, groups) in hooks.sorted(by: { $0.key < $1.key }) {
                var mine: [JSONValue] = []
                for group in groups.arrayValue ?? [] {
                    let entry = MergedEntry(file: declaring.string, keyPath: prefix + [event], valueHash: ContentHash.of(group.canonicalData()), operation: .append)
                    if recorded.appended.contains(entry.key) { continue }
                    mine.append(group)
                    entries.append(entry)
                }
                if !mine.isEmpty { kept[event] = .array(mine) }
            }
            artifact.declaration = .object(kept)
            artifact.files = found.files.filter { $0 == found.path || !recorded.files.contains($0.string) }
            files = artifact.files.filter { $0 != found.path }
            if found.name.hasPrefix(".") || found.name == "settings", let stem = declaring.stem, let folder = declaring.components.first {
                artifact.name = "\(folder.dropFirst())-\(stem)"
            }
            if kept.isEmpty {
                return Candidate(artifact: artifact, discovered: discovered(artifact, profile: profile, path: declaring, status: .managed, files: [], entries: []), files: [], entries: [])
            }
        }
        var deployed: [DeployedFile] = []
        for path in files {
            guard let data = try? Data(contentsOf: path.url(in: project.root)) else { continue }
            deployed.append(DeployedFile(path: path.string, hash: ContentHash.of(data)))
        }
        let managed = deployed.contains { recorded.files.contains($0.path) } || entries.contains { $0.operation == .set && recorded.set.contains($0.key) }
        return Candidate(
            artifact: artifact,
            discovered: discovered(artifact, profile: profile, path: declaring, status: managed ? .managed : .unmanaged, files: deployed.map(\.path), entries: entries.map(\.label)),
            files: deployed, entries: entries, ownFolder: ownFolder
        )
    }

    private func discovered(_ artifact: DetectedArtifact, profile: String, path: RelativePath, status: DiscoveredArtifact.Status, files: [String], entries: [String]) -> DiscoveredArtifact {
        DiscoveredArtifact(
            name: artifact.name, type: artifact.type, profile: profile, path: path.string, status: status, match: nil,
            collectionName: nil, contentHash: nil, files: files, entries: entries
        )
    }

    /// What the project's deployment records cover, whichever collection deployed it.
    struct Recorded {
        var files: Set<String> = []
        var set: Set<String> = []
        var appended: Set<String> = []

        init(root: URL) throws(SkillMeatError) {
            for url in DeploymentIndex.recordFiles(in: root) {
                for record in try DeploymentRecordFile.read(url).deployed {
                    files.formUnion(record.deployedFiles.map(\.path))
                    for entry in record.mergedEntries {
                        if entry.operation == .set { set.insert(entry.key) } else { appended.insert(entry.key) }
                    }
                }
            }
        }
    }
}

extension MergedEntry {
    /// Identifies the entry: file and key path, plus the value's hash for an appended element.
    var key: String {
        ([file] + keyPath + (operation == .append ? [valueHash] : [])).joined(separator: "\u{0}")
    }

    var label: String { "\(file): \(keyPath.joined(separator: "."))" }
}
