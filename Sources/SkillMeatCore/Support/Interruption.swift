public import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A request to stop long work (an import, deploy, update or re-import) at its next entry boundary, so
/// what is complete is kept and consistent. The CLI raises it from SIGINT/SIGTERM; the HTTP API never
/// does, but cancels the task of a client that has gone, which `shouldStop` reads the same way. Work that honours it runs inside `observing`; a signal that arrives while nothing observes it
/// is left to end the process the ordinary way (`raise` returns false).
public final class Interruption: Sendable {
    struct State {
        var signal: Int32?
        var observers = 0
        var observedOnce = false
        /// How often each fault point was reached (test faults only).
        var reached: [String: Int] = [:]
    }

    let state = Mutex(State())
    /// Called once, when work first starts observing (the CLI installs its signal handlers then, so a
    /// command that never observes keeps the default disposition).
    private let onFirstObserve: @Sendable (Interruption) -> Void
    /// Test faults: `point#count=SIGNAL` pairs (see `Interruption+Faults.swift`).
    let faults: [Fault]

    /// The interruption of the current task: set by the CLI around a command, nil elsewhere.
    @TaskLocal public static var current: Interruption?

    public init(faults: String? = nil, onFirstObserve: @escaping @Sendable (Interruption) -> Void = { _ in }) {
        self.onFirstObserve = onFirstObserve
        self.faults = Fault.parse(faults)
    }

    /// The signal that asked to stop, if one did.
    public var signal: Int32? { state.withLock { $0.signal } }

    /// Records `signal`; returns whether work that stops at a boundary will see it. A second signal
    /// is not swallowed: the person insists, so the caller ends the process.
    public func raise(_ signal: Int32) -> Bool {
        state.withLock { state in
            let first = state.signal == nil
            state.signal = state.signal ?? signal
            return first && state.observers > 0
        }
    }

    /// Runs `body` as work that checks `shouldStop(at:)` at its entry boundaries.
    public func observe<T, E: Error>(_ body: () async throws(E) -> T) async throws(E) -> T {
        let first = state.withLock { state in
            state.observers += 1
            defer { state.observedOnce = true }
            return !state.observedOnce
        }
        if first { onFirstObserve(self) }
        defer { state.withLock { $0.observers -= 1 } }
        return try await body()
    }

    /// Runs `body` observing the current task's interruption (none: `body` runs as it is).
    public static func observing<T, E: Error>(_ body: () async throws(E) -> T) async throws(E) -> T {
        guard let current else { return try await body() }
        return try await current.observe(body)
    }

    /// Whether the current work should stop before its next entry. `point` names the boundary, where a
    /// test fault may fire first.
    /// A cancelled task (the HTTP server cancels the work of a client that has gone) stops the same way.
    public static func shouldStop(at point: String) -> Bool {
        if let current {
            current.reach(point)
            if current.signal != nil { return true }
        }
        return Task.isCancelled
    }

    /// Marks a point that is not a boundary (a test fault may fire there, e.g. a kill after a commit).
    public static func reach(_ point: String) {
        current?.reach(point)
    }
}
