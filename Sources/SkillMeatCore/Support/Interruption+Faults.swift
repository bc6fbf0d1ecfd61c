import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Interruption {
    /// A signal this process sends itself the `count`th time it reaches `point`: how the process tests
    /// and `scripts/reliability.sh` interrupt or kill a command at an exact moment
    /// (`SKILLMEAT_TEST_FAULT="import.stage#5=INT,deploy.journaled=KILL"`).
    struct Fault: Sendable, Hashable {
        var point: String
        var count: Int
        var signal: Int32

        static func parse(_ text: String?) -> [Fault] {
            guard let text, !text.isEmpty else { return [] }
            return text.split(separator: ",").compactMap { part in
                let sides = part.split(separator: "=", maxSplits: 1).map(String.init)
                guard sides.count == 2, let signal = Self.signals[sides[1].uppercased()] else { return nil }
                let place = sides[0].split(separator: "#", maxSplits: 1).map(String.init)
                return Fault(point: place[0], count: place.count == 2 ? Int(place[1]) ?? 1 : 1, signal: signal)
            }
        }

        static let signals: [String: Int32] = ["INT": SIGINT, "TERM": SIGTERM, "KILL": SIGKILL]
    }

    func reach(_ point: String) {
        guard !faults.isEmpty else { return }
        let count = state.withLock { state in
            state.reached[point, default: 0] += 1
            return state.reached[point]!
        }
        guard let fault = faults.first(where: { $0.point == point && $0.count == count }) else { return }
        kill(getpid(), fault.signal)
        // The signal arrives through the CLI's handler on another thread; wait for it, so the boundary
        // that follows sees it as a real Ctrl-C at this moment would be seen.
        for _ in 0..<200 where signal == nil { usleep(5000) }
    }
}
