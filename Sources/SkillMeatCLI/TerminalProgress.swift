import Foundation
import SkillMeatCore
import Synchronization

/// Core's progress drawn as one line on a terminal's standard error, redrawn in place: what is being
/// done, items done of the total, the current item and the time since the work began. Redraws are
/// throttled (at most one per `interval`, ten a second by default); `finish` clears the line. The CLI
/// installs it only when standard error is a terminal and `--quiet` was not given.
final class TerminalProgress: ProgressReporter {
    struct State {
        var started: ContinuousClock.Instant?
        var lastDraw: ContinuousClock.Instant?
        var drawn = false
        var draws = 0
    }

    /// Clears the line before anything else reaches the terminal, so output never lands inside it.
    struct ClearingSink: OutputSink {
        let base: any OutputSink
        let progress: TerminalProgress

        func write(_ text: String, to stream: OutputStream) {
            progress.clear()
            base.write(text, to: stream)
        }

        func write(bytes: [UInt8], to stream: OutputStream) {
            progress.clear()
            base.write(bytes: bytes, to: stream)
        }

        var standardOutputFailure: String? { base.standardOutputFailure }
    }

    private let output: any OutputSink
    private let width: Int
    private let interval: Duration
    private let now: @Sendable () -> ContinuousClock.Instant
    private let state = Mutex(State())

    init(
        output: any OutputSink, width: Int, interval: Duration = .milliseconds(100),
        now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) {
        self.output = output
        self.width = max(width, 20)
        self.interval = interval
        self.now = now
    }

    /// How many times the line was drawn (for tests of the throttle).
    var draws: Int { state.withLock { $0.draws } }

    func report(_ update: ProgressUpdate) {
        let time = now()
        let line: String? = state.withLock { state in
            let started = state.started ?? time
            state.started = started
            if let last = state.lastDraw, time - last < interval { return nil }
            state.lastDraw = time
            state.drawn = true
            state.draws += 1
            return Self.text(update, elapsed: time - started)
        }
        guard let line else { return }
        output.write("\r\u{1B}[2K" + Self.fit(line, width - 1), to: .standardError)
    }

    /// Removes the line, if one is drawn.
    func clear() {
        let drawn = state.withLock { state in
            defer { state.drawn = false }
            return state.drawn
        }
        if drawn { output.write("\r\u{1B}[2K", to: .standardError) }
    }

    /// The work is over: the line goes.
    func finish() { clear() }

    static func text(_ update: ProgressUpdate, elapsed: Duration) -> String {
        var text = verb(update.activity)
        if let total = update.total {
            text += " \(Output.count(min(update.completed, total))) of \(Output.count(total))"
        } else if update.completed > 0 {
            text += " \(Output.count(update.completed))"
        }
        if let current = update.current, !current.isEmpty { text += " · \(current)" }
        return text + " · \(elapsed.components.seconds)s"
    }

    static func verb(_ activity: ProgressActivity) -> String {
        switch activity {
        case .reading: "Reading"
        case .detecting: "Detecting"
        case .importing: "Importing"
        case .deploying: "Deploying"
        case .updating: "Updating"
        case .rebuilding: "Rebuilding"
        case .scanning: "Scanning"
        case .installing: "Installing"
        }
    }

    /// `text` cut to `width` characters, with an ellipsis where it was cut.
    static func fit(_ text: String, _ width: Int) -> String {
        text.count <= width ? text : String(text.prefix(max(width - 1, 0))) + "…"
    }
}
