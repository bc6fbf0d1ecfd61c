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
