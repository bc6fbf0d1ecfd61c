/// One artifact a detector found in a source tree, with how sure it is and why.
public struct DetectedArtifact: Sendable, Hashable, Codable {
    public var type: ArtifactType
    public var name: String
    /// Where it is, relative to the source root: a skill's directory; a command's or agent's file;
    /// the declaring file of an MCP server or hook (or an MCP server package's directory).
    public var path: RelativePath
    /// 0–100.
    public var confidence: Int
    /// Why the detector believes this, in words a user can check.
    public var reasons: [String]
    public var metadata: ArtifactMetadata
    /// The files that make up the artifact (a skill's whole directory, a hook's scripts), which a
    /// fetch copies and the catalog hash covers.
    public var files: [RelativePath]
    /// For an artifact declared inside a shared file (an MCP server entry, a hooks block): that
    /// declaration, so it can be hashed and deployed without the rest of the file.
    public var declaration: JSONValue?
    /// The detector that reported it.
    public var detectorID: PluginID?

    public init(
        type: ArtifactType,
        name: String,
        path: RelativePath,
        confidence: Int,
        reasons: [String],
        metadata: ArtifactMetadata = ArtifactMetadata(),
        files: [RelativePath] = [],
        declaration: JSONValue? = nil,
        detectorID: PluginID? = nil
    ) {
        self.type = type
        self.name = name
        self.path = path
        self.confidence = min(100, max(0, confidence))
        self.reasons = reasons
        self.metadata = metadata
        self.files = files
        self.declaration = declaration
        self.detectorID = detectorID
    }

    /// `type:name`.
    public var id: ArtifactID { ArtifactID(type: type, name: name) }
}

/// What a detector works on: the tree of one scan, and what the scan already worked out about it.
public struct DetectionInput: Sendable {
    public let tree: SourceTree
    private let shared: TreeAnalysis?

    /// A tree alone; each detector analyses it itself.
    public init(tree: SourceTree) {
        self.tree = tree
        self.shared = nil
    }

    /// A tree with the analysis every detector of the scan shares.
    public init(tree: SourceTree, analysis: TreeAnalysis) {
        self.tree = tree
        self.shared = analysis
    }

    /// The scan's shared analysis, or one built now when the input carries none.
    public func analysis() async -> TreeAnalysis {
        if let shared { return shared }
        return await TreeAnalysis.build(tree)
    }
}

/// What a detector found, and what it could not read.
public struct DetectionResult: Sendable {
    public var artifacts: [DetectedArtifact]
    public var diagnostics: [Diagnostic]

    public init(artifacts: [DetectedArtifact] = [], diagnostics: [Diagnostic] = []) {
        self.artifacts = artifacts
        self.diagnostics = diagnostics
    }
}
