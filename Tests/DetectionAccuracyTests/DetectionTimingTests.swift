import Foundation
import SkillMeatCore
import SkillMeatPluginAPI
import SkillMeatTestSupport
import Testing

/// Opt-in timings (`SKILLMEAT_MEASURE=1 swift test -c release --filter DetectionTimingTests`); they
/// print and never assert, since timing belongs to the benchmark.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["SKILLMEAT_MEASURE"] != nil))
struct DetectionTimingTests {
    static func time(_ work: () async throws -> Void) async rethrows -> Double {
        let clock = ContinuousClock()
        let elapsed = try await clock.measure { try await work() }
        return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    }

    @Test("detection over the materialised corpus and synthetic trees")
    func measure() async throws {
        var lines: [String] = []
        if let directory = Corpus.locate() {
            let corpus = try Corpus.load(from: directory)
            let trees = try corpus.repositories.map { try $0.sourceTree() }
            let files = trees.reduce(0) { $0 + $1.entries.count }
            for run in 0..<3 {
                let elapsed = try await Self.time { for tree in trees { _ = await AllDetectors.scanner.scan(tree) } }
                lines.append("corpus \(files) files, run \(run + 1): \(Int(elapsed)) ms")
            }
            for detector in AllDetectors.make() {
                let elapsed = try await Self.time {
                    for tree in trees { _ = await detector.detect(DetectionInput(tree: tree)) }
                }
                lines.append("corpus, \(detector.artifactType) detector alone: \(Int(elapsed)) ms")
            }
        }
        for count in [5_000, 100_000] {
            let tree = try SyntheticTree.tree(fileCount: count)
            var artifacts = 0
            let elapsed = try await Self.time { artifacts = await AllDetectors.scanner.scan(tree).artifacts.count }
            lines.append("synthetic \(tree.entries.count) files: \(Int(elapsed)) ms, \(artifacts) artifacts")
        }
        print(lines.joined(separator: "\n"))
    }
}
