public import SkillMeatPluginAPI

/// Settles what several detectors claimed, as a pure function so every rule can be table-tested:
///
/// 1. The manual map wins: at a mapped path only the mapped type survives (confidence 100); a path the
///    detectors missed gets an artifact built from the tree.
/// 2. One artifact per thing: the same (type, path) — and for MCP servers the same name — claimed twice
///    keeps the more confident claim, with both claims' reasons. A markdown file claimed as both a
///    command and an agent keeps the more confident claim.
/// 3. A file inside a skill directory is part of that skill: any other artifact strictly below a
///    skill's folder is dropped (its paths join the skill's files).
public enum OverlapResolver {
    public static func resolve(_ artifacts: [DetectedArtifact], manualMap: [RelativePath: ArtifactType], tree: SourceTree) -> [DetectedArtifact] {
        var pinned: Set<String> = []
        var claims = applyManualMap(artifacts, manualMap: manualMap, tree: tree, pinned: &pinned)

        // Rule 2: one claim per identity.
        var byIdentity: [String: DetectedArtifact] = [:]
        var order: [String] = []
        for artifact in claims {
            let key = identity(artifact)
            if let existing = byIdentity[key] {
                byIdentity[key] = stronger(existing, artifact)
            } else {
                byIdentity[key] = artifact
                order.append(key)
            }
        }
        claims = order.compactMap { byIdentity[$0] }

        // A single file is one artifact: command and agent claims on one path keep the stronger.
        var bestSingle: [RelativePath: DetectedArtifact] = [:]
        for artifact in claims where artifact.type.isSingleFile {
            bestSingle[artifact.path] = bestSingle[artifact.path].map { preferred($0, artifact, pinned: pinned) } ?? artifact
        }
        claims = claims.filter { !$0.type.isSingleFile || bestSingle[$0.path]?.type == $0.type }

        // Rule 3: everything strictly inside a skill folder belongs to the skill.
        // A skill at the repository root (the repository is the skill) absorbs nothing: everything
        // else in the repository is still what it is.
        let skillFolders = Set(claims.filter { $0.type == .skill && !$0.path.isRoot }.map(\.path))
        var absorbed: [RelativePath: [RelativePath]] = [:]
        var result: [DetectedArtifact] = []
        for artifact in claims {
            if let skill = enclosing(artifact.path, in: skillFolders), !pinned.contains(identity(artifact)) || artifact.type == .skill {
                absorbed[skill, default: []] += artifact.files.isEmpty ? [artifact.path] : artifact.files
                continue
            }
            result.append(artifact)
        }
        for index in result.indices where result[index].type == .skill {
            if let extra = absorbed[result[index].path] {
                result[index].files = Array(Set(result[index].files + extra)).sorted()
            }
        }
        return result.sorted { ($0.type, $0.path, $0.name) < ($1.type, $1.path, $1.name) }
    }

    /// Diagnostics once each (several detectors read the same manifests), in path order.
    public static func unique(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen: Set<String> = []
        var result: [Diagnostic] = []
        for diagnostic in diagnostics {
            let key = "\(diagnostic.severity.rawValue)\u{0}\(diagnostic.path ?? "")\u{0}\(diagnostic.message)"
            if seen.insert(key).inserted { result.append(diagnostic) }
        }
        return result.sorted { ($0.path ?? "", $0.message) < ($1.path ?? "", $1.message) }
    }

    static func identity(_ artifact: DetectedArtifact) -> String {
        let base = "\(artifact.type.rawValue)\u{0}\(artifact.path.string)"
        return artifact.type == .mcpServer ? base + "\u{0}" + artifact.name : base
    }

    /// The more confident of two claims on the same artifact, carrying the other's reasons along.
    static func stronger(_ lhs: DetectedArtifact, _ rhs: DetectedArtifact) -> DetectedArtifact {
        var winner = rhs.confidence > lhs.confidence ? rhs : lhs
        let loser = rhs.confidence > lhs.confidence ? lhs : rhs
        for reason in loser.reasons where !winner.reasons.contains(reason) { winner.reasons.append(reason) }
        winner.files = Array(Set(winner.files + loser.files)).sorted()
        return winner
    }

    /// Between two types claiming one file: the pinned (manual) one, else the more confident, else the
    /// agent (its frontmatter is the stronger evidence).
    static func preferred(_ lhs: DetectedArtifact, _ rhs: DetectedArtifact, pinned: Set<String>) -> DetectedArtifact {
        let lhsPinned = pinned.contains(identity(lhs))
        let rhsPinned = pinned.contains(identity(rhs))
        if lhsPinned != rhsPinned { return lhsPinned ? lhs : rhs }
        if lhs.confidence != rhs.confidence { return lhs.confidence > rhs.confidence ? lhs : rhs }
        return lhs.type == .agent ? lhs : rhs
    }

    static func enclosing(_ path: RelativePath, in folders: Set<RelativePath>) -> RelativePath? {
        guard !folders.isEmpty, path.components.count > 1 else { return nil }
        var current = path.parent
        while let folder = current {
            if folders.contains(folder) { return folder }
            current = folder.parent
        }
        return nil
    }

    // MARK: Manual map

    static func applyManualMap(
        _ artifacts: [DetectedArtifact],
        manualMap: [RelativePath: ArtifactType],
        tree: SourceTree,
        pinned: inout Set<String>
    ) -> [DetectedArtifact] {
        guard !manualMap.isEmpty else { return artifacts }
        var result: [DetectedArtifact] = []
        var matched: Set<RelativePath> = []
        for var artifact in artifacts {
            guard let type = manualMap[artifact.path] else {
                result.append(artifact)
                continue
            }
            guard type == artifact.type else { continue }
            artifact.confidence = 100
            artifact.reasons.insert("the source's manual map says '\(artifact.path)' is a \(type.rawValue)", at: 0)
            pinned.insert(identity(artifact))
            matched.insert(artifact.path)
            result.append(artifact)
        }
        for (path, type) in manualMap.sorted(by: { $0.key < $1.key }) where !matched.contains(path) {
            guard tree.contains(path) || tree.isDirectory(path) else { continue }
            let files = tree.contains(path) ? [path] : tree.entries(under: path).map(\.path)
            let name = type.isSingleFile ? (path.stem ?? path.string) : (path.lastComponent ?? "artifact")
            let artifact = DetectedArtifact(
                type: type,
                name: name,
                path: path,
                confidence: 100,
                reasons: ["the source's manual map says '\(path)' is a \(type.rawValue)"],
                files: files
            )
            pinned.insert(identity(artifact))
            result.append(artifact)
        }
        return result
    }
}
