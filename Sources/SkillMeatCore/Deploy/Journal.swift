import Foundation
import SkillMeatPluginAPI

/// Remembers what every file touched by one deploy or undeploy held before, so a failure part way
/// puts each one back (and removes the folders it created): a failed command leaves files as they were.
struct Journal {
    private var originals: [(url: URL, data: Data?, permissions: Int?)] = []
    private var createdFolders: [URL] = []
    private var seen: Set<URL> = []

    private mutating func remember(_ url: URL) {
        guard seen.insert(url).inserted else { return }
        let data = try? Data(contentsOf: url)
        let permissions = (try? FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? NSNumber)?.intValue
        originals.append((url, data, permissions))
    }

    /// Writes `data` atomically.
    mutating func write(_ data: Data, to url: URL, executable: Bool) throws(SkillMeatError) {
        remember(url)
        try AtomicFile.write(data, to: url, permissions: executable ? 0o755 : 0o644)
    }

    /// Removes a file (a missing one is fine).
    mutating func remove(_ url: URL) throws(SkillMeatError) {
        remember(url)
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        do {
            try FileManager.default.removeItem(at: url)
        } catch {
            throw SkillMeatError.io(url, error)
        }
    }

    /// Creates the missing folders above `path` one by one, noting each in the record file so undeploy
    /// can remove them again.
    mutating func createFolders(for path: RelativePath, in root: URL, records: inout DeploymentRecordFile) throws(SkillMeatError) {
        var ancestors: [RelativePath] = []
        var parent = path.parent
        while let folder = parent, !folder.isRoot {
            ancestors.insert(folder, at: 0)
            parent = folder.parent
        }
        for current in ancestors {
            let url = try Destination.contained(current, in: root)
            guard Destination.kind(of: url) == nil else { continue }
            do {
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
            } catch {
                throw SkillMeatError.io(url, error)
            }
            createdFolders.append(url)
            records.createdFolders.insert(current.string)
        }
    }

    /// Removes an empty folder; returns whether it did.
    mutating func removeFolderIfEmpty(_ url: URL) -> Bool {
        guard let contents = try? FileManager.default.contentsOfDirectory(atPath: url.path), contents.isEmpty else { return false }
        guard (try? FileManager.default.removeItem(at: url)) != nil else { return false }
        removedFolders.append(url)
        return true
    }

    private var removedFolders: [URL] = []

    /// Puts every file back as it was and removes the folders this journal created.
    func rollBack() {
        for folder in removedFolders.reversed() {
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        for original in originals.reversed() {
            if let data = original.data {
                try? FileManager.default.createDirectory(at: original.url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try? AtomicFile.write(data, to: original.url, permissions: mode_t(original.permissions ?? 0o644))
            } else {
                try? FileManager.default.removeItem(at: original.url)
            }
        }
        for folder in createdFolders.reversed() {
            try? FileManager.default.removeItem(at: folder)
        }
    }
}
