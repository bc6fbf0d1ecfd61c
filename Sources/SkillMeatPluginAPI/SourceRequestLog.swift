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
    /// Requests answered by a host that meters none of them (a Gitea or Forgejo server without a
    /// rate-limiting proxy in front: its answers report no limit).
    public var unmetered: Int = 0

    public init(requests: Int = 0, notModified: Int = 0, failed: Int = 0, cached: Int = 0, unmetered: Int = 0) {
        self.requests = requests
        self.notModified = notModified
        self.failed = failed
        self.cached = cached
        self.unmetered = unmetered
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        requests = try container.decode(Int.self, forKey: .requests)
        notModified = try container.decode(Int.self, forKey: .notModified)
        failed = try container.decode(Int.self, forKey: .failed)
        cached = try container.decode(Int.self, forKey: .cached)
        unmetered = try container.decodeIfPresent(Int.self, forKey: .unmetered) ?? 0
    }

    /// Requests that count against a rate limit: every request but a "not modified" and those no
    /// limit meters.
    public var rateLimited: Int { requests - notModified - unmetered }

    enum CodingKeys: String, CodingKey {
        case requests, failed, cached, unmetered
        case notModified = "not_modified"
    }
}

/// A running count of a tree's remote requests; reads of file contents add to it as they happen.
public protocol SourceRequestLog: Sendable {
    var stats: SourceRequestStats { get }
}
