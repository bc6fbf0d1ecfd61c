import Foundation
public import SkillMeatPluginAPI

/// A repository on a Gitea or Forgejo server (`owner/repo`) with an optional ref and a folder inside
/// it, as parsed from a source reference.
public struct GiteaReference: Sendable, Hashable {
    public var owner: String
    public var name: String
    /// A branch, tag or commit; nil means the default branch.
    public var ref: String?
    public var subpath: RelativePath

    /// `owner/repo`.
    public var fullName: String { "\(owner)/\(name)" }

    /// The shorthand prefix: `gitea:owner/repo[@ref]` names a repository on the configured server.
    public static let shorthandPrefix = "gitea:"

    /// Nil when `location` is not this server's (`webRoot`, e.g. `codeberg.org`); throws when it is
    /// but cannot be used. Accepted: `gitea:owner/repo[@ref]`, `https://HOST/owner/repo[.git]` and
    /// `…/src/branch|tag|commit/<ref>[/<path>]` (scheme optional); an explicit ref may hold `/`.
    public static func parse(_ location: String, webRoot: String, explicitRef: String? = nil) throws(PluginError) -> GiteaReference? {
        let text = location.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.lowercased().hasPrefix(shorthandPrefix) {
            var body = Substring(text.dropFirst(shorthandPrefix.count))
            var ref: String?
            if let at = body.lastIndex(of: "@") {
                ref = String(body[body.index(after: at)...])
                body = body[..<at]
            }
            return try build(location, body.split(separator: "/", omittingEmptySubsequences: false).map(String.init), ref: ref, path: [])
        }
        var rest = Substring(text)
        if let schemeEnd = text.range(of: "://") {
            guard ["http", "https"].contains(text[..<schemeEnd.lowerBound].lowercased()) else { return nil }
            rest = text[schemeEnd.upperBound...]
        }
        let root = webRoot.lowercased()
        guard rest.lowercased().hasPrefix(root + "/") else { return nil }
        var path = rest.dropFirst(root.count)
        if let end = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<end] }
        var segments = path.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
        guard segments.count > 2 else {
            if let last = segments.last, last.lowercased().hasSuffix(".git") { segments[segments.count - 1] = String(last.dropLast(4)) }
            return try build(location, segments, ref: nil, path: [])
        }
        guard segments[2] == "src", segments.count > 4, ["branch", "tag", "commit"].contains(segments[3]) else {
            throw .invalidReference(location, reason: "the URL points to a page, not to a repository folder; use https://HOST/owner/repo/src/branch/<branch>/<folder>")
        }
        guard let split = GitRefName.leading(Array(segments[4...]), explicitRef: explicitRef) else {
            throw .invalidReference(location, reason: "'\(segments[4])' is not a valid git branch, tag or commit name")
        }
        return try build(location, Array(segments[..<2]), ref: split.ref, path: split.rest)
    }

    /// `parse`, with the reference's explicit `ref` and `root` applied.
    public static func resolve(_ reference: SourceReference, webRoot: String) throws(PluginError) -> GiteaReference? {
        guard var parsed = try parse(reference.location, webRoot: webRoot, explicitRef: reference.ref) else { return nil }
        if let ref = reference.ref {
            guard GitRefName.isValid(ref) else { throw .invalidReference(reference.location, reason: "'\(ref)' is not a valid git branch, tag or commit name") }
            parsed.ref = ref
        }
        if let root = reference.root { parsed.subpath = root }
        return parsed
    }

    private static func build(_ location: String, _ segments: [String], ref: String?, path: [String]) throws(PluginError) -> GiteaReference {
        let valid: (String) -> Bool = { name in
            !name.isEmpty && name.count <= 100 && name != "." && name != ".."
                && name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0) }
        }
        guard segments.count == 2, valid(segments[0]), valid(segments[1]) else {
            throw .invalidReference(location, reason: "a Gitea repository is named owner/repo")
        }
        if let ref, !GitRefName.isValid(ref) {
            throw .invalidReference(location, reason: "'\(ref)' is not a valid git branch, tag or commit name")
        }
        do {
            return GiteaReference(owner: segments[0], name: segments[1], ref: ref, subpath: try RelativePath(validating: path.joined(separator: "/")))
        } catch {
            throw .invalidReference(location, reason: error.description)
        }
    }
}
