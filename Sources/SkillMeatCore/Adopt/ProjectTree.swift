public import Foundation
public import SkillMeatPluginAPI
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The roots every enabled profile declares (`DeploymentProfile.roots(for:)`) under one project or
/// home, read back by each profile's deployer (`PlatformDeployer.readBack`) and joined into one
/// `SourceTree`, so discovery runs the marketplace detectors over it. A deployer may offer its own
/// formats translated (Codex's agent TOML as markdown); `realPath(of:)` and `realKeyPath(_:in:)` map a
/// translated file and its members back to the real ones.
public struct ProjectTree: Sendable {
    /// A translated file, the profile whose deployer made it and where it came from.
    struct Translation: Sendable {
        var profile: String
        var translation: ProfileReadBack.Translation
    }

    public let root: URL
    public let scope: DeploymentScope
    public let tree: SourceTree
    /// The profiles read, in id order: the first whose roots hold a path owns it.
    let profiles: [DeploymentProfile]
    /// Translated path → its profile and real file.
    let translated: [RelativePath: Translation]
    /// Files that could not be read, parsed or translated.
    public let diagnostics: [Diagnostic]

    /// Reads the roots of each deployer's profile under `root`; missing roots are simply empty.
    public static func read(_ root: URL, deployers: [any PlatformDeployer], scope: DeploymentScope = .project) throws(SkillMeatError) -> ProjectTree {
        let root = PathSafety.canonical(root)
        let deployers = deployers.sorted { $0.profile.id < $1.profile.id }
        var read: [RelativePath: Data] = [:]
        var modes: [RelativePath: FileMode] = [:]
        var diagnostics: [Diagnostic] = []
        var visited: Set<RelativePath> = []
        var files: [RelativePath: Data] = [:]
        var translated: [RelativePath: Translation] = [:]
        for deployer in deployers {
            let profile = deployer.profile
            for start in profile.roots(for: scope) where visited.insert(start).inserted {
                collect(start, root: root, files: &read, modes: &modes, diagnostics: &diagnostics)
            }
            let own = read.filter { profile.owns($0.key, in: scope) && $0.key.lastComponent != DeploymentRecordFile.fileName }
            let readBack = deployer.readBack(ProfileFiles(scope: scope, files: own))
            let plugin = PluginID(kind: .deployer, name: profile.id)
            diagnostics += readBack.diagnostics.map { var diagnostic = $0; diagnostic.pluginID = diagnostic.pluginID ?? plugin; return diagnostic }
            files.merge(readBack.files) { first, _ in first }
            for (path, translation) in readBack.translations where translated[path] == nil {
                translated[path] = Translation(profile: profile.id, translation: translation)
            }
        }
        let entries = files.map { path, data in
            SourceTreeEntry(path: path, blobID: ContentHash.of(data), size: Int64(data.count), mode: modes[path] ?? .regular)
        }
        let tree = SourceTree(
            reference: SourceReference(location: root.path), commit: nil, providerID: PluginID(kind: .source, name: "project"),
            entries: entries, reader: MemoryReader(files: files)
        )
        return ProjectTree(root: root, scope: scope, tree: tree, profiles: deployers.map(\.profile), translated: translated, diagnostics: diagnostics)
    }

    /// The file on disk that `path` of the tree stands for.
    public func realPath(of path: RelativePath) -> RelativePath {
        translated[path]?.translation.source ?? path
    }

    /// Where the member at `keyPath` of the tree's file `path` is in the real file.
    public func realKeyPath(_ keyPath: [String], in path: RelativePath) -> [String] {
        guard let first = keyPath.first, let container = translated[path]?.translation.containers[first] else { return keyPath }
        return container + keyPath.dropFirst()
    }

    /// The profile that owns `path` of the tree: the one that translated it, else the first whose
    /// roots hold it.
    public func profile(of path: RelativePath) -> String? {
        translated[path]?.profile ?? profiles.first { $0.owns(path, in: scope) }?.id
    }

    /// Reads every regular file at or below `path` (symbolic links are neither read nor followed).
    private static func collect(
        _ path: RelativePath, root: URL, files: inout [RelativePath: Data], modes: inout [RelativePath: FileMode], diagnostics: inout [Diagnostic]
    ) {
        let location = path.isRoot ? root.path : root.path + "/" + path.string
        var status = stat()
        guard lstat(location, &status) == 0 else { return }
        switch status.st_mode & S_IFMT {
        case S_IFDIR:
            // Listed as plain strings (`DirectoryEntries`); the names' kinds come from the lstat above.
            for name in (DirectoryEntries.read(location) ?? []).map(\.name).sorted() where name != ".git" {
                guard let child = try? path.appending(name) else { continue }
                collect(child, root: root, files: &files, modes: &modes, diagnostics: &diagnostics)
            }
        case S_IFREG:
            guard files[path] == nil else { return }
            do {
                files[path] = try Data(contentsOf: URL(fileURLWithPath: location, isDirectory: false))
                modes[path] = status.st_mode & 0o111 != 0 ? .executable : .regular
            } catch {
                diagnostics.append(Diagnostic(.error, path: path.string, "could not be read: \(error.localizedDescription)"))
            }
        default:
            return
        }
    }

    /// Serves the files read above from memory.
    struct MemoryReader: SourceContentReader {
        let files: [RelativePath: Data]

        func contents(of path: RelativePath) async throws -> Data {
            guard let data = files[path] else { throw PluginError.notFound("'\(path)' is not a file of the project") }
            return data
        }
    }
}
