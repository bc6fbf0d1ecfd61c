import Foundation
import Synchronization

/// One HTTP exchange with a source host's API, or a response reused from the disk cache without asking.
public struct HostRequestRecord: Sendable, Hashable, Codable {
    public enum Outcome: String, Sendable, Hashable, Codable {
        /// A request answered with content (counts against the rate limit).
        case fetched
        /// A conditional request answered 304 Not Modified (free on GitHub; cheap everywhere).
        case notModified = "not_modified"
        /// A request answered with content by a host whose answer reported no rate limit and that
        /// has none of its own (`HostAPI.meteredWithoutHeaders` false: Gitea, Forgejo).
        case unmetered
        /// A request that failed (status ≥ 400 or no answer); retried requests appear once per attempt.
        case failed
        /// No request: an immutable response (addressed by commit or tree sha) came from the disk cache.
        case cached
    }

    /// The API path, e.g. `/repos/o/r/git/trees/<sha>`.
    public var path: String
    /// The HTTP status, or nil when no request was made or no answer came.
    public var status: Int?
    public var outcome: Outcome

    public init(path: String, status: Int?, outcome: Outcome) {
        self.path = path
        self.status = status
        self.outcome = outcome
    }
}

/// Records the exchanges of one provider call (and forwards them to the provider's running total),
/// so a scan can report the requests it made.
public final class HostRequestLog: SourceRequestLog {
    private let records = Mutex<[HostRequestRecord]>([])
    private let parent: HostRequestLog?

    public init(parent: HostRequestLog? = nil) {
        self.parent = parent
    }

    public func record(_ record: HostRequestRecord) {
        records.withLock { $0.append(record) }
        parent?.record(record)
    }

    /// Every exchange so far, in order.
    public var entries: [HostRequestRecord] { records.withLock { $0 } }

    /// The totals so far.
    public var stats: SourceRequestStats {
        records.withLock { records in
            var stats = SourceRequestStats()
            for record in records {
                switch record.outcome {
                case .fetched: stats.requests += 1
                case .notModified: stats.requests += 1; stats.notModified += 1
                case .unmetered: stats.requests += 1; stats.unmetered += 1
                case .failed: stats.requests += 1; stats.failed += 1
                case .cached: stats.cached += 1
                }
            }
            return stats
        }
    }
}
