public import Foundation
public import SkillMeatPluginAPI
public import SkillMeatStore

/// `[projects]` in the configuration: how long a project's cached discovery and drift stay fresh, and
/// how `serve` keeps them so.
public struct ProjectCacheSettings: Sendable, Hashable {
    /// Seconds a cached project stays fresh (`projects.cache_ttl_seconds`); 0 reads every time.
    public var ttlSeconds: Int
    /// Seconds between background refreshes in `serve` (`projects.refresh_interval_seconds`); 0: none.
    public var refreshIntervalSeconds: Int
    /// Projects a refresh reads at once (`projects.refresh_concurrency`).
    public var refreshConcurrency: Int

    public init(ttlSeconds: Int = 300, refreshIntervalSeconds: Int = 300, refreshConcurrency: Int = 2) {
        self.ttlSeconds = ttlSeconds
        self.refreshIntervalSeconds = refreshIntervalSeconds
        self.refreshConcurrency = refreshConcurrency
    }

    public init(configuration: Configuration) {
        let table = configuration.values["projects"]?.objectValue ?? [:]
        self.init(
            ttlSeconds: max(0, table["cache_ttl_seconds"]?.intValue ?? 300),
            refreshIntervalSeconds: max(0, table["refresh_interval_seconds"]?.intValue ?? 300),
            refreshConcurrency: max(1, table["refresh_concurrency"]?.intValue ?? 2)
        )
    }
}

/// A known project with its deployments and their drift, and what discovery finds in it (seed 002's
/// project): `GET /api/v1/projects`, `projects list --json`.
public struct ProjectOverview: Sendable, Encodable {
    /// The project's id (`ProjectRegistry.id(of:)`), as `/api/v1/projects/{id}/…` name it.
    public var id: String
    public var path: String
    public var name: String
    public var scope: DeploymentScope
    public var added: String
    /// Whether the folder is still there.
    public var exists: Bool
    public var deployments: [DeploymentStatus]
    public var discovered: [DiscoveredArtifact]
    /// When this was read from the project's files.
    public var refreshedAt: Date?
    /// Whether it came from the cache (fresh) rather than a read just now.
    public var cached: Bool

    /// How many deployments are in each drift state (every state present, zeros included).
    public var drift: [String: Int] {
        var counts = Dictionary(uniqueKeysWithValues: DriftState.allCases.map { ($0.rawValue, 0) })
        for deployment in deployments { counts[deployment.state.rawValue, default: 0] += 1 }
        return counts
    }

    enum CodingKeys: String, CodingKey {
        case id, path, name, scope, added, exists, deployments, discovered, drift, cached
        case refreshedAt = "refreshed_at"
    }

    public func encode(to encoder: any Encoder) throws {
        try encoder.encodeFields(CodingKeys.self, [
            .id: id, .path: path, .name: name, .scope: scope, .added: added, .exists: exists, .deployments: deployments,
            .drift: drift, .discovered: discovered, .refreshedAt: refreshedAt, .cached: cached,
        ])
    }
}

/// What a project cache refresh did.
public struct ProjectCacheRefresh: Sendable, Encodable {
    public struct Item: Sendable, Hashable, Encodable {
        public enum Status: String, Sendable, Hashable, Encodable {
            /// Read again and cached.
            case refreshed
            /// Still fresh, left as cached (no `force`).
            case fresh
            case failed
        }

        public var projectID: String
        public var path: String
        public var status: Status
        public var error: String?

        enum CodingKeys: String, CodingKey {
            case path, status, error
            case projectID = "project_id"
        }

        public func encode(to encoder: any Encoder) throws {
            try encoder.encodeFields(CodingKeys.self, [.projectID: projectID, .path: path, .status: status.rawValue, .error: error])
        }
    }

    public var projects: [Item]
    public var durationSeconds: Double

    enum CodingKeys: String, CodingKey {
        case projects
        case refreshedCount = "refreshed_count", freshCount = "fresh_count", failedCount = "failed_count", durationSeconds = "duration_seconds"
    }

    public func count(_ status: Item.Status) -> Int { projects.filter { $0.status == status }.count }

    public func encode(to encoder: any Encoder) throws {
        try encoder.encodeFields(CodingKeys.self, [
            .projects: projects, .refreshedCount: count(.refreshed), .freshCount: count(.fresh), .failedCount: count(.failed),
            .durationSeconds: durationSeconds,
        ])
    }
}

/// The project cache (seed 002): each known project's deployments with their drift, and what discovery
/// finds in it, kept in the store with the time it was read. A cached project is fresh while it is
/// younger than the TTL and nothing SkillMeat writes (a project's deployment records, a collection's
/// manifest) changed after it was read; otherwise it is read again. Nothing lives only here.
public struct ProjectCache: Sendable {
    public let home: SkillMeatHome
    public let stores: any StoreBackend
    public let plugins: PluginCatalog
    public let settings: ProjectCacheSettings
    /// The collection discovery compares project artifacts with.
    public let collection: String

    public init(home: SkillMeatHome, stores: any StoreBackend, plugins: PluginCatalog, settings: ProjectCacheSettings, collection: String) {
        self.home = home
        self.stores = stores
        self.plugins = plugins
        self.settings = settings
        self.collection = collection
    }

    /// A project's id, as the API names it (`ProjectRegistry.id(of:)`).
    public static func id(of path: String) -> String {
        ProjectRegistry.id(of: path)
    }

    /// Every known project, from the cache where it is fresh and read again (and cached) where not.
    public func list(now: Date = Date()) async throws(SkillMeatError) -> [ProjectOverview] {
        var overviews: [ProjectOverview] = []
        for project in try ProjectRegistry(home: home).list() {
            overviews.append(try await overview(project, force: false, now: now))
        }
        return overviews
    }

    /// The known project `reference` names: its id, or its folder (absolute, or as the registry holds it).
    public func project(_ reference: String) throws(SkillMeatError) -> KnownProject {
        let known = try ProjectRegistry(home: home).list()
        let canonical = reference.hasPrefix("/") ? PathSafety.canonical(URL(fileURLWithPath: reference, isDirectory: true)).path : reference
        guard let match = known.first(where: { $0.id == reference || $0.path == reference || $0.path == canonical }) else {
            throw .notFound("There is no known project '\(reference)'.", hint: .chooseProject)
        }
        return match
    }

    /// One known project (by id or folder), from the cache when fresh.
    public func overview(of reference: String, now: Date = Date()) async throws(SkillMeatError) -> ProjectOverview {
        try await overview(try project(reference), force: false, now: now)
    }

    /// Reads again the projects whose cache is stale (every project with `force`), or only `reference`,
    /// at most `settings.refreshConcurrency` at once; one failure does not stop the others.
    public func refresh(_ reference: String? = nil, force: Bool = false, now: Date = Date()) async throws(SkillMeatError) -> ProjectCacheRefresh {
        let started = ContinuousClock.now
        let targets: [KnownProject]
        if let reference { targets = [try project(reference)] } else { targets = try ProjectRegistry(home: home).list() }
        var items: [ProjectCacheRefresh.Item] = []
        await withTaskGroup(of: (Int, ProjectCacheRefresh.Item).self) { group in
            var next = 0
            func start() {
                guard next < targets.count else { return }
                let (index, project) = (next, targets[next])
                next += 1
                group.addTask { (index, await refreshOne(project, force: force, now: now)) }
            }
            for _ in 0..<min(settings.refreshConcurrency, targets.count) { start() }
            var done: [(Int, ProjectCacheRefresh.Item)] = []
            while let result = await group.next() {
                done.append(result)
                start()
            }
            items = done.sorted { $0.0 < $1.0 }.map(\.1)
        }
        return ProjectCacheRefresh(projects: items, durationSeconds: Double((ContinuousClock.now - started) / .milliseconds(1)) / 1000)
    }

    /// Refreshes the stale projects now and then every `settings.refreshIntervalSeconds` until the task
    /// is cancelled (the server stops); with an interval of 0 it returns at once. A refresh that fails
    /// is tried again at the next interval.
    public func keepFresh() async {
        guard settings.refreshIntervalSeconds > 0 else { return }
        while !Task.isCancelled {
            _ = try? await refresh(force: false)
            do {
                try await Task.sleep(for: .seconds(settings.refreshIntervalSeconds))
            } catch {
                return
            }
        }
    }

    private func refreshOne(_ project: KnownProject, force: Bool, now: Date) async -> ProjectCacheRefresh.Item {
        let id = Self.id(of: project.path)
        do {
            if !force, try await fresh(project, now: now) != nil {
                return .init(projectID: id, path: project.path, status: .fresh, error: nil)
            }
            _ = try await read(project, now: now)
            return .init(projectID: id, path: project.path, status: .refreshed, error: nil)
        } catch {
            return .init(projectID: id, path: project.path, status: .failed, error: error.description)
        }
    }

    func overview(_ project: KnownProject, force: Bool, now: Date) async throws(SkillMeatError) -> ProjectOverview {
        if !force, let cached = try await fresh(project, now: now) { return cached }
        return try await read(project, now: now)
    }

    /// The cached overview of `project` when it is fresh.
    func fresh(_ project: KnownProject, now: Date) async throws(SkillMeatError) -> ProjectOverview? {
        guard settings.ttlSeconds > 0,
              let row = try await SkillMeatError.store({ try await stores.projectCache.project(path: project.path) }),
              now.timeIntervalSince(row.refreshedAt) < Double(settings.ttlSeconds),
              lastWrite(project).map({ $0 < row.refreshedAt }) ?? true
        else { return nil }
        let decoder = JSONDecoder()
        guard let deployments = try? decoder.decode([DeploymentStatus].self, from: Data(row.deploymentsJSON.utf8)),
              let discovered = try? decoder.decode([DiscoveredArtifact].self, from: Data(row.discoveryJSON.utf8))
        else { return nil }
        return overview(project, deployments: deployments, discovered: discovered, refreshedAt: row.refreshedAt, cached: true)
    }

    /// Reads `project`'s drift and discovery from its files and caches them.
    func read(_ project: KnownProject, now: Date) async throws(SkillMeatError) -> ProjectOverview {
        let root = URL(fileURLWithPath: project.path, isDirectory: true)
        guard FileManager.default.fileExists(atPath: root.path) else {
            // A folder that is gone has nothing to cache; `projects remove` forgets it.
            try? await stores.projectCache.deleteProject(path: project.path)
            var gone = overview(project, deployments: [], discovered: [], refreshedAt: now, cached: false)
            gone.exists = false
            return gone
        }
        let deployments = try DeploymentIndex(home: home).status(roots: [root])
        var discovered: [DiscoveredArtifact] = []
        if CollectionStore(home: home, name: collection).exists {
            let service = try CollectionService.open(home: home, collection: collection, stores: stores)
            discovered = try await service.discovery(with: plugins).run(projectRoot: root).artifacts
        }
        let stamp = Timestamp.truncated(now)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let row = CachedProject(
            path: project.path, refreshedAt: stamp,
            deploymentsJSON: String(decoding: (try? encoder.encode(deployments)) ?? Data("[]".utf8), as: UTF8.self),
            discoveryJSON: String(decoding: (try? encoder.encode(discovered)) ?? Data("[]".utf8), as: UTF8.self)
        )
        try await SkillMeatError.store { try await stores.projectCache.saveProject(row) }
        return overview(project, deployments: deployments, discovered: discovered, refreshedAt: stamp, cached: false)
    }

    func overview(_ project: KnownProject, deployments: [DeploymentStatus], discovered: [DiscoveredArtifact], refreshedAt: Date?, cached: Bool) -> ProjectOverview {
        ProjectOverview(
            id: Self.id(of: project.path), path: project.path, name: URL(fileURLWithPath: project.path).lastPathComponent, scope: project.scope,
            added: project.added, exists: FileManager.default.fileExists(atPath: project.path), deployments: deployments, discovered: discovered,
            refreshedAt: refreshedAt, cached: cached
        )
    }

    /// When SkillMeat last wrote something a project's overview depends on: one of its deployment
    /// records (or the profile folder that held one it removed), or a collection's manifest. Nil when
    /// none can be read.
    func lastWrite(_ project: KnownProject) -> Date? {
        let root = URL(fileURLWithPath: project.path, isDirectory: true)
        let collections = ((try? CollectionStore.names(in: home)) ?? []).map { CollectionStore(home: home, name: $0).manifestURL }
        let profileFolders = ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).filter { $0.hasPrefix(".") }
            .map { root.appending(path: $0, directoryHint: .isDirectory) }
        let dates = ([root] + profileFolders + DeploymentIndex.recordFiles(in: root) + collections).compactMap {
            (try? FileManager.default.attributesOfItem(atPath: $0.path))?[.modificationDate] as? Date
        }
        return dates.max()
    }
}
