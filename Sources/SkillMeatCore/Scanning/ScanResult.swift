public import SkillMeatPluginAPI

/// What one scan of one tree found: every artifact once, after overlaps and the manual map are
/// applied, and what the detectors could not read.
public struct ScanResult: Sendable {
    public var artifacts: [DetectedArtifact]
    public var diagnostics: [Diagnostic]
    /// Files that could not be read at all (not merely parsed); detection of them is unknown.
    public var unreadFiles: [Diagnostic]

    public init(artifacts: [DetectedArtifact], diagnostics: [Diagnostic], unreadFiles: [Diagnostic] = []) {
        self.artifacts = artifacts
        self.diagnostics = diagnostics
        self.unreadFiles = unreadFiles
    }

    /// The artifacts of one type.
    public func artifacts(of type: ArtifactType) -> [DetectedArtifact] {
        artifacts.filter { $0.type == type }
    }
}
