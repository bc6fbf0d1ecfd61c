public import Foundation
import SkillMeatPluginAPI

/// Everything one deploy into a root is about to change, in order (folders, files and the record files
/// last), saved beside the root's deploy lock (`$SKILLMEAT_HOME/.locks/deploy-<root hash>.intent.json`) before the first change and removed after
/// the last, all under the root's deploy lock. The next deploy, undeploy or status of that root finds
/// one a killed process left and carries it out (`finish`): every change is idempotent, so the project
/// ends as the deploy meant it, with its files recorded, wherever the process stopped.
struct DeployIntent: Codable {
    enum Operation: Codable {
        case folder(path: String)
        case write(path: String, data: Data, executable: Bool)
        case remove(path: String)
    }

    var root: String
    var scope: DeploymentScope
    /// The collections whose cache rows the deploy changes (marked stale when another process finishes it).
    var collections: [String]
    var operations: [Operation] = []
    /// Where it is saved (not part of the file).
    var url: URL

    enum CodingKeys: String, CodingKey {
        case root, scope, collections, operations
    }

    init(home: SkillMeatHome, root: URL, scope: DeploymentScope, collections: [String]) {
        self.root = root.path
        self.scope = scope
        self.collections = collections
        url = Self.url(home: home, root: root)
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        root = try container.decode(String.self, forKey: .root)
        scope = try container.decode(DeploymentScope.self, forKey: .scope)
        collections = try container.decode([String].self, forKey: .collections)
        operations = try container.decode([Operation].self, forKey: .operations)
        url = URL(fileURLWithPath: "/")
    }

    /// One file per root, beside the root's deploy lock and named like it.
    static func url(home: SkillMeatHome, root: URL) -> URL {
        home.locksDirectory.appending(path: DeploymentService.lockName(root: root) + ".intent.json", directoryHint: .notDirectory)
    }

    func save() throws(SkillMeatError) {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try AtomicFile.write(try JSONEncoder().encode(self), to: url)
        } catch {
            throw (error as? SkillMeatError) ?? .io(url, error)
        }
    }

    /// Makes every change; one already made is made again to the same effect.
    func carryOut() throws(SkillMeatError) {
        let rootURL = URL(fileURLWithPath: root, isDirectory: true)
        for operation in operations {
            let path: String
            switch operation {
            case .folder(let folder): path = folder
            case .write(let file, _, _): path = file
            case .remove(let file): path = file
            }
            let url = URL(fileURLWithPath: path)
            // Only paths inside the root it was made for: a damaged intent writes nowhere else.
            guard PathSafety.isContained(url, in: rootURL) else { continue }
            do {
                switch operation {
                case .folder:
                    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
                case .write(_, let data, let executable):
                    try AtomicFile.write(data, to: url, permissions: executable ? 0o755 : 0o644)
                    Interruption.reach("deploy.write")
                case .remove:
                    if FileManager.default.fileExists(atPath: url.path) { try FileManager.default.removeItem(at: url) }
                }
            } catch {
                throw (error as? SkillMeatError) ?? .io(url, error)
            }
        }
    }

    func discard() {
        try? FileManager.default.removeItem(at: url)
    }

    /// Carries out the deploy a killed process left for `root`, if any; call with the root's deploy
    /// lock held. Its collections' cache rows are marked stale (rebuilt from the records on the next
    /// read) and the root is registered, as the deploy would have done.
    static func finish(home: SkillMeatHome, root: URL) throws(SkillMeatError) {
        let url = url(home: home, root: root)
        guard let data = try? Data(contentsOf: url) else { return }
        guard var intent = try? JSONDecoder().decode(DeployIntent.self, from: data) else {
            // A torn intent was never followed by a change: the rename that saves it comes first.
            try? FileManager.default.removeItem(at: url)
            return
        }
        intent.url = url
        try intent.carryOut()
        for collection in intent.collections { CollectionCache.markStale(home: home, collection: collection) }
        try? ProjectRegistry(home: home).add(URL(fileURLWithPath: intent.root, isDirectory: true), scope: intent.scope)
        intent.discard()
    }
}
