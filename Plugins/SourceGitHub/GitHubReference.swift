import Foundation
public import SkillMeatPluginAPI

/// A repository on a GitHub server with an optional ref and a folder inside it, as parsed from a
/// source reference.
public struct GitHubReference: Sendable, Hashable, CustomStringConvertible {
    public var owner: String
    public var repository: String
    /// A branch, tag or commit; nil means the repository's default branch.
    public var ref: String?
    /// The folder the source is limited to; `.root` for the whole repository.
    public var subpath: RelativePath

    public init(owner: String, repository: String, ref: String? = nil, subpath: RelativePath = .root) {
        self.owner = owner
        self.repository = repository
        self.ref = ref
        self.subpath = subpath
    }

    /// `owner/repo`.
    public var fullName: String { "\(owner)/\(repository)" }

    public var description: String {
        var text = fullName
        if !subpath.isRoot { text += "/\(subpath)" }
        if let ref { text += "@\(ref)" }
        return text
    }

    /// What `parse` made of a location.
    public enum ParseResult: Sendable, Hashable {
        /// Not a GitHub location; another provider (`source/git`) may take it.
        case notGitHub
        /// Clearly meant for GitHub (a URL on its host, an `owner/repo` shape) but unusable, with why.
        case invalid(reason: String)
        case parsed(GitHubReference)
    }

    /// Parses `location` without any I/O. Accepted: `owner/repo`, `owner/repo@ref`,
    /// `owner/repo/sub/path@ref`, `https://<webHost>/owner/repo[.git][/tree|blob|commit/<ref>[/<path>]]`
    /// and the same without the scheme. When `explicitRef` is given and a `/tree/` URL's segments start
    /// with it, the ref may contain `/`; otherwise the first segment after `tree/` is the ref.
    public static func parse(_ location: String, webHost: String = "github.com", explicitRef: String? = nil) -> ParseResult {
        let text = location.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return .notGitHub }
        let host = webHost.lowercased()

        if let schemeEnd = text.range(of: "://") {
            let scheme = text[..<schemeEnd.lowerBound].lowercased()
            guard scheme == "https" || scheme == "http" else { return .notGitHub }
            let afterScheme = text[schemeEnd.upperBound...]
            let authorityEnd = afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? afterScheme.endIndex
            var authority = afterScheme[..<authorityEnd].lowercased()
            // `https://user@github.com/...` names the same repository; the user part is irrelevant.
            if let at = authority.lastIndex(of: "@") { authority = String(authority[authority.index(after: at)...]) }
            guard authority == host || (host == "github.com" && authority == "www.github.com") else { return .notGitHub }
            return parseWebPath(String(afterScheme[authorityEnd...]), explicitRef: explicitRef)
        }
        // `github.com/owner/repo`: an owner name never contains a dot, so a leading host is unambiguous.
        if text.lowercased().hasPrefix(host + "/") {
            return parseWebPath(String(text.dropFirst(host.count)), explicitRef: explicitRef)
        }
        return parseShorthand(text)
    }

    /// Parses `reference` and applies its explicit `ref` and `root`, which override what the location
    /// string says.
    public static func resolve(_ reference: SourceReference, webHost: String) throws(PluginError) -> GitHubReference {
        switch parse(reference.location, webHost: webHost, explicitRef: reference.ref) {
        case .notGitHub:
            throw .invalidReference(reference.location, reason: "it is neither owner/repo nor a URL on \(webHost)")
        case .invalid(let reason):
            throw .invalidReference(reference.location, reason: reason)
        case .parsed(var parsed):
            if let ref = reference.ref {
                guard isValidRef(ref) else {
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
        // Local paths, scp-style git addresses (`git@host:path`) and Windows paths are never ours.
        if text.hasPrefix("/") || text.hasPrefix(".") || text.hasPrefix("~") || text.contains(":") || text.contains("\\") {
            return .notGitHub
        }
        var body = Substring(text)
        var ref: String?
        if let at = text.lastIndex(of: "@") {
            body = text[..<at]
            ref = String(text[text.index(after: at)...])
        }
        let parts = body.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2, isValidOwner(parts[0]) else { return .notGitHub }
        var repository = parts[1]
        if repository.lowercased().hasSuffix(".git") { repository.removeLast(4) }
        guard isValidRepository(repository) else { return .notGitHub }
        if let ref, !isValidRef(ref) {
            return .invalid(reason: "'\(ref)' after '@' is not a valid git branch, tag or commit name")
        }
        return build(owner: parts[0], repository: repository, ref: ref, path: parts.dropFirst(2).joined(separator: "/"))
    }

    private static func parseWebPath(_ rawPath: String, explicitRef: String?) -> ParseResult {
        var path = Substring(rawPath)
        if let end = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<end] }
        let segments = path.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
        guard segments.count >= 2 else {
            return .invalid(reason: "a GitHub URL needs an owner and a repository, like https://github.com/owner/repo")
        }
        let owner = segments[0]
        var repository = segments[1]
        if repository.lowercased().hasSuffix(".git") { repository.removeLast(4) }
        guard isValidOwner(owner), isValidRepository(repository) else {
            return .invalid(reason: "'\(owner)/\(repository)' is not a GitHub owner and repository name")
        }
        guard segments.count > 2 else { return build(owner: owner, repository: repository, ref: nil, path: "") }

        let kind = segments[2]
        guard kind == "tree" || kind == "blob" || kind == "commit" else {
            return .invalid(reason: "the URL points to a GitHub page ('\(kind)'), not to a repository folder; use https://github.com/owner/repo/tree/<ref>/<folder>")
        }
        guard segments.count > 3 else { return .invalid(reason: "the URL has '/\(kind)/' but no branch, tag or commit after it") }
        var rest = Array(segments[3...])
        let ref: String
        if let explicitRef, case let refParts = explicitRef.split(separator: "/").map(String.init),
           !refParts.isEmpty, rest.starts(with: refParts) {
            ref = explicitRef
            rest.removeFirst(refParts.count)
        } else {
            ref = rest.removeFirst()
        }
        guard isValidRef(ref) else { return .invalid(reason: "'\(ref)' is not a valid git branch, tag or commit name") }
        if kind == "commit" {
            return build(owner: owner, repository: repository, ref: ref, path: "")
        }
        // A `blob` URL names a file; the source is the folder holding it (a skill's SKILL.md → the skill).
        if kind == "blob" { rest = Array(rest.dropLast()) }
        return build(owner: owner, repository: repository, ref: ref, path: rest.joined(separator: "/"))
    }

    private static func build(owner: String, repository: String, ref: String?, path: String) -> ParseResult {
        do {
            let subpath = try RelativePath(validating: path)
            return .parsed(GitHubReference(owner: owner, repository: repository, ref: ref, subpath: subpath))
        } catch {
            return .invalid(reason: error.description)
        }
    }

    /// GitHub account names: letters, digits and single hyphens (underscores occur on Enterprise
    /// servers). No dots, which keeps host names and local paths like `foo.d/bar` out.
    static func isValidOwner(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 100 && !name.hasPrefix("-")
            && name.unicodeScalars.allSatisfy { $0.isASCIIAlphanumeric || $0 == "-" || $0 == "_" }
    }

    /// Repository names: letters, digits, `-`, `_` and `.`, but not `.` or `..` alone.
    static func isValidRepository(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 100 && name != "." && name != ".."
            && name.unicodeScalars.allSatisfy { $0.isASCIIAlphanumeric || $0 == "-" || $0 == "_" || $0 == "." }
    }

    /// The parts of git's ref-name rules that matter for safety and for building a URL path.
    static func isValidRef(_ ref: String) -> Bool { GitRefName.isValid(ref) }
}

extension Unicode.Scalar {
    fileprivate var isASCIIAlphanumeric: Bool {
        ("a"..."z").contains(self) || ("A"..."Z").contains(self) || ("0"..."9").contains(self)
    }
}
