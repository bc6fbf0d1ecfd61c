/// Finds artifacts of one type in a source tree, each with a confidence and the reasons for it.
///
/// Detectors read only what they need through the tree's lazy reads and never throw for a file they
/// cannot parse: that file becomes a `Diagnostic` and detection goes on. Overlaps between detectors
/// are resolved once, by the host.
public protocol ArtifactDetector: Sendable {
    /// Builds the detector from its context.
    init(context: PluginContext) throws

    /// The one type this detector reports.
    var artifactType: ArtifactType { get }

    /// Every artifact of `artifactType` in the input's tree.
    func detect(_ input: DetectionInput) async -> DetectionResult
}

/// A detector written as one pass over a tree and the scan's analysis of it. The host's entry point,
/// `detect(_:)`, is written once here: it hands over the tree and the shared analysis, and reports
/// what the layout could not read (plugin manifests) under the detector's id before the detector's
/// own diagnostics.
public protocol TreeDetector: ArtifactDetector {
    /// The detector's plugin id, which its artifacts and diagnostics carry.
    var id: PluginID { get }

    /// Every artifact of `artifactType` in `tree`; a file it cannot read is added to `diagnostics`.
    func detect(in tree: SourceTree, analysis: TreeAnalysis, diagnostics: inout [Diagnostic]) async -> [DetectedArtifact]
}

extension TreeDetector {
    public func detect(_ input: DetectionInput) async -> DetectionResult {
        let analysis = await input.analysis()
        var diagnostics: [Diagnostic] = []
        let artifacts = await detect(in: input.tree, analysis: analysis, diagnostics: &diagnostics)
        return DetectionResult(artifacts: artifacts, diagnostics: analysis.layout.diagnostics(reportedBy: id) + diagnostics)
    }
}
