import Foundation
public import SkillMeatPluginAPI
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads local folders, local git repositories (HEAD or a given ref) and any git URL through the system
/// `git`. Remote repositories are fetched shallowly (one commit, large blobs left on the server) into the
/// plugin's cache folder and fetched again on later scans.
///
/// Settings (`[plugins."source/git"]`): `git_path` — the git executable to use instead of the one on `PATH`.
public struct GitSourceProvider: SourceProvider {
    private let id: PluginID
    private let cacheDirectory: URL
    private let environment: [String: String]
    private let gitPath: String?

    public init(context: PluginContext) {
        self.id = context.id
        self.cacheDirectory = context.cacheDirectory
        self.environment = context.environment
        self.gitPath = context.settings.string("git_path")
    }

    /// Any git host: upstream addresses stay the neutral `location@commit#path`.
    public var originLabel: String { "git" }

    public func accepts(_ reference: SourceReference) -> Bool {
        GitLocation(reference.location, currentDirectory: currentDirectory) != nil
    }

    public func parts(of reference: SourceReference) throws -> SourceReference {
        if case .remote(let url) = GitLocation(reference.location, currentDirectory: currentDirectory), let problem = GitLocation.problem(with: url) {
            throw PluginError.invalidReference(reference.location, reason: problem)
        }
        return reference
    }

    public func tree(for reference: SourceReference) async throws -> SourceTree {
        guard let location = GitLocation(reference.location, currentDirectory: currentDirectory) else {
            throw PluginError.invalidReference(reference.location, reason: "it is neither an existing folder nor a git URL")
        }
        switch location {
        case .local(let folder):
            return try await localTree(folder, reference: reference)
        case .remote(let url):
            return try await remoteTree(url, reference: reference)
        }
    }

    private var currentDirectory: URL {
        URL(fileURLWithPath: environment["PWD"] ?? FileManager.default.currentDirectoryPath, isDirectory: true)
    }

    private func git() throws -> GitCommand {
        GitCommand(
            executable: try GitCommand.locate(explicitPath: gitPath, environment: environment),
            environment: GitCommand.environment(base: environment)
        )
    }

    // MARK: Local folders and repositories

    private func localTree(_ folder: URL, reference: SourceReference) async throws -> SourceTree {
        // A folder is read as a repository only when git is there to read it; otherwise as files.
        let git = try? git()
        if let git, let repository = try await repositoryRoot(of: folder, git: git) {
            let commit = try await resolveLocal(reference.ref ?? "HEAD", in: repository.top, git: git, location: reference.location)
            // Without a ref the user means the folder as it is on disk: HEAD only when nothing in it
            // differs from HEAD (then blob ids and the commit come from git for free), otherwise the
            // working files, with no commit to claim.
            let useCommit = reference.ref != nil ? true : try await isClean(folder, git: git)
            if let commit, useCommit {
                let root = repository.prefix.appending(reference.root ?? .root)
                return try await gitTree(commit: commit, root: root, repository: repository.top, git: git, reference: reference)
            }
        } else if let ref = reference.ref {
            if git == nil { _ = try self.git() }
            throw PluginError.invalidReference(reference.location, reason: "it is a plain folder, not a git repository, so the ref '\(ref)' cannot be read")
        }
        return try await folderTree(folder, reference: reference)
    }

    /// Whether `folder` has no modified, staged or untracked (and not ignored) files.
    private func isClean(_ folder: URL, git: GitCommand) async throws -> Bool {
        let output = try await git.run(["status", "--porcelain", "--untracked-files=normal", "--", "."], in: folder)
        return output.status == 0 && output.stdout.isEmpty
    }

    private func repositoryRoot(of folder: URL, git: GitCommand) async throws -> (top: URL, prefix: RelativePath)? {
        // Asking git costs a process; skip it when git could only answer "not a repository".
        guard Self.mayBeInWorkTree(folder, environment: git.environment) else { return nil }
        let output = try await git.run(["rev-parse", "--show-toplevel", "--show-prefix"], in: folder)
        guard output.status == 0 else { return nil }
        let lines = String(decoding: output.stdout, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        guard let top = lines.first, !top.isEmpty else { return nil }
        let prefix = lines.count > 1 ? (try? RelativePath(validating: String(lines[1]))) ?? .root : .root
        return (URL(fileURLWithPath: String(top), isDirectory: true), prefix)
    }

    /// Whether `folder` may lie in a git work tree: git finds one only through a `.git` entry in the
    /// folder or one of its ancestors, or through `GIT_DIR`/`GIT_WORK_TREE`.
    static func mayBeInWorkTree(_ folder: URL, environment: [String: String]) -> Bool {
        if environment["GIT_DIR"] != nil || environment["GIT_WORK_TREE"] != nil { return true }
        var path = folder.standardizedFileURL.path
        while true {
            var status = stat()
            if lstat((path == "/" ? "" : path) + "/.git", &status) == 0 { return true }
            guard path != "/", let slash = path.lastIndex(of: "/") else { return false }
            path = slash == path.startIndex ? "/" : String(path[..<slash])
        }
    }

    /// The commit `ref` names, or nil for HEAD of a repository without commits (read as a folder).
    private func resolveLocal(_ ref: String, in repository: URL, git: GitCommand, location: String) async throws -> String? {
        let output = try await git.run(["rev-parse", "--verify", "--quiet", "--end-of-options", ref + "^{commit}"], in: repository)
        if output.status == 0 {
            return String(decoding: output.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        if ref == "HEAD" { return nil }
        throw PluginError.notFound("the ref '\(ref)' in the git repository \(location); check the branch, tag or commit name")
    }

    private func folderTree(_ folder: URL, reference: SourceReference) async throws -> SourceTree {
        var base = folder
        if let root = reference.root, !root.isRoot {
            do {
                base = try PathSafety.resolveContained(root, in: folder)
            } catch {
                throw PluginError.unsafePath(error)
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: base.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw PluginError.notFound("the folder '\(root)' inside \(reference.location)")
            }
        }
        let items = try FolderSnapshot.list(base)
        let entries = try await FolderSnapshot.entries(items)
        let reader = FolderContentReader(items: Dictionary(items.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first }))
        return SourceTree(reference: reference, commit: nil, providerID: id, entries: entries, reader: reader)
    }

    // MARK: Remote repositories

    private func remoteTree(_ url: String, reference: SourceReference) async throws -> SourceTree {
        let git = try git()
        let repository = cacheDirectory.appending(path: "repos", directoryHint: .isDirectory)
            .appending(path: GitLocation.cacheName(for: url), directoryHint: .isDirectory)
        try await prepareCache(repository, url: url, git: git)
        let commit = try await fetch(reference.ref, url: url, into: repository, git: git)
        return try await gitTree(commit: commit, root: reference.root ?? .root, repository: repository, git: git, reference: reference)
    }

    private func prepareCache(_ repository: URL, url: String, git: GitCommand) async throws {
        let manager = FileManager.default
        if manager.fileExists(atPath: repository.appending(path: "HEAD", directoryHint: .notDirectory).path) {
            _ = try await git.checked(["remote", "set-url", "origin", url], in: repository)
            return
        }
        do {
            try manager.createDirectory(at: repository, withIntermediateDirectories: true)
        } catch {
            throw PluginError.io(path: repository.path, reason: "the cache folder could not be created (\(error.localizedDescription))")
        }
        _ = try await git.checked(["init", "--quiet", "--bare", repository.path])
        _ = try await git.checked(["remote", "add", "origin", url], in: repository)
        // A promisor remote lets git fetch a skipped large blob later, if a detector ever reads one.
        _ = try await git.checked(["config", "remote.origin.promisor", "true"], in: repository)
        _ = try await git.checked(["config", "remote.origin.partialclonefilter", "blob:limit=1m"], in: repository)
    }

    /// Fetches `ref` (or the remote's HEAD) one commit deep into a ref of our own and returns its commit.
    private func fetch(_ ref: String?, url: String, into repository: URL, git: GitCommand) async throws -> String {
        if let ref, ref.count == 40, ref.allSatisfy(\.isHexDigit) {
            let known = try await git.run(["cat-file", "-e", ref + "^{commit}"], in: repository)
            if known.status == 0 { return ref.lowercased() }
        }
        let target = ref ?? "HEAD"
        let hex = target.utf8.map { String($0, radix: 16) }.joined()
        let localRef = ref == nil ? "refs/skillmeat/head" : "refs/skillmeat/ref-\(hex.prefix(100))"
        let output = try await git.run(
            ["fetch", "--quiet", "--no-tags", "--depth", "1", "--filter=blob:limit=1m", "origin", "+\(target):\(localRef)"],
            in: repository
        )
        guard output.status == 0 else {
            throw Self.fetchError(output.stderr, ref: ref, url: url, status: output.status)
        }
        let commit = try await git.checked(["rev-parse", "--verify", localRef + "^{commit}"], in: repository)
        return String(decoding: commit, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func fetchError(_ stderr: String, ref: String?, url: String, status: Int32) -> PluginError {
        let text = stderr.lowercased()
        if let ref, text.contains("couldn't find remote ref") || text.contains("not our ref") || text.contains("invalid refspec")
            || text.contains("unadvertised object") || text.contains("no such ref") {
            return .notFound("the ref '\(ref)' in \(url); check the branch, tag or commit name")
        }
        if text.contains("does not appear to be a git repository") || text.contains("repository not found")
            || text.contains("not found") || text.contains("no such file or directory") {
            return .notFound("a git repository at \(url); check the URL")
        }
        if text.contains("could not read username") || text.contains("authentication failed") || text.contains("permission denied") {
            return .authenticationRequired("\(url) needs credentials git could not find; configure a credential helper or an SSH key and try again.")
        }
        if text.contains("could not resolve host") || text.contains("unable to access") || text.contains("connection") {
            return .network("Could not reach \(url) (\(GitCommand.lastLine(stderr))); check the network and the URL.")
        }
        return .commandFailed(command: "git fetch \(url)", status: status, output: GitCommand.lastLine(stderr))
    }

    // MARK: Listing

    private func gitTree(commit: String, root: RelativePath, repository: URL, git: GitCommand, reference: SourceReference) async throws -> SourceTree {
        let output = try await git.run(["ls-tree", "-r", "-l", "-z", "--end-of-options", "\(commit):\(root.string)"], in: repository)
        guard output.status == 0 else {
            if !root.isRoot {
                throw PluginError.notFound("the folder '\(root)' at commit \(commit.prefix(12)) of \(reference.location)")
            }
            throw PluginError.commandFailed(command: "git ls-tree", status: output.status, output: GitCommand.lastLine(output.stderr))
        }
        var entries: [SourceTreeEntry] = []
        var blobs: [RelativePath: String] = [:]
        for record in output.stdout.split(separator: 0) {
            guard let tab = record.firstIndex(of: UInt8(ascii: "\t")) else { continue }
            let fields = record[record.startIndex..<tab].split(separator: UInt8(ascii: " "), omittingEmptySubsequences: true)
            guard fields.count == 4, fields[1].elementsEqual("blob".utf8) else { continue }
            let pathText = String(decoding: record[(tab + 1)...], as: UTF8.self)
            guard let mode = FileMode(gitMode: String(decoding: fields[0], as: UTF8.self)),
                  let path = try? RelativePath(validating: pathText)
            else {
                // A path git accepts but SkillMeat refuses (control characters, backslashes) is left out.
                continue
            }
            let blob = String(decoding: fields[2], as: UTF8.self)
            entries.append(SourceTreeEntry(path: path, blobID: blob, size: Int64(String(decoding: fields[3], as: UTF8.self)), mode: mode))
            blobs[path] = blob
        }
        let reader = GitBlobReader(git: git, repository: repository, blobs: blobs)
        return SourceTree(reference: reference, commit: commit, providerID: id, entries: entries, reader: reader)
    }
}
