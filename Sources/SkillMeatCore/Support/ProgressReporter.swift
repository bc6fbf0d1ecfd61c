/// What long work is doing, as data: the front end words it (the CLI as a line redrawn on a terminal).
public enum ProgressActivity: String, Sendable, CaseIterable {
    /// Reading a source's tree (files and their ids).
    case reading
    /// Running the detectors over a tree.
    case detecting
    /// Fetching and installing catalog entries.
    case importing
    /// Planning and writing deployments.
    case deploying
    /// Comparing imported artifacts with upstream and re-fetching what changed.
    case updating
    /// Rebuilding cache rows from the files.
    case rebuilding
    /// Rescanning marketplace sources.
    case scanning
    /// Fetching a collection's artifacts at their locked commits.
    case installing
}

/// How far a piece of long work has got: items done of a total (nil while unknown) and the item at hand.
public struct ProgressUpdate: Sendable, Hashable {
    public var activity: ProgressActivity
    public var completed: Int
    public var total: Int?
    /// The item being worked on (an artifact id, an entry name, a source id), if any.
    public var current: String?

    public init(activity: ProgressActivity, completed: Int, total: Int?, current: String? = nil) {
        self.activity = activity
        self.completed = completed
        self.total = total
        self.current = current
    }
}

/// Receives progress reports from Core's long work. Core knows nothing of terminals: a front end
/// decides whether and how to show them (the CLI draws one line on a terminal's stderr; HTTP ignores them).
public protocol ProgressReporter: Sendable {
    func report(_ update: ProgressUpdate)
}

/// The reporter of the current task, set by a front end around a command (as `Interruption.current` is).
public enum WorkProgress {
    @TaskLocal public static var reporter: (any ProgressReporter)?

    /// Reports to the current task's reporter, if there is one.
    public static func report(_ activity: ProgressActivity, completed: Int, total: Int?, current: String? = nil) {
        reporter?.report(ProgressUpdate(activity: activity, completed: completed, total: total, current: current))
    }
}
