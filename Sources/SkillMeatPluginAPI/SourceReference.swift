/// What a user points SkillMeat at: a location (`owner/repo`, a GitHub URL, any git URL, a local
/// path), an optional ref and an optional root inside it. Providers decide whether they take it.
public struct SourceReference: Sendable, Hashable, Codable, CustomStringConvertible {
    /// As the user wrote it.
    public var location: String
    /// A branch, tag or commit; nil means the default branch (or HEAD, or the folder as it is).
    public var ref: String?
    /// A folder inside the source that the scan is limited to.
    public var root: RelativePath?

    public init(location: String, ref: String? = nil, root: RelativePath? = nil) {
        self.location = location
        self.ref = ref
        self.root = root
    }

    public var description: String {
        var text = location
        if let root, !root.isRoot { text += " (root \(root))" }
        if let ref { text += "@\(ref)" }
        return text
    }
}
