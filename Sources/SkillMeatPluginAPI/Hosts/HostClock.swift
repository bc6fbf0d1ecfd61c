public import Foundation

/// The time source and sleep a hosted-source client uses for rate-limit waits and retry backoff;
/// tests pass one that records sleeps instead of waiting.
public struct HostClock: Sendable {
    public var now: @Sendable () -> Date
    public var sleep: @Sendable (Duration) async throws -> Void

    public init(now: @escaping @Sendable () -> Date, sleep: @escaping @Sendable (Duration) async throws -> Void) {
        self.now = now
        self.sleep = sleep
    }

    /// The wall clock and `Task.sleep`.
    public static let system = HostClock(now: { Date() }, sleep: { try await Task.sleep(for: $0) })
}

/// How hard a hosted-source client tries before giving up.
public struct HostRetryPolicy: Sendable, Hashable {
    /// Retries after the first attempt for 5xx answers, timeouts and dropped connections.
    public var maximumRetries: Int
    /// The first backoff; each further retry doubles it.
    public var initialBackoff: Duration
    /// A rate limit that resets within this is waited out; a later reset fails the request.
    public var longestRateLimitWait: Duration

    public init(maximumRetries: Int = 3, initialBackoff: Duration = .seconds(1), longestRateLimitWait: Duration = .seconds(60)) {
        self.maximumRetries = maximumRetries
        self.initialBackoff = initialBackoff
        self.longestRateLimitWait = longestRateLimitWait
    }

    /// The wait before retry number `retry` (1-based).
    public func backoff(beforeRetry retry: Int) -> Duration {
        initialBackoff * (1 << max(0, min(retry - 1, 16)))
    }
}
