import Crypto
public import Foundation

/// A repository the fake GitHub serves: branches pointing at commits built from `[path: contents]`.
public struct FakeGitHubRepository: Sendable {
    public var owner: String
    public var name: String
    public var defaultBranch: String
    public var isPrivate: Bool
    public var topics: [String]
    /// Branch name → its head commit.
    public private(set) var branches: [String: FakeGitHubCommit] = [:]
    /// Every commit ever created here by sha, so old commits stay readable after a branch moves.
    public private(set) var commits: [String: FakeGitHubCommit] = [:]
    /// Raw tar members added to every tarball (unsafe names, escaping links) to test the reader.
    public var extraTarEntries: [FakeTarEntry]

    /// A repository whose default branch holds `files`; `modes` overrides git modes by path
    /// (`100755` executable, `120000` symlink whose content is the target, `160000` submodule whose
    /// content is the commit sha).
    public init(
        owner: String,
        name: String,
        files: [String: String],
        modes: [String: String] = [:],
        defaultBranch: String = "main",
        isPrivate: Bool = false,
        topics: [String] = [],
        extraTarEntries: [FakeTarEntry] = []
    ) throws {
        self.owner = owner
        self.name = name
        self.defaultBranch = defaultBranch
        self.isPrivate = isPrivate
        self.topics = topics
        self.extraTarEntries = extraTarEntries
        try setBranch(defaultBranch, files: files, modes: modes)
    }

    /// `owner/name`.
    public var fullName: String { "\(owner)/\(name)" }

    /// Points `branch` at a new commit holding `files` (its parent is the branch's previous head).
    public mutating func setBranch(_ branch: String, files: [String: String], modes: [String: String] = [:]) throws {
        let commit = try FakeGitHubCommit(
            owner: owner,
            repository: name,
            files: files.mapValues { Data($0.utf8) },
            modes: modes,
            parent: branches[branch]?.sha,
            message: "Update \(branch) (\(commits.count + 1))",
            extraTarEntries: extraTarEntries
        )
        branches[branch] = commit
        commits[commit.sha] = commit
    }

    /// The commit a ref names: `HEAD`, a branch, or a full commit sha.
    func commit(for ref: String) -> FakeGitHubCommit? {
        if ref == "HEAD" { return branches[defaultBranch] }
        if let commit = branches[ref] { return commit }
        return commits[ref.lowercased()]
    }

    /// The tree object with `sha`, searched in every commit.
    func tree(_ sha: String) -> [FakeGitHubCommit.TreeEntry]? {
        for commit in commits.values {
            if let tree = commit.trees[sha] { return tree }
        }
        return nil
    }
}

/// One commit with real git object ids: blob ids are SHA-1 of `blob <size>\0<content>`, tree and
/// commit ids are computed from real git objects, so they match what git itself would produce.
public struct FakeGitHubCommit: Sendable {
    struct TreeEntry: Sendable {
        var name: String
        /// The mode as the REST API shows it (`040000` for trees).
        var mode: String
        var type: String
        var sha: String
        var size: Int?
    }

    public let sha: String
    public let treeSHA: String
    /// Blob id of every file by path.
    public let blobIDs: [String: String]
    let files: [String: Data]
    let modes: [String: String]
    let trees: [String: [TreeEntry]]
    let extraTarEntries: [FakeTarEntry]
    /// The gzip tarball GitHub would serve for this commit.
    public let tarball: Data

    init(owner: String, repository: String, files: [String: Data], modes: [String: String], parent: String?, message: String, extraTarEntries: [FakeTarEntry]) throws {
        self.files = files
        self.modes = modes
        self.extraTarEntries = extraTarEntries
        var trees: [String: [TreeEntry]] = [:]
        var blobIDs: [String: String] = [:]
        let root = Folder(files: files)
        self.treeSHA = Self.store(root, prefix: "", files: files, modes: modes, trees: &trees, blobIDs: &blobIDs)
        self.trees = trees
        self.blobIDs = blobIDs

        var commitText = "tree \(treeSHA)\n"
        if let parent { commitText += "parent \(parent)\n" }
        commitText += "author Fake <fake@example.com> 1700000000 +0000\ncommitter Fake <fake@example.com> 1700000000 +0000\n\n\(message)\n"
        self.sha = Self.objectID(type: "commit", Data(commitText.utf8))

        self.tarball = try Self.tarball(sha: sha, topFolder: "\(owner)-\(repository)-\(sha.prefix(7))", files: files, modes: modes, extraTarEntries: extraTarEntries)
    }

    /// This commit's files as a gzip tarball inside `topFolder` (each host names it its own way:
    /// GitHub `owner-repo-sha7`, GitLab `project-sha-sha`, Gitea `repo`), with `replacing` holding
    /// other bytes for some paths (an upstream changed under the same commit).
    public func tarball(topFolder: String, replacing: [String: Data] = [:]) throws -> Data {
        try Self.tarball(sha: sha, topFolder: topFolder, files: files.merging(replacing) { $1 }, modes: modes, extraTarEntries: extraTarEntries)
    }

    private static func tarball(sha: String, topFolder: String, files: [String: Data], modes: [String: String], extraTarEntries: [FakeTarEntry]) throws -> Data {
        var tar = FakeTarWriter()
        tar.appendGlobalHeader(comment: sha)
        let top = topFolder + "/"
        tar.append(FakeTarEntry(name: top, kind: .directory))
        appendTar(Folder(files: files), prefix: "", top: top, files: files, modes: modes, to: &tar)
        for entry in extraTarEntries { tar.append(entry) }
        return try FakeTarWriter.gzip(tar.finish())
    }

    /// Git's object id of `content` of `type`.
    public static func objectID(type: String, _ content: Data) -> String {
        var object = Data("\(type) \(content.count)\0".utf8)
        object.append(content)
        return Insecure.SHA1.hash(data: object).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// The git blob id of `text`.
    public static func blobID(_ text: String) -> String { objectID(type: "blob", Data(text.utf8)) }

    /// The recursive listing GitHub gives: depth first, each folder before its contents.
    func recursiveListing(of treeSHA: String, prefix: String = "") -> [(path: String, entry: TreeEntry)] {
        var result: [(String, TreeEntry)] = []
        for entry in trees[treeSHA] ?? [] {
            let path = prefix + entry.name
            result.append((path, entry))
            if entry.type == "tree" { result += recursiveListing(of: entry.sha, prefix: path + "/") }
        }
        return result
    }

    // MARK: - Building objects

    private struct Folder {
        var folders: [String: Folder] = [:]
        var fileNames: [String: String] = [:]  // name → full path

        init() {}

        init(files: [String: Data]) {
            for path in files.keys {
                insert(path.split(separator: "/").map(String.init)[...], fullPath: path)
            }
        }

        mutating func insert(_ parts: ArraySlice<String>, fullPath: String) {
            guard let first = parts.first else { return }
            if parts.count == 1 {
                fileNames[first] = fullPath
            } else {
                folders[first, default: Folder()].insert(parts.dropFirst(), fullPath: fullPath)
            }
        }

        /// Names in git's tree order: a folder sorts as if its name ended in `/`.
        var sortedNames: [(name: String, isFolder: Bool)] {
            let all = folders.keys.map { ($0, true) } + fileNames.keys.map { ($0, false) }
            return all.sorted { lhs, rhs in
                Array((lhs.0 + (lhs.1 ? "/" : "")).utf8).lexicographicallyPrecedes(Array((rhs.0 + (rhs.1 ? "/" : "")).utf8))
            }
        }
    }

    private static func store(_ folder: Folder, prefix: String, files: [String: Data], modes: [String: String], trees: inout [String: [TreeEntry]], blobIDs: inout [String: String]) -> String {
        var entries: [TreeEntry] = []
        var raw = Data()
        for (name, isFolder) in folder.sortedNames {
            let entry: TreeEntry
            if isFolder, let child = folder.folders[name] {
                let sha = store(child, prefix: prefix + name + "/", files: files, modes: modes, trees: &trees, blobIDs: &blobIDs)
                entry = TreeEntry(name: name, mode: "040000", type: "tree", sha: sha, size: nil)
            } else {
                let path = prefix + name
                let data = files[path] ?? Data()
                let mode = modes[path] ?? "100644"
                if mode == "160000" {
                    entry = TreeEntry(name: name, mode: mode, type: "commit", sha: String(decoding: data, as: UTF8.self), size: nil)
                } else {
                    let sha = objectID(type: "blob", data)
                    blobIDs[path] = sha
                    entry = TreeEntry(name: name, mode: mode, type: "blob", sha: sha, size: data.count)
                }
            }
            entries.append(entry)
            raw.append(contentsOf: "\(entry.mode == "040000" ? "40000" : entry.mode) \(name)\0".utf8)
            raw.append(contentsOf: binary(entry.sha))
        }
        let sha = objectID(type: "tree", raw)
        trees[sha] = entries
        return sha
    }

    private static func binary(_ hex: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex, let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex) {
            bytes.append(UInt8(hex[index..<next], radix: 16) ?? 0)
            index = next
        }
        return bytes
    }

    private static func appendTar(_ folder: Folder, prefix: String, top: String, files: [String: Data], modes: [String: String], to tar: inout FakeTarWriter) {
        for (name, isFolder) in folder.sortedNames {
            let path = prefix + name
            if isFolder, let child = folder.folders[name] {
                tar.append(FakeTarEntry(name: top + path + "/", kind: .directory))
                appendTar(child, prefix: path + "/", top: top, files: files, modes: modes, to: &tar)
                continue
            }
            let data = files[path] ?? Data()
            switch modes[path] ?? "100644" {
            case "120000": tar.append(FakeTarEntry(name: top + path, kind: .symlink(target: String(decoding: data, as: UTF8.self))))
            // GitHub's archives hold an empty folder where a submodule is.
            case "160000": tar.append(FakeTarEntry(name: top + path + "/", kind: .directory))
            case "100755": tar.append(FakeTarEntry(name: top + path, kind: .file(data), mode: 0o755))
            default: tar.append(FakeTarEntry(name: top + path, kind: .file(data)))
            }
        }
    }
}
