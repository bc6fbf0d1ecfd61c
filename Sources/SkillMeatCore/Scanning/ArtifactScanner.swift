public import SkillMeatPluginAPI

/// Runs detectors over one source tree and resolves what they found into one claim per artifact.
///
/// Detectors run concurrently (at most `maxConcurrentDetectors` at a time) over a tree whose reads are
/// cached, so a file several detectors look at is read once, and share one `TreeAnalysis` (plugin
/// layout, skill folders, markdown candidates) built before they start. Overlaps are settled here and nowhere else
/// (see `OverlapResolver`), and a manual map from the source's settings has the last word.
public struct ArtifactScanner: Sendable {
    public let detectors: [any ArtifactDetector]
    public let maxConcurrentDetectors: Int
    /// Dot-folders of platforms beyond those the plugin API knows (`PlatformFolders`), declared by the
    /// enabled deployers' profiles: components there are a platform's, not another tool's.
    public let platformFolders: Set<String>

    public init(detectors: [any ArtifactDetector], maxConcurrentDetectors: Int = 4, platformFolders: Set<String> = []) {
        self.detectors = detectors
        self.maxConcurrentDetectors = max(1, maxConcurrentDetectors)
        self.platformFolders = platformFolders
    }

    /// Scans `tree`; `manualMap` names paths whose type the user decided, overriding detection.
    public func scan(_ tree: SourceTree, manualMap: [RelativePath: ArtifactType] = [:]) async -> ScanResult {
        let (cachedTree, cache) = tree.cachingReads()
        // Manifests, skill folders and markdown candidates are worked out once for all detectors.
        let input = DetectionInput(tree: cachedTree, analysis: await TreeAnalysis.build(cachedTree, platformFolders: platformFolders))
        let detectors = self.detectors
        let results = await withTaskGroup(of: (Int, DetectionResult).self) { group in
            var next = 0
            func startNext() {
                // A cancelled scan (its requester has gone) starts no further detector.
                guard next < detectors.count, !Task.isCancelled else { return }
                let index = next
                let detector = detectors[index]
                group.addTask { (index, await detector.detect(input)) }
                next += 1
            }
            for _ in 0..<min(maxConcurrentDetectors, detectors.count) { startNext() }
            var collected = [DetectionResult?](repeating: nil, count: detectors.count)
            var finished = 0
            WorkProgress.report(.detecting, completed: 0, total: detectors.count)
            while let (index, result) = await group.next() {
                collected[index] = result
                finished += 1
                WorkProgress.report(.detecting, completed: finished, total: detectors.count, current: detectors[index].artifactType.rawValue)
                startNext()
            }
            return collected.compactMap { $0 }
        }
        let artifacts = OverlapResolver.resolve(results.flatMap(\.artifacts), manualMap: manualMap, tree: tree)
        let unread = await cache.failedReads.map { Diagnostic(.error, path: $0.path.string, "could not be read: \($0.error)") }
        return ScanResult(artifacts: artifacts, diagnostics: OverlapResolver.unique(results.flatMap(\.diagnostics)), unreadFiles: unread)
    }
}
