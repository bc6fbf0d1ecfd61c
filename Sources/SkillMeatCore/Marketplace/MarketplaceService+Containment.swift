public import Foundation
public import SkillMeatPluginAPI

/// A source on this machine is read only inside its folder: its root, the paths of its manual map
/// and the entry files served from it may not lead elsewhere through a symbolic link (a link to
/// `~/.ssh` named in a manual map would otherwise offer a key as an artifact's file).
extension MarketplaceService {
    /// The folder a source's location names when it is on this machine (an absolute path to an
    /// existing folder); nil for remote sources, whose paths are git's and never the disk's.
    static func localFolder(_ location: String) -> URL? {
        guard location.hasPrefix("/") else { return nil }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: location, isDirectory: &isDirectory), isDirectory.boolValue else { return nil }
        return URL(fileURLWithPath: location, isDirectory: true)
    }

    /// The real folder `path` names under `root` of the local source at `location`, refusing any
    /// symbolic link on the way that leads out of the source's folder; nil for remote sources.
    @discardableResult
    static func containedPath(_ path: RelativePath, root: RelativePath?, location: String) throws(SkillMeatError) -> URL? {
        guard let folder = localFolder(location) else { return nil }
        do {
            let base = try PathSafety.resolveContained(root ?? .root, in: folder)
            // Each link on the way must stay inside the root, not merely inside the folder.
            return try PathSafety.resolveContained(path, in: base)
        } catch {
            throw .invalidArgument("The source \(location) cannot use '\(path)': \(error.description)")
        }
    }

    /// Refuses a root or manual map of a local source that leads out of its folder.
    static func checkContainment(location: String, root: RelativePath?, manualMap: [RelativePath]) throws(SkillMeatError) {
        guard localFolder(location) != nil else { return }
        if let root { try containedPath(root, root: nil, location: location) }
        for path in manualMap.sorted() {
            try containedPath(path, root: root, location: location)
        }
    }
}
