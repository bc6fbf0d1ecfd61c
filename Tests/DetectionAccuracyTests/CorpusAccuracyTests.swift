import Foundation
import SkillMeatCore
import SkillMeatPluginAPI
import SkillMeatTestSupport
import Testing

@Suite struct CorpusAccuracyTests {
    static let corpusDirectory = Corpus.locate()

    @Test("the whole corpus is detected with precision ≥ 0.99 and recall ≥ 0.98 for every type",
          .enabled(if: corpusDirectory != nil, "the labelled corpus is not present"))
    func wholeCorpus() async throws {
        let corpus = try Corpus.load(from: try #require(Self.corpusDirectory))
        var results: [CorpusEvaluator.RepositoryResult] = []
        for repository in corpus.repositories {
            let scan = await AllDetectors.scanner.scan(try repository.sourceTree())
            results.append(CorpusEvaluator.evaluate(repository, detected: scan.artifacts))
        }
        let evaluation = CorpusEvaluator.Result(repositories: results)
        let report = evaluation.report()
        if let path = ProcessInfo.processInfo.environment["SKILLMEAT_CORPUS_REPORT"] {
            try Data(report.utf8).write(to: URL(fileURLWithPath: path))
        }
        for type in ArtifactType.allCases {
            let score = evaluation.scores[type] ?? CorpusEvaluator.Score()
            #expect(score.precision >= 0.99, Comment(rawValue: "\(type) precision \(score.precision)\n\(report)"))
            #expect(score.recall >= 0.98, Comment(rawValue: "\(type) recall \(score.recall)\n\(report)"))
        }
    }
}
