import Foundation
import SkillMeatPluginAPI

/// The target root as a plan sees it: which planned paths are taken, by whom, and whether
/// SkillMeat's own copy was changed since. Shared files are read once per preview.
struct Destination {
    let root: URL
    private var documents: [RelativePath: SharedDocument] = [:]

    init(root: URL) {
        self.root = root
    }

    /// The location of `path` under `root`, refused when it would leave the root (through `..` or a
    /// symbolic link), so nothing is ever written outside it.
    static func contained(_ path: RelativePath, in root: URL) throws(SkillMeatError) -> URL {
        do {
            return try PathSafety.resolveContained(path, in: root)
        } catch {
            throw .plugin(nil, .unsafePath(error))
        }
    }

    /// Why writing `item` would touch something that is not SkillMeat's unchanged copy; empty when
    /// it is free. `ours` is this artifact's current record, if it is deployed here already.
    mutating func conflicts(of item: DeploymentPreview.Item, ours: DeploymentRecord?) throws(SkillMeatError) -> [String] {
        var conflicts: [String] = []
        let recorded = Dictionary((ours?.deployedFiles ?? []).map { ($0.path, $0.hash) }, uniquingKeysWith: { first, _ in first })
        for write in item.writes {
            let url = try Self.contained(write.path, in: root)
            switch Self.kind(of: url) {
            case .none: continue
            case .directory?: conflicts.append("\(write.path) is a folder")
            case .file?:
                if let hash = recorded[write.path.string] {
                    if Self.hash(url) != hash { conflicts.append("\(write.path) was changed since SkillMeat deployed it") }
                } else if Self.hash(url) != ContentHash.of(write.contents) {
                    // A file that already holds exactly what would be written (a clone of a project whose
                    // deployed files were committed) is taken over, not a conflict.
                    conflicts.append("\(write.path) exists and was not deployed by SkillMeat")
                }
            }
        }
        // The artifact's own folder (a skill's), when it is already there and not ours.
        if ours == nil, let folder = Self.ownFolder(of: item), Self.kind(of: try Self.contained(folder, in: root)) != nil,
           !conflicts.contains(where: { $0.hasPrefix(folder.string + "/") }), try !Self.holdsExactly(item.writes, in: root) {
            conflicts.append("\(folder) exists and was not deployed by SkillMeat")
        }
        let planned = Set(item.writes.map(\.path.string))
        for file in ours?.deployedFiles ?? [] where !planned.contains(file.path) {
            let url = try Self.contained(try DeploymentService.path(file.path), in: root)
            if Self.kind(of: url) == .file, Self.hash(url) != file.hash {
                conflicts.append("\(file.path) was changed since SkillMeat deployed it")
            }
        }
        for merge in item.merges {
            let document = try document(merge.file, format: merge.format)
            let mine = ours?.mergedEntries.first { $0.file == merge.file.string && $0.keyPath == merge.keyPath && $0.operation == merge.operation }
            let where_ = "\(merge.keyPath.joined(separator: ".")) in \(merge.file)"
            switch merge.operation {
            case .set:
                guard let current = try document.value(at: merge.keyPath) else { continue }
                let hash = ContentHash.of(current.canonicalData())
                if let mine {
                    if mine.valueHash != hash { conflicts.append("\(where_) was changed since SkillMeat added it") }
                } else if hash != merge.valueHash {
                    conflicts.append("\(where_) exists and was not added by SkillMeat")
                }
            case .append:
                continue
            }
        }
        return conflicts
    }

    /// Whether every one of `writes` is already on disk with exactly its bytes.
    static func holdsExactly(_ writes: [PlannedFileWrite], in root: URL) throws(SkillMeatError) -> Bool {
        for write in writes where hash(try contained(write.path, in: root)) != ContentHash.of(write.contents) { return false }
        return true
    }

    /// Whether `item` would write exactly what is there: same collection hash, files and entries intact.
    mutating func isUnchanged(_ item: DeploymentPreview.Item, ours: DeploymentRecord) throws(SkillMeatError) -> Bool {
        guard ours.contentHash == item.contentHash,
              Set(ours.deployedFiles.map(\.path)) == Set(item.writes.map(\.path.string)),
              ours.mergedEntries.count == item.merges.count else { return false }
        for file in ours.deployedFiles {
            guard Self.hash(try Self.contained(try DeploymentService.path(file.path), in: root)) == file.hash else { return false }
        }
        for merge in item.merges {
            let document = try document(merge.file, format: merge.format)
            switch merge.operation {
            case .set: guard try document.value(at: merge.keyPath).map({ ContentHash.of($0.canonicalData()) }) == merge.valueHash else { return false }
            case .append: guard try document.elementHashes(at: merge.keyPath).contains(merge.valueHash) else { return false }
            }
        }
        return true
    }

    private mutating func document(_ file: RelativePath, format: SharedFileFormat) throws(SkillMeatError) -> SharedDocument {
        if let document = documents[file] { return document }
        let url = try Self.contained(file, in: root)
        let data = Self.kind(of: url) == .file ? try? Data(contentsOf: url) : nil
        let document = try SharedDocument(data, format: format, path: url.path)
        documents[file] = document
        return document
    }

    /// The folder named after the deployed artifact that holds all of its files (`.claude/skills/<n>`).
    static func ownFolder(of item: DeploymentPreview.Item) -> RelativePath? {
        guard let first = item.writes.first?.path, let index = first.components.firstIndex(of: item.deployedName),
              index < first.components.count - 1 else { return nil }
        let folder = try? RelativePath(validating: first.components.prefix(index + 1).joined(separator: "/"))
        guard let folder, item.writes.allSatisfy({ $0.path.isDescendant(of: folder) }) else { return nil }
        return folder
    }

    enum Kind { case file, directory }

    /// What is at `url` without following a final symbolic link (a link counts as a file).
    static func kind(of url: URL) -> Kind? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path) else { return nil }
        return attributes[.type] as? FileAttributeType == .typeDirectory ? .directory : .file
    }

    static func hash(_ url: URL) -> String? {
        (try? Data(contentsOf: url)).map(ContentHash.of)
    }
}
