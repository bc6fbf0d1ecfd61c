public import Foundation

/// The folder that holds everything of one SkillMeat user (DESIGN §2), and where each part lives.
public struct SkillMeatHome: Sendable, Hashable {
    public let root: URL

    public init(root: URL) {
        self.root = root.standardizedFileURL
    }

    /// The deployment records of every project this home knows.
    public var deploymentIndex: DeploymentIndex { DeploymentIndex(home: self) }

    /// `$SKILLMEAT_HOME`, else `~/.skillmeat` (with `HOME` from `environment` when it is set).
    public static func resolve(environment: [String: String]) -> SkillMeatHome {
        if let explicit = environment["SKILLMEAT_HOME"], !explicit.isEmpty {
            return SkillMeatHome(root: URL(fileURLWithPath: expandTilde(explicit, environment: environment), isDirectory: true))
        }
        let home = environment["HOME"].map { URL(fileURLWithPath: $0, isDirectory: true) }
            ?? FileManager.default.homeDirectoryForCurrentUser
        return SkillMeatHome(root: home.appending(path: ".skillmeat", directoryHint: .isDirectory))
    }

    /// Refuses a home that exists but cannot hold SkillMeat's files (a file, or a folder this user
    /// cannot write), in words, before any open or write fails with a system error's text.
    public func requireUsable() throws(SkillMeatError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else {
            throw .invalidConfiguration("The SkillMeat home \(root.path) is a file, not a folder; point SKILLMEAT_HOME at a folder (it is created when missing).")
        }
        guard FileManager.default.isWritableFile(atPath: root.path) else {
            throw .invalidConfiguration("The SkillMeat home \(root.path) is read-only; make it writable or point SKILLMEAT_HOME at a folder you can write.")
        }
    }

    static func expandTilde(_ path: String, environment: [String: String]) -> String {
        guard path == "~" || path.hasPrefix("~/") else { return path }
        let home = environment["HOME"] ?? FileManager.default.homeDirectoryForCurrentUser.path
        return home + path.dropFirst()
    }

    public var configFile: URL { root.appending(path: "config.toml", directoryHint: .notDirectory) }
    /// The marketplace sources (`RecordFile.sources`): the truth the database's source rows cache.
    public var sourcesFile: URL { root.appending(path: "sources.toml", directoryHint: .notDirectory) }
    public var collectionsDirectory: URL { root.appending(path: "collections", directoryHint: .isDirectory) }
    public var cacheDirectory: URL { root.appending(path: "cache", directoryHint: .isDirectory) }
    public var cacheDatabase: URL { cacheDirectory.appending(path: "cache.db", directoryHint: .notDirectory) }
    public var snapshotsDirectory: URL { root.appending(path: "snapshots", directoryHint: .isDirectory) }
    /// Lock files that serialise writers across processes.
    public var locksDirectory: URL { root.appending(path: ".locks", directoryHint: .isDirectory) }

    /// The folder of the collection `name`.
    public func collectionDirectory(_ name: String) -> URL {
        collectionsDirectory.appending(path: name, directoryHint: .isDirectory)
    }

    /// Whether `skillmeat init` has run here.
    public var isInitialized: Bool {
        FileManager.default.fileExists(atPath: collectionsDirectory.path)
    }
}
