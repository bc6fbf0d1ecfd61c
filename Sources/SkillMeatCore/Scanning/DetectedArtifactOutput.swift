public import SkillMeatPluginAPI

/// A detected artifact as `scan --json` and the HTTP API print it (snake_case fields).
public struct DetectedArtifactOutput: Sendable, Hashable, Encodable {
    public var type: String
    public var name: String
    /// Relative to the source root.
    public var path: String
    public var confidence: Int
    public var reasons: [String]
    /// Written beside the other fields as the artifact's own: `title`, `description`, `author`, `license`,
    /// `version`, `tags`, `tools`.
    public var metadata: ArtifactMetadata
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
        self.metadata = artifact.metadata
        self.files = artifact.files.map(\.string)
        self.detector = artifact.detectorID?.description
        let own = Set(artifact.files.map(\.string) + [artifact.path.string])
        self.diagnostics = diagnostics.filter { $0.path.map(own.contains) ?? false }.map(DiagnosticOutput.init)
    }

    enum CodingKeys: String, CodingKey {
        case type, name, path, confidence, reasons, files, detector, diagnostics
    }

    public func encode(to encoder: any Encoder) throws {
        try encoder.encodeFields(CodingKeys.self, [
            .type: type, .name: name, .path: path, .confidence: confidence, .reasons: reasons, .files: files, .detector: detector,
            .diagnostics: diagnostics,
        ])
        try metadata.encode(to: encoder)
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
