public import SkillMeatPluginAPI

/// A detected artifact as `scan --json` and the HTTP API print it (snake_case fields).
public struct DetectedArtifactOutput: Sendable, Hashable, Codable {
    public var type: String
    public var name: String
    /// Relative to the source root.
    public var path: String
    public var confidence: Int
    public var reasons: [String]
    public var description: String?
    public var title: String?
    public var author: String?
    public var license: String?
    public var version: String?
    public var tags: [String]
    public var tools: [String]
    public var files: [String]
    public var detector: String?
    /// Problems found in this artifact's own files.
    public var diagnostics: [DiagnosticOutput]

    public init(_ artifact: DetectedArtifact, diagnostics: [Diagnostic] = []) {
        self.type = artifact.type.rawValue
        self.name = artifact.name
        self.path = artifact.path.string
        self.confidence = artifact.confidence
        self.reasons = artifact.reasons
        self.description = artifact.metadata.description
        self.title = artifact.metadata.title
        self.author = artifact.metadata.author
        self.license = artifact.metadata.license
        self.version = artifact.metadata.version
        self.tags = artifact.metadata.tags
        self.tools = artifact.metadata.tools
        self.files = artifact.files.map(\.string)
        self.detector = artifact.detectorID?.description
        let own = Set(artifact.files.map(\.string) + [artifact.path.string])
        self.diagnostics = diagnostics.filter { $0.path.map(own.contains) ?? false }.map(DiagnosticOutput.init)
    }
}

/// A diagnostic as `--json` prints it.
public struct DiagnosticOutput: Sendable, Hashable, Codable {
    public var severity: String
    public var path: String?
    public var message: String
    public var plugin: String?

    public init(_ diagnostic: Diagnostic) {
        self.severity = diagnostic.severity.rawValue
        self.path = diagnostic.path
        self.message = diagnostic.message
        self.plugin = diagnostic.pluginID?.description
    }
}
