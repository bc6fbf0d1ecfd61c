public import Foundation
public import SkillMeatPluginAPI
import SkillMeatStore

/// One folder SkillMeat deploys into: a project, or the home folder for the user scope.
public struct KnownProject: Sendable, Hashable, Codable {
    public var path: String
    public var scope: DeploymentScope
    public var added: String
    /// How the API names the project (`/api/v1/projects/{id}/…`): `ProjectRegistry.id(of:)`.
    public var id: String
}

/// `$SKILLMEAT_HOME/projects.toml`: every folder deployed to (and any added by hand), so a cache
/// rebuild and `status` find deployment records without the cache.
public struct ProjectRegistry: Sendable {
    public let home: SkillMeatHome

    public init(home: SkillMeatHome) {
        self.home = home
    }

    public var url: URL { home.root.appending(path: "projects.toml", directoryHint: .notDirectory) }

    /// A project's id: the first 16 hex digits of the SHA-256 of its path.
    public static func id(of path: String) -> String {
        String(ContentHash.of(Data(path.utf8)).prefix(16))
    }

    /// The known projects, sorted by path.
    public func list() throws(SkillMeatError) -> [KnownProject] {
        let table = try TOMLCodec.read(url)
        return (table["projects"]?.arrayValue ?? []).compactMap { item -> KnownProject? in
            guard let path = item["path"]?.stringValue else { return nil }
            return KnownProject(
                path: path,
                scope: DeploymentScope(rawValue: item["scope"]?.stringValue ?? "") ?? .project,
                added: item["added"]?.stringValue ?? "",
                id: Self.id(of: path)
            )
        }.sorted { $0.path < $1.path }
    }

    /// Adds `root` unless it is already known; returns whether it was added.
    @discardableResult
    public func add(_ root: URL, scope: DeploymentScope, now: Date = Date()) throws -> Bool {
        let path = PathSafety.canonical(root).path
        return try FileLock(home: home, name: "projects").withLock {
            var table = try TOMLCodec.read(url)
            var projects = table["projects"]?.arrayValue ?? []
            guard !projects.contains(where: { $0["path"]?.stringValue == path && $0["scope"]?.stringValue == scope.rawValue }) else { return false }
            projects.append(.object(["path": .string(path), "scope": .string(scope.rawValue), "added": .string(Timestamp.string(now))]))
            table["projects"] = .array(projects)
            try FileManager.default.createDirectory(at: home.root, withIntermediateDirectories: true)
            try AtomicFile.write(TOMLCodec(priorityKeys: ["path", "scope", "added"]).serialize(table), to: url)
            return true
        }
    }

    /// Forgets `root` (in every scope it is known in); its deployment records stay on disk. Returns
    /// whether it was known.
    @discardableResult
    public func remove(_ root: URL) throws -> Bool {
        let path = PathSafety.canonical(root).path
        return try FileLock(home: home, name: "projects").withLock {
            var table = try TOMLCodec.read(url)
            let projects = table["projects"]?.arrayValue ?? []
            let kept = projects.filter { $0["path"]?.stringValue != path }
            guard kept.count != projects.count else { return false }
            table["projects"] = .array(kept)
            try AtomicFile.write(TOMLCodec(priorityKeys: ["path", "scope", "added"]).serialize(table), to: url)
            return true
        }
    }
}
