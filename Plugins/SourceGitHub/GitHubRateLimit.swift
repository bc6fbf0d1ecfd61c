public import Foundation

/// GitHub's rate-limit headers of one response (`X-RateLimit-*`, `Retry-After`).
public struct GitHubRateLimit: Sendable, Hashable {
    public var limit: Int?
    public var remaining: Int?
    public var used: Int?
    /// When the window resets (`X-RateLimit-Reset`, seconds since 1970 UTC).
    public var reset: Date?
    /// Seconds to wait before retrying (`Retry-After`, sent with secondary rate limits).
    public var retryAfter: Int?

    public init(limit: Int? = nil, remaining: Int? = nil, used: Int? = nil, reset: Date? = nil, retryAfter: Int? = nil) {
        self.limit = limit
        self.remaining = remaining
        self.used = used
        self.reset = reset
        self.retryAfter = retryAfter
    }

    /// Reads the headers; `header` looks one up case-insensitively.
    init(header: (String) -> String?) {
        func int(_ name: String) -> Int? { header(name).flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } }
        limit = int("X-RateLimit-Limit")
        remaining = int("X-RateLimit-Remaining")
        used = int("X-RateLimit-Used")
        reset = int("X-RateLimit-Reset").map { Date(timeIntervalSince1970: TimeInterval($0)) }
        retryAfter = int("Retry-After")
    }

    /// Whether a 403/429 carrying these headers means "rate limited" rather than "forbidden".
    var isExhausted: Bool { remaining == 0 || retryAfter != nil }

    /// How long until the limit lifts, measured from `now`.
    func wait(from now: Date) -> TimeInterval? {
        if let retryAfter { return TimeInterval(retryAfter) }
        return reset.map { max(0, $0.timeIntervalSince(now)) }
    }

    /// One sentence for a limit that lifts at `resetsAt`: when (UTC and minutes from `now`) and what to
    /// do about it.
    static func message(resetsAt: Date?, now: Date, limit: Int?, usedToken: Bool, webHost: String) -> String {
        var text = "GitHub's API rate limit"
        if let limit { text += " of \(limit) requests an hour" }
        text += usedToken ? " for this token is used up" : " for unauthenticated requests is used up"
        if let resetsAt {
            let minutes = max(1, Int((resetsAt.timeIntervalSince(now) / 60).rounded(.up)))
            text += " until \(utcText(resetsAt)) (in \(minutes) minute\(minutes == 1 ? "" : "s"))"
        }
        if usedToken {
            text += "; wait until then or use a token of another account"
        } else {
            let isDotCom = webHost == "github.com"
            text += "; wait until then, or add a token (set SKILLMEAT_GITHUB_TOKEN or GITHUB_TOKEN, pass --token, or run `gh auth login"
            text += isDotCom ? "`)" : " --hostname \(webHost)`)"
            text += isDotCom ? " to get 5,000 requests an hour" : " to raise the limit"
        }
        return text + "."
    }

    /// `2025-06-01 14:05 UTC`.
    static func utcText(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func two(_ value: Int?) -> String { let v = value ?? 0; return v < 10 ? "0\(v)" : "\(v)" }
        return "\(parts.year ?? 0)-\(two(parts.month))-\(two(parts.day)) \(two(parts.hour)):\(two(parts.minute)) UTC"
    }
}
