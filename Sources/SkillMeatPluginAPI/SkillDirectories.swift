/// The skill directories of a tree: every folder holding a `SKILL.md`, except authoring templates and
/// skills nested inside another skill (those are resources of the outer one).
///
/// Built in one pass over the entries; membership questions walk a path's ancestors, so every later
/// lookup costs the path's depth, not the tree's size.
public struct SkillDirectories: Sendable {
    /// The outermost skill directories, in path order.
    public let directories: [RelativePath]
    /// `SKILL.md` files that sit in a template folder or inside another skill, with the reason.
    public let ignored: [(manifest: RelativePath, reason: String)]
    private let set: Set<RelativePath>
    /// The repository's root `SKILL.md` (in whatever case), when the repository itself is a skill to
    /// clone into a skills folder. It is not in `directories`: the root holds everything else the
    /// repository has, which stays artifacts of its own rather than the skill's resources.
    public let rootManifest: RelativePath?

    /// The name of the file that makes a folder a skill.
    public static let manifestName = "SKILL.md"

    public init(tree: SourceTree) {
        var candidates: [RelativePath] = []
        var ignored: [(RelativePath, String)] = []
        var rootManifest: RelativePath?
        for entry in tree.entries where entry.mode != .symlink {
            guard let name = entry.path.lastComponent, name.count == 8,
                  name.caseInsensitiveEquals(SkillDirectories.manifestName),
                  let directory = entry.path.parent
            else { continue }
            if directory.isRoot {
                rootManifest = entry.path
                continue
            }
            if let reason = SkillDirectories.exclusionReason(directory) {
                ignored.append((entry.path, reason))
            } else {
                candidates.append(directory)
            }
        }
        // Shallow folders first, so an outer skill is known before the folders nested in it.
        candidates.sort { $0.components.count < $1.components.count }
        var outer: Set<RelativePath> = []
        var directories: [RelativePath] = []
        for directory in candidates {
            if SkillDirectories.ancestor(of: directory, in: outer, strict: true) != nil {
                ignored.append((directory.appending(RelativePath(trusted: [SkillDirectories.manifestName])),
                                "it is nested inside another skill"))
                continue
            }
            outer.insert(directory)
            directories.append(directory)
        }
        self.directories = directories.sorted()
        self.ignored = ignored
        self.set = outer
        self.rootManifest = rootManifest
    }

    /// Whether `directory` is one of the skill directories.
    public func isSkill(_ directory: RelativePath) -> Bool { set.contains(directory) }

    /// The skill directory that contains `path` (a file or folder strictly below it), if any.
    public func enclosingSkill(of path: RelativePath) -> RelativePath? {
        SkillDirectories.ancestor(of: path, in: set, strict: true)
    }

    /// Why a folder holding `SKILL.md` is not a skill, or nil when it is one.
    public static func exclusionReason(_ directory: RelativePath) -> String? {
        if directory.components.contains(where: ArtifactConventions.isTemplateFolder) {
            return "it is an authoring template"
        }
        if directory.components.contains(where: { ArtifactConventions.nonArtifactFolders.contains($0.lowercased()) }) {
            return "it sits in an example, fixture or vendored folder"
        }
        return nil
    }

    private static func ancestor(of path: RelativePath, in set: Set<RelativePath>, strict: Bool) -> RelativePath? {
        guard !set.isEmpty else { return nil }
        let components = path.components
        let upper = strict ? components.count - 1 : components.count
        guard upper >= 1 else { return nil }
        for length in 1...upper {
            let candidate = RelativePath(trusted: Array(components.prefix(length)))
            if set.contains(candidate) { return candidate }
        }
        return nil
    }
}

extension String {
    /// ASCII case-insensitive equality, cheap enough for a pass over every entry of a large tree.
    func caseInsensitiveEquals(_ other: String) -> Bool {
        guard utf8.count == other.utf8.count else { return false }
        return zip(utf8, other.utf8).allSatisfy { a, b in
            a == b || (a | 0x20 == b | 0x20 && (a | 0x20) >= 0x61 && (a | 0x20) <= 0x7A)
        }
    }
}
