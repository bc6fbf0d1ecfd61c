public import Foundation
public import SkillMeatPluginAPI

/// Reads the deployment records of every known project: what a cache rebuild puts in each row's
/// `deployments_json`, and what `status` inspects. Write-through and rebuild both serialise entries
/// with `serialize`, so they produce the same text.
public struct DeploymentIndex: Sendable {
    public let home: SkillMeatHome


    /// The record files under `root`: one per profile folder (`.claude`, `.codex`, …) that holds one.
    static func recordFiles(in root: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.filter { $0.hasPrefix(".") }.sorted().compactMap { name in
            let url = root.appending(path: name, directoryHint: .isDirectory).appending(path: DeploymentRecordFile.fileName, directoryHint: .notDirectory)
            return FileManager.default.fileExists(atPath: url.path) ? url : nil
        }
    }

    /// Every record of every known project, with the root it lives in. Unreadable record files are
    /// skipped: a rebuild reports what it can read.
    func records() throws(SkillMeatError) -> [(root: URL, record: DeploymentRecord)] {
        var result: [(URL, DeploymentRecord)] = []
        var seen: Set<String> = []
        for project in try ProjectRegistry(home: home).list() where seen.insert(project.path).inserted {
            let root = URL(fileURLWithPath: project.path, isDirectory: true)
            for url in Self.recordFiles(in: root) {
                guard let file = try? DeploymentRecordFile.read(url) else { continue }
                result += file.deployed.map { (root, $0) }
            }
        }
        return result
    }

    /// Finishes, under the root's deploy lock, a deploy a killed process left in `root` (`DeployIntent`);
    /// nothing to do, and no lock taken, when there is none.
    func finishInterruptedDeploy(_ root: URL) throws(SkillMeatError) {
        guard FileManager.default.fileExists(atPath: DeployIntent.url(home: home, root: root).path) else { return }
        do {
            try DeploymentService.lock(home: home, root: root).withLock { try DeployIntent.finish(home: home, root: root) }
        } catch {
            throw (error as? SkillMeatError) ?? SkillMeatError.io(root, error)
        }
    }

    /// `deployments_json` for every artifact of `collection` that is deployed somewhere.
    public func deploymentsJSON(collection: String) -> [ArtifactID: String] {
        let records = (try? records()) ?? []
        var entries: [ArtifactID: [JSONValue]] = [:]
        for (root, record) in records where record.fromCollection == collection {
            entries[record.id, default: []].append(record.cacheEntry(root: root))
        }
        return entries.mapValues(Self.serialize)
    }

    /// The canonical text of a list of entries: sorted by project path then profile.
    static func serialize(_ entries: [JSONValue]) -> String {
        let sorted = entries.sorted {
            ($0["project_path"]?.stringValue ?? "", $0["profile"]?.stringValue ?? "") < ($1["project_path"]?.stringValue ?? "", $1["profile"]?.stringValue ?? "")
        }
        return sorted.isEmpty ? "[]" : JSONValue.array(sorted).description
    }

    /// `json` with the entry for (`root`, `profile`) replaced by `entry`, or removed when it is nil.
    static func replacing(in json: String, root: URL, profile: String, with entry: JSONValue?) -> String {
        let path = PathSafety.canonical(root).path
        var entries = (try? JSONValue.parse(Data(json.utf8)))?.arrayValue ?? []
        entries.removeAll { $0["project_path"]?.stringValue == path && $0["profile"]?.stringValue == profile }
        if let entry { entries.append(entry) }
        return serialize(entries)
    }
}
