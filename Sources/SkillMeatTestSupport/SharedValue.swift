import Synchronization

/// A value set once a test has it and read from a `@Sendable` hook made before (e.g. a fake server
/// that exists only inside `withServer`, reached from a clock's sleep hook).
public final class SharedValue<Value: Sendable>: Sendable {
    private let stored = Mutex<Value?>(nil)

    public init() {}

    public var value: Value? {
        get { stored.withLock { $0 } }
        set { stored.withLock { $0 = newValue } }
    }
}
