import Foundation
public import SkillMeatPluginAPI

/// A project on a GitLab server (its full path, subgroups included) with an optional ref and a
/// folder inside it, as parsed from a source reference.
public struct GitLabReference: Sendable, Hashable, CustomStringConvertible {
    /// `group/sub/project`.
    public var projectPath: String
    /// A branch, tag or commit; nil means the project's default branch.
    public var ref: String?
    /// The folder the source is limited to; `.root` for the whole repository.
    public var subpath: RelativePath

    public init(projectPath: String, ref: String? = nil, subpath: RelativePath = .root) {
        self.projectPath = projectPath
        self.ref = ref
        self.subpath = subpath
    }

    public var description: String {
        projectPath + (subpath.isRoot ? "" : " (folder \(subpath))") + (ref.map { "@\($0)" } ?? "")
    }

    /// What `parse` made of a location.
    public enum ParseResult: Sendable, Hashable {
        /// Not a GitLab location of this server; another provider may take it.
        case notGitLab
        /// Clearly meant for GitLab but unusable, with why.
        case invalid(reason: String)
        case parsed(GitLabReference)
    }

    /// The shorthand prefix: `gitlab:group/sub/project[@ref]` names a project on the configured server.
    public static let shorthandPrefix = "gitlab:"

    /// Parses `location` without any I/O. Accepted: `gitlab:group/project[@ref]` and web URLs under
    /// `webRoot` (`gitlab.com`, `gitlab.example.com:8443/gitlab`), with or without the scheme:
    /// `…/group/sub/project[.git]`, `…/-/tree/<ref>[/<path>]`, `…/-/blob/<ref>/<file>` (the folder
    /// holding it) and `…/-/commit/<sha>`. When `explicitRef` is given and the segments after
    /// `tree/` start with it, the ref may contain `/`.
    public static func parse(_ location: String, webRoot: String, explicitRef: String? = nil) -> ParseResult {
        let text = location.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.lowercased().hasPrefix(shorthandPrefix) {
            return parseShorthand(String(text.dropFirst(shorthandPrefix.count)))
        }
        var rest = Substring(text)
        if let schemeEnd = text.range(of: "://") {
            let scheme = text[..<schemeEnd.lowerBound].lowercased()
            guard scheme == "https" || scheme == "http" else { return .notGitLab }
            rest = text[schemeEnd.upperBound...]
            // `https://user@host/...` names the same project.
            if let slash = rest.firstIndex(of: "/"), let at = rest[..<slash].lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        }
        let root = webRoot.lowercased()
        guard rest.lowercased().hasPrefix(root + "/") || rest.lowercased() == root else { return .notGitLab }
        var path = rest.dropFirst(root.count)
        if let end = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<end] }
        return parseWebPath(path.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }, explicitRef: explicitRef)
    }

    /// Parses `reference` and applies its explicit `ref` and `root`, which override the location's.
    public static func resolve(_ reference: SourceReference, webRoot: String) throws(PluginError) -> GitLabReference {
        switch parse(reference.location, webRoot: webRoot, explicitRef: reference.ref) {
        case .notGitLab:
            throw .invalidReference(reference.location, reason: "it is neither gitlab:group/project nor a URL on \(webRoot)")
        case .invalid(let reason):
            throw .invalidReference(reference.location, reason: reason)
        case .parsed(var parsed):
            if let ref = reference.ref {
                guard GitRefName.isValid(ref) else {
                    throw .invalidReference(reference.location, reason: "'\(ref)' is not a valid git branch, tag or commit name")
                }
                parsed.ref = ref
            }
            if let root = reference.root { parsed.subpath = root }
            return parsed
        }
    }

    // MARK: - Pieces

    private static func parseShorthand(_ text: String) -> ParseResult {
        var body = Substring(text)
        var ref: String?
        if let at = text.lastIndex(of: "@") {
            body = text[..<at]
            ref = String(text[text.index(after: at)...])
            guard let ref, GitRefName.isValid(ref) else { return .invalid(reason: "'\(ref ?? "")' after '@' is not a valid git branch, tag or commit name") }
        }
        let segments = body.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        return project(segments, ref: ref, path: [])
    }

    private static func parseWebPath(_ segments: [String], explicitRef: String?) -> ParseResult {
        // Everything before `-` is the project; GitLab puts its pages (`tree`, `blob`, …) after it.
        guard let dash = segments.firstIndex(of: "-") else {
            var project = segments
            if let last = project.last, last.lowercased().hasSuffix(".git") { project[project.count - 1] = String(last.dropLast(4)) }
            return self.project(project, ref: nil, path: [])
        }
        let page = Array(segments[(dash + 1)...])
        guard let kind = page.first, ["tree", "blob", "commit"].contains(kind) else {
            return .invalid(reason: "the URL points to a GitLab page, not to a repository folder; use https://HOST/group/project/-/tree/<ref>/<folder>")
        }
        guard page.count > 1 else { return .invalid(reason: "the URL has '/-/\(kind)/' but no branch, tag or commit after it") }
        guard let split = GitRefName.leading(Array(page.dropFirst()), explicitRef: explicitRef) else {
            return .invalid(reason: "'\(page[1])' is not a valid git branch, tag or commit name")
        }
        let ref = split.ref
        var rest = split.rest
        switch kind {
        case "commit": rest = []
        case "blob": rest = Array(rest.dropLast())
        default: break
        }
        return project(Array(segments[..<dash]), ref: ref, path: rest)
    }

    private static func project(_ segments: [String], ref: String?, path: [String]) -> ParseResult {
        guard segments.count >= 2 else {
            return .invalid(reason: "a GitLab project needs a group and a name, like group/project or group/subgroup/project")
        }
        guard segments.count <= 21, segments.allSatisfy(isValidName) else {
            return .invalid(reason: "'\(segments.joined(separator: "/"))' is not a GitLab project path")
        }
        do {
            let subpath = try RelativePath(validating: path.joined(separator: "/"))
            return .parsed(GitLabReference(projectPath: segments.joined(separator: "/"), ref: ref, subpath: subpath))
        } catch {
            return .invalid(reason: error.description)
        }
    }

    /// Group and project names: letters, digits, `_`, `-`, `.`; not starting with `-` or `.`.
    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 255 && !name.hasPrefix("-") && !name.hasPrefix(".")
            && name.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || ("a"..."z").contains($0) || ("A"..."Z").contains($0) || $0 == "-" || $0 == "_" || $0 == "." }
    }
}
