public import Foundation

/// One project's cached discovery and drift (seed 002's project cache): what the project's
/// deployments and discovery were when `refreshedAt` read them, kept as the JSON the core wrote.
public struct CachedProject: Sendable, Hashable {
    /// The project's folder (its canonical path), the key.
    public var path: String
    public var refreshedAt: Date
    /// Its deployments with their drift, as the core encodes them.
    public var deploymentsJSON: String
    /// What discovery found in it, as the core encodes it.
    public var discoveryJSON: String

    public init(path: String, refreshedAt: Date, deploymentsJSON: String, discoveryJSON: String) {
        self.path = path
        self.refreshedAt = refreshedAt
        self.deploymentsJSON = deploymentsJSON
        self.discoveryJSON = discoveryJSON
    }
}

/// The project cache: one row per project, replaced whole by each refresh. Nothing lives only here —
/// every row is recomputed from the project's files.
public protocol ProjectCacheStore: Sendable {
    /// Inserts or replaces the row of `project.path`.
    func saveProject(_ project: CachedProject) async throws(StoreError)
    /// The row of `path`, if there is one.
    func project(path: String) async throws(StoreError) -> CachedProject?
    /// Every row, by path.
    func projects() async throws(StoreError) -> [CachedProject]
    /// Removes the row of `path` (none, no change).
    func deleteProject(path: String) async throws(StoreError)
}
