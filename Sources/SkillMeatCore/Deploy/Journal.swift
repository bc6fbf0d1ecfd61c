import Foundation
import SkillMeatPluginAPI

/// Remembers what every file touched by one deploy or undeploy held before, so a failure part way
/// puts each one back (and removes the folders it created): a failed command leaves files as they were.
///
/// With an `intent` (deploy), changes are only planned until `commit`, which writes them all to the
/// intent file (`DeployIntent`) before touching the project: a process killed while writing leaves an
/// intent the next deploy, undeploy or status in that project carries out, so no file is ever left
/// without its record.
struct Journal {
    private var originals: [(url: URL, data: Data?, permissions: Int?)] = []
    private var createdFolders: [URL] = []
    private var seen: Set<URL> = []
    private var intent: DeployIntent?
    private var planned: Set<URL> = []

    init(intent: DeployIntent? = nil) {
        self.intent = intent
    }

    private mutating func remember(_ url: URL) {
        guard seen.insert(url).inserted else { return }
        let data = try? Data(contentsOf: url)
        let permissions = (try? FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? NSNumber)?.intValue
        originals.append((url, data, permissions))
    }

    /// Writes `data` atomically.
    mutating func write(_ data: Data, to url: URL, executable: Bool) throws(SkillMeatError) {
        remember(url)
        if intent != nil { return intent!.operations.append(.write(path: url.path, data: data, executable: executable)) }
        try AtomicFile.write(data, to: url, permissions: executable ? 0o755 : 0o644)
    }

    /// Removes a file (a missing one is fine).
    mutating func remove(_ url: URL) throws(SkillMeatError) {
        remember(url)
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        if intent != nil { return intent!.operations.append(.remove(path: url.path)) }
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
            guard Destination.kind(of: url) == nil, !planned.contains(url) else { continue }
            createdFolders.append(url)
            records.createdFolders.insert(current.string)
            if intent != nil {
                planned.insert(url)
                intent!.operations.append(.folder(path: url.path))
                continue
            }
            do {
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
            } catch {
                createdFolders.removeLast()
                throw SkillMeatError.io(url, error)
            }
        }
    }

    /// Carries out what was planned: the intent is written first, then every change, then the intent
    /// is removed. Without an intent, changes were made as they came and there is nothing to do.
    mutating func commit() throws(SkillMeatError) {
        guard let intent, !intent.operations.isEmpty else { return }
        try intent.save()
        Interruption.reach("deploy.intent")
        try intent.carryOut()
        intent.discard()
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
        intent?.discard()
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
