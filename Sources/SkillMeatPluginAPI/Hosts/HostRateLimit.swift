public import Foundation

/// The rate-limit headers of one response: GitHub's and Gitea's `X-RateLimit-*`, GitLab's
/// `RateLimit-*` (the IETF draft names), and `Retry-After` wherever it comes.
public struct HostRateLimit: Sendable, Hashable {
    public var limit: Int?
    public var remaining: Int?
    public var used: Int?
    /// When the window resets (`…RateLimit-Reset`, seconds since 1970 UTC).
    public var reset: Date?
    /// Seconds to wait before retrying (`Retry-After`, sent with 429s and secondary rate limits).
    public var retryAfter: Int?

    public init(limit: Int? = nil, remaining: Int? = nil, used: Int? = nil, reset: Date? = nil, retryAfter: Int? = nil) {
        self.limit = limit
        self.remaining = remaining
        self.used = used
        self.reset = reset
        self.retryAfter = retryAfter
    }

    /// Reads the headers; `header` looks one up case-insensitively. The `X-` names win over the bare ones.
    public init(header: (String) -> String?) {
        func int(_ name: String) -> Int? {
            (header("X-" + name) ?? header(name)).flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        }
        limit = int("RateLimit-Limit")
        remaining = int("RateLimit-Remaining")
        used = int("RateLimit-Used") ?? int("RateLimit-Observed")
        // A reset far below today's epoch seconds is a delta (the IETF draft), not a time.
        reset = int("RateLimit-Reset").map { value in
            value < 1_000_000_000 ? Date().addingTimeInterval(TimeInterval(value)) : Date(timeIntervalSince1970: TimeInterval(value))
        }
        retryAfter = header("Retry-After").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    }

    /// Whether a 403/429 carrying these headers means "rate limited" rather than "forbidden".
    public var isExhausted: Bool { remaining == 0 || retryAfter != nil }

    /// How long until the limit lifts, measured from `now`.
    public func wait(from now: Date) -> TimeInterval? {
        if let retryAfter { return TimeInterval(retryAfter) }
        return reset.map { max(0, $0.timeIntervalSince(now)) }
    }

    /// One sentence for a limit of `hostName` that lifts at `resetsAt`: when (UTC and minutes from
    /// `now`) and what to do about it. `tokenAdvice` completes "wait until then, or …" when no
    /// token was sent (e.g. "add a token (set GITLAB_TOKEN) to raise the limit").
    public static func message(hostName: String, period: String?, resetsAt: Date?, now: Date, limit: Int?, usedToken: Bool, tokenAdvice: String) -> String {
        var text = "\(hostName)'s API rate limit"
        if let limit { text += " of \(limit) requests" + (period.map { " \($0)" } ?? "") }
        text += usedToken ? " for this token is used up" : " for unauthenticated requests is used up"
        if let resetsAt {
            let minutes = max(1, Int((resetsAt.timeIntervalSince(now) / 60).rounded(.up)))
            text += " until \(utcText(resetsAt)) (in \(minutes) minute\(minutes == 1 ? "" : "s"))"
        }
        text += usedToken ? "; wait until then or use a token of another account" : "; wait until then, or \(tokenAdvice)"
        return text + "."
    }

    /// `2025-06-01 14:05 UTC`.
    public static func utcText(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func two(_ value: Int?) -> String { let v = value ?? 0; return v < 10 ? "0\(v)" : "\(v)" }
        return "\(parts.year ?? 0)-\(two(parts.month))-\(two(parts.day)) \(two(parts.hour)):\(two(parts.minute)) UTC"
    }
}
