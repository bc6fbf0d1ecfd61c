import Foundation

/// Naming conventions every detector shares: which files are documentation, which folders hold
/// templates, examples or resources rather than artifacts. Kept in one place so that the five
/// detectors agree on what is noise.
public enum ArtifactConventions {
    /// Folders whose contents are never artifacts wherever they appear: authoring templates, worked
    /// examples, test fixtures, vendored packages and version-control internals.
    public static let nonArtifactFolders: Set<String> = [
        "template", "templates", "example", "examples", "fixtures", "__fixtures__", "node_modules",
        ".git", "__tests__", "test-fixtures", "samples", "sample",
    ]

    /// Folders that hold documentation; their markdown is never an artifact unless a manifest says so.
    /// Not applied below a `commands` folder, where `docs/` is a command namespace.
    public static let documentationFolders: Set<String> = ["docs", "doc", "documentation", "ai_docs", "i18n", "wiki"]

    /// Subfolders of a commands or agents folder that hold resources for the files beside them.
    public static let resourceFolders: Set<String> = [
        "template", "templates", "example", "examples", "scripts", "references", "reference", "assets",
        "fixtures", "resources",
    ]

    /// Folder names that hold an authoring template rather than a usable artifact. Deliberately exact:
    /// a skill called `fastapi-templates` is a real skill about templates.
    static let templateFolderNames: Set<String> = [
        "template", "templates", "_template", "_templates", "template-skill", "skill-template", "template_skill",
        "skill_template", "skill-templates", "plugin-template", "template-plugin",
    ]

    /// Whether a folder name marks an authoring template (`template/`, `template-skill/`, `skill-template/`).
    public static func isTemplateFolder(_ name: String) -> Bool {
        templateFolderNames.contains(name.lowercased())
    }

    /// Whether any folder of `path` (the file name excluded) is a template or non-artifact folder.
    public static func isInNonArtifactFolder(_ path: RelativePath) -> Bool {
        path.components.dropLast().contains { nonArtifactFolders.contains($0.lowercased()) || isTemplateFolder($0) }
    }

    /// Whether any folder of `path` (the file name excluded) is a documentation folder.
    public static func isInDocumentationFolder(_ path: RelativePath) -> Bool {
        path.components.dropLast().contains { documentationFolders.contains($0.lowercased()) }
    }

    /// Whether a markdown file outside any component folder is worth reading as a loose artifact: not
    /// documentation by name or place, not in a template, example or hidden tool folder (`.claude/`
    /// aside), and in none of `excludedFolders` (lower-case names of folders that hold other things).
    public static func isLooseCandidate(_ path: RelativePath, excludedFolders: Set<String>) -> Bool {
        guard let name = path.lastComponent, !isDocumentationName(name) else { return false }
        if isInNonArtifactFolder(path) || isInDocumentationFolder(path) { return false }
        let folders = path.components.dropLast()
        if folders.contains(where: { $0.hasPrefix(".") && $0 != ".claude" }) { return false }
        return !folders.contains { excludedFolders.contains($0.lowercased()) }
    }

    /// Whether the file is markdown (`.md`); `.mdx` is documentation-site content, not an artifact.
    public static func isMarkdown(_ path: RelativePath) -> Bool {
        // `fileExtension == "md"` without building the lowered extension: called for every entry.
        guard let name = path.lastComponent?.utf8, name.count >= 4 else { return false }
        var tail = name.reversed().makeIterator()
        guard let d = tail.next(), d | 0x20 == UInt8(ascii: "d"),
              let m = tail.next(), m | 0x20 == UInt8(ascii: "m"),
              tail.next() == UInt8(ascii: ".") else { return false }
        return true
    }

    /// Whether a file name is a disabled or sample copy of a configuration (`.mcp.json.sample`).
    public static func isSampleFile(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return [".sample", ".example", ".template", ".bak", ".orig", ".disabled", ".dist"].contains { lowered.hasSuffix($0) }
    }

    /// Whether a markdown file name is documentation by convention: READMEs (any spelling), and the
    /// conventional documentation and memory names (`CHANGELOG`, `LICENSE`, `CLAUDE`, `AGENTS`, …) and
    /// other ALL-CAPS names such as `QUICKSTART.md` as people write them, in capitals (or `Changelog.md`).
    /// A lower-case `changelog.md` or `security.md` in a commands folder is a command named after what it
    /// does, and stays one.
    public static func isDocumentationName(_ name: String) -> Bool {
        let stem = name.split(separator: ".").first.map(String.init) ?? name
        let upper = stem.uppercased()
        if upper.hasPrefix("README") { return true }
        if name.lowercased().hasSuffix(".local.md") { return true }
        let known = ["CHANGELOG", "CHANGES", "HISTORY", "CLAUDE", "AGENTS", "GEMINI", "LICENSE", "LICENCE",
                     "CONTRIBUTING", "CODE_OF_CONDUCT", "SECURITY", "NOTICE", "AUTHORS", "COPYING"]
        if known.contains(upper), stem.first?.isUppercase == true { return true }
        return isAllCaps(stem)
    }

    /// Whether the letters of `text` are all upper case and there are at least two of them.
    public static func isAllCaps(_ text: String) -> Bool {
        var letters = 0
        for scalar in text.unicodeScalars where scalar.properties.isAlphabetic {
            if !scalar.properties.isUppercase { return false }
            letters += 1
        }
        return letters >= 2
    }

    /// The nearest folder of `path` named `name` (exactly, case-insensitively), as the path up to and
    /// including it; nil when there is none.
    public static func nearestFolder(named name: String, in path: RelativePath) -> RelativePath? {
        let folders = path.components.dropLast()
        guard let index = folders.lastIndex(where: { folder in
            // ASCII names compare cheaply; others get Foundation's full case folding.
            folder.utf8.allSatisfy { $0 < 0x80 } ? folder.caseInsensitiveEquals(name) : folder.caseInsensitiveCompare(name) == .orderedSame
        }) else { return nil }
        return RelativePath(trusted: Array(path.components[...index]))
    }

    /// Whether `path` is a YAML-frontmatter candidate worth reading: it starts with `---` (after an
    /// optional byte-order mark).
    public static func startsWithFrontmatter(_ bytes: some Sequence<UInt8>) -> Bool {
        var iterator = bytes.makeIterator()
        var first = iterator.next()
        if first == 0xEF {
            guard iterator.next() == 0xBB, iterator.next() == 0xBF else { return false }
            first = iterator.next()
        }
        return first == UInt8(ascii: "-") && iterator.next() == UInt8(ascii: "-") && iterator.next() == UInt8(ascii: "-")
    }
}
