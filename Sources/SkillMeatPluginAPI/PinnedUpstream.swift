/// Where an artifact's recorded upstream address points: the source pinned to the commit it was read
/// at, and the artifact's path in it. What `install` and `sync` fetch a locked artifact from.
public struct PinnedUpstream: Sendable, Hashable, Codable {
    /// The source, with `ref` set to the pinned commit (nil for a plain folder, read as it is).
    public var reference: SourceReference
    /// The artifact's path in the tree `reference` reads.
    public var path: RelativePath

    public init(reference: SourceReference, path: RelativePath) {
        self.reference = reference
        self.path = path
    }
}
