import Foundation

/// One benchmark suite: it prepares a workload once, then the harness times `run` several times.
protocol BenchmarkSuite {
    /// The name given on the command line.
    var name: String { get }
    /// What is measured, in words.
    var summary: String { get }
    /// Prepares the workload and describes its size (e.g. "10,000 files, 40 MB").
    mutating func setUp(in scratch: URL) async throws -> String
    /// One timed run; returns a checksum-like value so the work cannot be optimised away.
    func run() async throws -> Int
    /// One timed run, in seconds: the wall time of `run` unless the suite reads a clock of its own
    /// (a browser's, for work that ends in another process).
    func timedRun() async throws -> Double
    /// The target from the issue, in seconds, if there is one.
    var target: Double? { get }
    /// Multiplies each timing, for suites that repeat a small operation inside one run.
    var scale: Double { get }
    /// Runs `body` (set-up and every timed run) inside whatever the suite needs alive meanwhile,
    /// such as a local server.
    func around<T>(_ body: () async throws -> T) async throws -> T
}

extension BenchmarkSuite {
    var scale: Double { 1 }

    func timedRun() async throws -> Double {
        let start = ContinuousClock.now
        let checksum = try await run()
        let elapsed = ContinuousClock.now - start
        precondition(checksum != Int.min)
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    func around<T>(_ body: () async throws -> T) async throws -> T { try await body() }
}

/// Timings of one suite.
struct BenchmarkResult: Encodable {
    var suite: String
    var summary: String
    var workload: String
    var runs: Int
    var medianSeconds: Double
    var minSeconds: Double
    var maxSeconds: Double
    var targetSeconds: Double?
    var meetsTarget: Bool?

    enum CodingKeys: String, CodingKey {
        case suite, summary, workload, runs
        case medianSeconds = "median_seconds"
        case minSeconds = "min_seconds"
        case maxSeconds = "max_seconds"
        case targetSeconds = "target_seconds"
        case meetsTarget = "meets_target"
    }
}

/// Times a suite: one warm-up run, then `runs` measured runs.
func measure(_ suite: inout some BenchmarkSuite, runs: Int, scratch: URL) async throws -> BenchmarkResult {
    let copy = suite
    return try await copy.around {
        var inner = copy
        return try await measureInside(&inner, runs: runs, scratch: scratch)
    }
}

private func measureInside(_ suite: inout some BenchmarkSuite, runs: Int, scratch: URL) async throws -> BenchmarkResult {
    let folder = scratch.appending(path: suite.name, directoryHint: .isDirectory)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let workload = try await suite.setUp(in: folder)
    _ = try await suite.timedRun()
    var samples: [Double] = []
    for _ in 0..<runs {
        samples.append(try await suite.timedRun() * suite.scale)
    }
    samples.sort()
    let median = samples.count % 2 == 1 ? samples[samples.count / 2] : (samples[samples.count / 2 - 1] + samples[samples.count / 2]) / 2
    return BenchmarkResult(
        suite: suite.name,
        summary: suite.summary,
        workload: workload,
        runs: runs,
        medianSeconds: median,
        minSeconds: samples.first ?? 0,
        maxSeconds: samples.last ?? 0,
        targetSeconds: suite.target,
        meetsTarget: suite.target.map { median < $0 }
    )
}

/// "12.3 ms" or "1.23 s".
func formatSeconds(_ seconds: Double) -> String {
    seconds < 1 ? String(format: "%.2f ms", seconds * 1000) : String(format: "%.3f s", seconds)
}
