import Foundation
import SkillMeatCore
import SkillMeatTestSupport
import Synchronization
import Testing
@testable import SkillMeatCLI

@Suite struct ProgressTests {
    /// A home with the example marketplace added as the source `examples`.
    static func world() async throws -> CLIHarness {
        let cli = try CLIHarness()
        #expect(await cli.run("init").status == 0)
        let added = await cli.run("source", "add", DeployCommandTests.marketplace.path, "--name", "examples")
        #expect(added.status == 0, "\(added.error)")
        return cli
    }

    @Test("import --all on a terminal draws progress on stderr, clears it, and ends with a count line")
    func importProgressOnTerminal() async throws {
        let cli = try await Self.world()
        defer { cli.home.remove() }
        let result = await cli.runOnTerminal("import", "--source", "examples", "--all")
        #expect(result.status == 0, "\(result.error)")
        #expect(result.error.contains("\r\u{1B}[2KImporting"))
        #expect(result.error.hasSuffix("\r\u{1B}[2K"), "the line is cleared at the end")
        let last = try #require(result.output.split(separator: "\n").last)
        #expect(last.hasPrefix("Imported "), "\(result.output)")
        #expect(try #require(last.wholeMatch(of: /Imported (\d+) of (\d+)/)).output.1 == (try #require(last.wholeMatch(of: /Imported (\d+) of (\d+)/))).output.2)
    }

    @Test("no progress when stderr is not a terminal, and none with --quiet (which drops the count line too)")
    func silentWithoutTerminal() async throws {
        let cli = try await Self.world()
        defer { cli.home.remove() }
        let piped = await cli.run("source", "scan", "examples")
        #expect(piped.status == 0)
        #expect(!piped.error.contains("\r"))
        let quiet = await cli.runOnTerminal("import", "--source", "examples", "--all", "-q")
        #expect(quiet.status == 0, "\(quiet.error)")
        #expect(!quiet.error.contains("\r"))
        #expect(!quiet.output.contains("Imported "))
    }

    @Test("scan, source scan, update, deploy and cache rebuild report progress on a terminal")
    func everyLongCommand() async throws {
        let cli = try await Self.world()
        defer { cli.home.remove() }
        #expect(await cli.run("import", "--source", "examples", "--all").status == 0)
        let project = cli.home.path("project")
        try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
        let runs: [(arguments: [String], word: String)] = [
            (["scan", DeployCommandTests.marketplace.path], "Reading"),
            (["source", "scan", "--all"], "Detecting"),
            (["update"], "Updating"),
            (["deploy", "--type", "command", "--project", project.path], "Deploying"),
            (["cache", "rebuild", "--all"], "Rebuilding"),
        ]
        for run in runs {
            let result = await cli.run(run.arguments, terminal: true, width: 100)
            #expect(result.error.contains("\r\u{1B}[2K\(run.word)"), "\(run.arguments): \(result.error.debugDescription)")
            #expect(result.error.hasSuffix("\r\u{1B}[2K"), "\(run.arguments)")
        }
    }

    @Test("redraws are throttled to ten a second and fit the width")
    func throttled() {
        let sink = BufferedOutputSink()
        let clock = ManualClock()
        let progress = TerminalProgress(output: sink, width: 30, now: { clock.now })
        for index in 0..<100 {
            progress.report(ProgressUpdate(activity: .importing, completed: index, total: 100, current: "skill:a-very-long-artifact-name-indeed"))
            clock.advance(by: .milliseconds(10))
        }
        #expect(progress.draws == 10)
        for line in sink.standardError.components(separatedBy: "\r\u{1B}[2K") {
            #expect(line.count <= 29)
        }
        progress.finish()
        #expect(sink.standardError.hasSuffix("\r\u{1B}[2K"))
    }

    @Test("counts are grouped by thousands whatever the locale")
    func grouping() {
        #expect(Output.count(1998) == "1,998")
        #expect(Output.count(2_000_000) == "2,000,000")
        #expect(Output.count(12) == "12")
        #expect(Output.summary("Imported", done: 1998, of: 2000, [(2, "failed"), (0, "skipped")]) == "Imported 1,998 of 2,000; 2 failed")
    }
}

/// A clock a test moves by hand.
final class ManualClock: Sendable {
    private let instant = Mutex(ContinuousClock.now)
    var now: ContinuousClock.Instant { instant.withLock { $0 } }
    func advance(by duration: Duration) { instant.withLock { $0 += duration } }
}

@Suite struct ProgressClearingTests {
    @Test("anything written while a progress line is drawn clears it first")
    func clearsBeforeOutput() {
        let sink = BufferedOutputSink()
        let progress = TerminalProgress(output: sink, width: 80)
        let clearing = TerminalProgress.ClearingSink(base: sink, progress: progress)
        progress.report(ProgressUpdate(activity: .deploying, completed: 1, total: 3, current: "skill:pdf"))
        clearing.write("", to: .standardError)
        clearing.write("Write these 2 commands?", to: .standardError)
        #expect(sink.standardError.hasSuffix("skill:pdf · 0s\r\u{1B}[2KWrite these 2 commands?"), "\(sink.standardError.debugDescription)")
    }
}
