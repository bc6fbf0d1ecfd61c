public import Foundation
public import SkillMeatPluginAPI
import Synchronization

/// The sleeps a hosted-source client asked for, with a hook that runs on each (e.g. to reset a
/// fake's rate limit); its `clock` never waits.
public final class SleepRecorder: Sendable {
    private let sleeps = Mutex<[Duration]>([])
    private let onSleep: @Sendable () -> Void

    public init(onSleep: @escaping @Sendable () -> Void = {}) {
        self.onSleep = onSleep
    }

    public var recorded: [Duration] { sleeps.withLock { $0 } }

    public var clock: HostClock {
        HostClock(now: { Date() }, sleep: { duration in
            self.sleeps.withLock { $0.append(duration) }
            self.onSleep()
        })
    }
}
