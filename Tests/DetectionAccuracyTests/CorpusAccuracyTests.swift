import Foundation
import SkillMeatCore
import SkillMeatPluginAPI
import SkillMeatTestSupport
import Testing

@Suite struct CorpusAccuracyTests {
    static let corpusDirectory = Corpus.locate()
    /// CI sets `CI=true`: there a missing corpus fails the test instead of skipping it, so a broken
    /// checkout can never pass for a measured one.
    static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"

    @Test("the whole corpus is detected with precision and recall 1.00 for every type",
          .enabled(if: corpusDirectory != nil || isCI, "the labelled corpus is not present (set CI=true to make that a failure)"))
    func wholeCorpus() async throws {
        let directory = try #require(Self.corpusDirectory, "the labelled corpus (../shared/corpus or $SKILLMEAT_CORPUS) is missing")
        let corpus = try Corpus.load(from: directory)
        var results: [CorpusEvaluator.RepositoryResult] = []
        for repository in corpus.repositories {
            let scan = await AllDetectors.scanner.scan(try repository.sourceTree())
            results.append(CorpusEvaluator.evaluate(repository, detected: scan.artifacts))
        }
        let evaluation = CorpusEvaluator.Result(repositories: results)
        let report = evaluation.report()
        print(report)
        if let path = ProcessInfo.processInfo.environment["SKILLMEAT_CORPUS_REPORT"] {
            try Data(report.utf8).write(to: URL(fileURLWithPath: path))
        }
        for type in ArtifactType.allCases {
            let score = evaluation.scores[type] ?? CorpusEvaluator.Score()
            #expect(score.precision == 1, Comment(rawValue: "\(type) precision \(score.precision)\n\(report)"))
            #expect(score.recall == 1, Comment(rawValue: "\(type) recall \(score.recall)\n\(report)"))
        }
    }
}
