/// What reading a source cost in remote requests, so a scan can report it (`source scan --json`).
public struct SourceRequestStats: Sendable, Hashable, Codable {
    /// Requests sent, retries included.
    public var requests: Int = 0
    /// Conditional requests answered "not modified" (free under GitHub's rate limit).
    public var notModified: Int = 0
    /// Requests that failed (and were retried or reported).
    public var failed: Int = 0
    /// Responses reused from a local cache without a request.
    public var cached: Int = 0

    public init(requests: Int = 0, notModified: Int = 0, failed: Int = 0, cached: Int = 0) {
        self.requests = requests
        self.notModified = notModified
        self.failed = failed
        self.cached = cached
    }

    /// Requests that count against a rate limit (every request but a "not modified").
    public var rateLimited: Int { requests - notModified }

    enum CodingKeys: String, CodingKey {
        case requests, failed, cached
        case notModified = "not_modified"
    }
}

/// A running count of a tree's remote requests; reads of file contents add to it as they happen.
public protocol SourceRequestLog: Sendable {
    var stats: SourceRequestStats { get }
}
