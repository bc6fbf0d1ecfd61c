public import SkillMeatPluginAPI

/// What one scan of one tree found: every artifact once, after overlaps and the manual map are
/// applied, and what the detectors could not read.
public struct ScanResult: Sendable {
    public var artifacts: [DetectedArtifact]
    public var diagnostics: [Diagnostic]

    public init(artifacts: [DetectedArtifact], diagnostics: [Diagnostic]) {
        self.artifacts = artifacts
        self.diagnostics = diagnostics
    }

    /// The artifacts of one type.
    public func artifacts(of type: ArtifactType) -> [DetectedArtifact] {
        artifacts.filter { $0.type == type }
    }
}
