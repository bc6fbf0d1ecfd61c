public import Foundation
import SkillMeatPluginAPI

/// Which folders can be projects, and whether one is known.
extension ProjectRegistry {
    /// Trees of the operating system no project lives in; a folder inside one is refused too.
    static let systemTrees = ["/bin", "/boot", "/dev", "/etc", "/lib", "/lib32", "/lib64", "/proc", "/run", "/sbin", "/sys", "/usr", "/private/etc", "/System"]
    /// Folders that hold other people's trees (and `/`): refused themselves, fine below.
    static let systemFolders: Set<String> = ["/", "/home", "/Users", "/var", "/private", "/private/var", "/tmp", "/private/tmp", "/opt", "/mnt", "/media", "/srv", "/root", "/Library", "/Volumes"]

    /// Whether `path` (resolved) is `/`, a folder of other people's trees, or inside a tree of the system.
    public static func isSystemFolder(_ path: String) -> Bool {
        systemFolders.contains(path) || systemTrees.contains { path == $0 || path.hasPrefix($0 + "/") }
    }

    /// `folder` with symbolic links resolved, when it can be a project: it exists, is a folder, is
    /// not `/` nor a system folder (or inside one), and is not `userHome`, which is the user scope's.
    public static func projectFolder(_ folder: URL, userHome: URL?) throws(SkillMeatError) -> URL {
        let resolved = PathSafety.canonical(folder)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved.path, isDirectory: &isDirectory) else {
            throw .notFound("The folder \(folder.path) does not exist.", hint: .chooseProject)
        }
        guard isDirectory.boolValue else {
            throw .invalidArgument("\(folder.path) is a file, not a project folder.", hint: .chooseProject)
        }
        let path = resolved.path
        if isSystemFolder(path) {
            throw .invalidArgument("\(path) is a system folder, not a project; choose the project's own folder.", hint: .chooseProject)
        }
        if let userHome, path == PathSafety.canonical(userHome).path {
            throw .invalidArgument("\(path) is the home folder, where the user scope deploys; choose a project inside it.", hint: .chooseProject)
        }
        return resolved
    }

    /// The known project (scope `project`) that `folder` is, compared by resolved path; nil when none.
    public func knownProject(_ folder: URL) throws(SkillMeatError) -> KnownProject? {
        let path = PathSafety.canonical(folder).path
        return try list().first { $0.scope == .project && PathSafety.canonical(URL(fileURLWithPath: $0.path, isDirectory: true)).path == path }
    }
}
