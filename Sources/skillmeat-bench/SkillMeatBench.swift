import ArgumentParser
import Foundation

/// `skillmeat-bench [SUITE…] [--runs N] [--json]`: the project's benchmarks. Figures go into
/// docs/BENCHMARKS.md with the machine and the command that produced them.
@main
struct SkillMeatBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "skillmeat-bench",
        abstract: "Measure SkillMeat's hot paths; build with -c release for figures worth recording."
    )

    @Argument(help: "Suites to run (default: all). Known: \(SkillMeatBench.suiteNames.joined(separator: ", ")).")
    var suites: [String] = []

    @Option(help: "Measured runs per suite (after one warm-up run).")
    var runs = 5

    @Flag(help: "Print the results as JSON.")
    var json = false

    /// Every suite, by the name given on the command line, in the order `all` runs them.
    static let suites: [(name: String, make: @Sendable () -> any BenchmarkSuite)] = processSuites + browserSuites

    static let processSuites: [(name: String, make: @Sendable () -> any BenchmarkSuite)] = [
        ("hash", { HashingSuite() }),
        ("startup", { StartupSuite() }),
        ("list", { ListSuite() }),
        ("rebuild", { RebuildSuite() }),
        ("detect-corpus", { CorpusScanSuite() }),
        ("detect-corpus-only", { CorpusDetectionSuite() }),
        // No target of its own: it is the 100k suite's tenth, to show how cost grows.
        ("detect-10k", { SyntheticDetectionSuite(fileCount: 10_000, target: nil) }),
        ("detect-100k", { SyntheticDetectionSuite(fileCount: 100_000, target: 2.0) }),
        ("marketplace-scan", { MarketplaceScanSuite() }),
        ("import", { ImportSuite() }),
        ("deploy", { DeploySuite() }),
        ("deploy-one-100", { DeploySuite(oneOf: 100, target: 0.05) }),
        ("deploy-one-10k", { DeploySuite(oneOf: 10_000, target: 0.075) }),
        ("status", { StatusSuite() }),
        ("discover", { DiscoverSuite() }),
        ("adopt", { AdoptSuite() }),
        ("sync-100", { SyncSuite() }),
        ("outdated-1000", { OutdatedSuite() }),
    ]

    /// The web UI's pages (they need Chromium and chromedriver installed).
    static let browserSuites: [(name: String, make: @Sendable () -> any BenchmarkSuite)] = WebUISuite.pages.map { page in
        let make: @Sendable () -> any BenchmarkSuite = { WebUISuite(name: page.name, path: page.path, what: page.what) }
        return (page.name, make)
    }

    static var suiteNames: [String] { suites.map(\.name) }

    func validate() throws {
        for suite in suites where !Self.suiteNames.contains(suite) {
            throw ValidationError("Unknown suite '\(suite)'; known: \(Self.suiteNames.joined(separator: ", ")).")
        }
        guard runs > 0 else { throw ValidationError("--runs must be at least 1.") }
    }

    func run() async throws {
        let scratch = URL(fileURLWithPath: NSTemporaryDirectory()).appending(path: "skillmeat-bench-\(getpid())", directoryHint: .isDirectory)
        defer { try? FileManager.default.removeItem(at: scratch) }
        var results: [BenchmarkResult] = []
        for name in suites.isEmpty ? Self.suiteNames : suites {
            let make = Self.suites.first { $0.name == name }!.make
            let result = try await Self.measureSuite(make(), runs: runs, scratch: scratch)
            results.append(result)
            if !json { print(Self.describe(result)) }
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(results), as: UTF8.self))
        }
    }

    /// Opens the existential so `measure` sees the concrete suite.
    static func measureSuite(_ suite: some BenchmarkSuite, runs: Int, scratch: URL) async throws -> BenchmarkResult {
        var suite = suite
        return try await measure(&suite, runs: runs, scratch: scratch)
    }

    static func describe(_ result: BenchmarkResult) -> String {
        var text = "\(result.suite): \(result.summary)\n"
        text += "  workload: \(result.workload)\n"
        text += "  median \(formatSeconds(result.medianSeconds))  min \(formatSeconds(result.minSeconds))  max \(formatSeconds(result.maxSeconds))  (\(result.runs) runs)"
        if let target = result.targetSeconds, let meets = result.meetsTarget {
            text += "\n  target < \(formatSeconds(target)): \(meets ? "met" : "NOT met")"
        }
        return text
    }
}
