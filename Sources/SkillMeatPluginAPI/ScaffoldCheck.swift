import Foundation

/// Copy-me scaffolds and test presets: a component whose frontmatter still holds unfilled placeholders
/// (`{{name}}`, `[PROJECT_NAME]`, `YOUR_TOKEN`) is not ready to use. It keeps a low confidence with the
/// reason, lower still when a README or manifest around it calls the folder a template or preset, so
/// `import --all` leaves it alone and a person can still take it on purpose.
public enum ScaffoldCheck {
    /// Words in a README or manifest that mark a folder of things to copy rather than use.
    static let templateWords = ["template", "preset", "scaffold", "boilerplate", "starter kit"]

    /// The first unfilled placeholder among the frontmatter's text values, or nil. Gemini's `{{args}}`
    /// and Claude's `$ARGUMENTS` are how real commands take input, not placeholders.
    public static func placeholder(in frontmatter: Frontmatter?) -> String? {
        guard let frontmatter, frontmatter.isPresent else { return nil }
        for key in frontmatter.fields.keys.sorted() {
            guard let text = frontmatter.fields[key]?.stringValue, let found = placeholder(in: text) else { continue }
            return found
        }
        return nil
    }

    /// The first placeholder of `text`: `{{word}}` (not `{{args}}`), `[UPPER_CASE]`, or `YOUR_…`/`<your-…>`.
    public static func placeholder(in text: String) -> String? {
        // Regular expressions cost microseconds each and run on every frontmatter value of a scan: only
        // text holding one of the placeholders' opening characters is matched at all.
        guard text.utf8Contains("{{") || text.utf8Contains("[") || text.utf8Contains("YOUR_") || text.utf8Contains("<your") else { return nil }
        if let match = text.firstMatch(of: /\{\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}\}/), match.1 != "args" { return String(match.0) }
        if let match = text.firstMatch(of: /\[[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\]/) { return String(match.0) }
        if let match = text.firstMatch(of: /\bYOUR_[A-Z0-9_]+\b|<your[-_ ][^>]{1,40}>/) { return String(match.0) }
        return nil
    }

    /// The README or manifest, in `folder` or up to two folders above it, that calls the folder a
    /// template or preset; nil when none does. Reads at most a few small files.
    public static func templateDescription(startingAt start: RelativePath, in tree: SourceTree) async -> RelativePath? {
        var folder: RelativePath? = start
        for _ in 0..<3 {
            guard let current = folder else { return nil }
            for name in ["README.md", "readme.md", "package.json", "plugin.json", "manifest.json"] {
                let candidate = current.appendingComponentText(name)
                guard tree.contains(candidate), let data = try? await tree.prefix(of: candidate, maxBytes: 8192) else { continue }
                let text = String(decoding: data, as: UTF8.self).lowercased()
                if templateWords.contains(where: { text.contains($0) }) { return candidate }
            }
            folder = current.isRoot ? nil : current.parent
        }
        return nil
    }

    /// Lowers `artifact` when its frontmatter has unfilled placeholders, with the reason; the folder
    /// checked for a template description is the artifact's own (a skill's) or the one holding its file.
    public static func adjust(_ artifact: inout DetectedArtifact, frontmatter: Frontmatter?, tree: SourceTree) async {
        guard let placeholder = placeholder(in: frontmatter) else { return }
        let folder = artifact.type.isSingleFile ? (artifact.path.parent ?? .root) : artifact.path
        if let description = await templateDescription(startingAt: folder, in: tree) {
            artifact.confidence = min(artifact.confidence, DetectionConfidence.scaffold)
            artifact.reasons.append("a scaffold to copy: its frontmatter still holds the placeholder '\(placeholder)' and \(description) calls the folder a template or preset")
        } else {
            artifact.confidence = min(artifact.confidence, DetectionConfidence.otherPlatform + 10)
            artifact.reasons.append("its frontmatter still holds the placeholder '\(placeholder)'")
        }
    }
}

extension RelativePath {
    /// `self` with one more component known to be a plain file name.
    func appendingComponentText(_ name: String) -> RelativePath {
        RelativePath(trusted: components + [name])
    }
}
