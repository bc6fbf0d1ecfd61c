import Foundation
import SkillMeatPluginAPI
import SkillMeatTestSupport
import SourceGit
import Testing

/// A scratch folder with helpers to write files and drive git, removed when the test ends.
final class Scratch {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appending(path: "sourcegit-\(UUID().uuidString)", directoryHint: .isDirectory)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    func write(_ path: String, _ text: String, in folder: String = "repo") throws {
        let url = root.appending(path: folder).appending(path: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    @discardableResult
    /// Stages everything in the repository and commits it.
    func commitAll(_ message: String) throws {
        _ = try git("add", ".")
        _ = try git("commit", "-qm", message)
    }

    /// Makes the folder a repository whose first commit holds what was written so far.
    func initialCommit() throws {
        try git("init", "-q")
        try commitAll("one")
    }

    @discardableResult
    func git(_ arguments: String..., in folder: String = "repo") throws -> String {
        let result = try ExternalProgram.runBlocking(
            URL(fileURLWithPath: "/usr/bin/env"),
            ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "init.defaultBranch=main", "-C", root.appending(path: folder).path] + arguments
        )
        guard result.status == 0 else { throw GitFailure(arguments: arguments) }
        return String(decoding: result.standardOutput, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func url(_ folder: String = "repo") -> URL { root.appending(path: folder, directoryHint: .isDirectory) }

    func provider(settings: PluginSettings = PluginSettings()) -> GitSourceProvider {
        GitSourceProvider(context: .testing("source/git", settings: settings, home: root.appending(path: "home")))
    }

    struct GitFailure: Error { var arguments: [String] }
}

@Suite struct GitSourceProviderTests {
    @Test("a plain folder lists every file with git's blob id, and the id follows the content")
    func plainFolder() async throws {
        let scratch = try Scratch()
        try scratch.write("hello.txt", "hello\n")
        try scratch.write("skills/demo/SKILL.md", "---\nname: demo\n---\n")
        let provider = scratch.provider()
        let tree = try await provider.tree(for: SourceReference(location: scratch.url().path))
        #expect(tree.commit == nil)
        #expect(tree.entries.map(\.path.string) == ["hello.txt", "skills/demo/SKILL.md"])
        let hello = try #require(tree.entry(at: RelativePath(validating: "hello.txt")))
        #expect(hello.blobID == "ce013625030ba8dba906f756967f9e9ca394464a")
        #expect(hello.size == 6)
        #expect(try await tree.contents(of: RelativePath(validating: "skills/demo/SKILL.md")) == Data("---\nname: demo\n---\n".utf8))

        try scratch.write("hello.txt", "hello again\n")
        let changed = try await provider.tree(for: SourceReference(location: scratch.url().path))
        #expect(changed.entry(at: try RelativePath(validating: "hello.txt"))?.blobID != hello.blobID)
    }

    @Test("a plain folder's files are read whole or by their head, large files included")
    func plainFolderReads() async throws {
        let scratch = try Scratch()
        let large = String(repeating: "0123456789abcdef", count: 10_000)
        try scratch.write("large.md", large)
        try scratch.write("empty.md", "")
        let tree = try await scratch.provider().tree(for: SourceReference(location: scratch.url().path))
        let path = try RelativePath(validating: "large.md")
        #expect(try await tree.contents(of: path) == Data(large.utf8))
        #expect(try await tree.prefix(of: path, maxBytes: 4096) == Data(large.utf8.prefix(4096)))
        #expect(try await tree.contents(of: RelativePath(validating: "empty.md")).isEmpty)
        #expect(try await tree.prefix(of: RelativePath(validating: "empty.md"), maxBytes: 10).isEmpty)
        #expect(tree.entry(at: path)?.size == Int64(large.utf8.count))
    }

    @Test("symbolic links are listed as links and never followed, least of all out of the root")
    func symlinksAreNotFollowed() async throws {
        let scratch = try Scratch()
        try scratch.write("inside.md", "inside\n")
        try scratch.write("secret.txt", "outside\n", in: "elsewhere")
        try FileManager.default.createSymbolicLink(atPath: scratch.url().appending(path: "leak.txt").path,
                                                   withDestinationPath: scratch.url("elsewhere").appending(path: "secret.txt").path)
        try FileManager.default.createSymbolicLink(atPath: scratch.url().appending(path: "linked-folder").path,
                                                   withDestinationPath: scratch.url("elsewhere").path)
        let tree = try await scratch.provider().tree(for: SourceReference(location: scratch.url().path))
        let leak = try #require(tree.entry(at: RelativePath(validating: "leak.txt")))
        #expect(leak.mode == .symlink)
        let contents = try await tree.contents(of: leak.path)
        #expect(!String(decoding: contents, as: UTF8.self).contains("outside"))
        #expect(!tree.entries.contains { $0.path.string.hasPrefix("linked-folder/") })
    }

    @Test("a clean local repository is read at HEAD through git; a dirty one as its files on disk; a ref through git")
    func localRepository() async throws {
        let scratch = try Scratch()
        try scratch.write("commands/deploy.md", "v1\n")
        try scratch.initialCommit()
        try scratch.git("tag", "v1")
        try scratch.write("commands/deploy.md", "v2\n")
        try scratch.write("agents/helper.md", "agent\n")
        try scratch.commitAll("two")
        let head = try scratch.git("rev-parse", "HEAD")

        let provider = scratch.provider()
        let tree = try await provider.tree(for: SourceReference(location: scratch.url().path))
        #expect(tree.commit == head)
        #expect(tree.entries.map(\.path.string) == ["agents/helper.md", "commands/deploy.md"])
        let deploy = try RelativePath(validating: "commands/deploy.md")
        #expect(try await tree.contents(of: deploy) == Data("v2\n".utf8))
        #expect(try await tree.contents(of: try RelativePath(validating: "agents/helper.md")) == Data("agent\n".utf8))
        #expect(tree.entry(at: deploy)?.blobID == (try scratch.git("rev-parse", "HEAD:commands/deploy.md")))

        // Edits not yet committed are what the user sees and means: the folder is read as it is.
        try scratch.write("uncommitted.md", "not in HEAD\n")
        let dirty = try await provider.tree(for: SourceReference(location: scratch.url().path))
        #expect(dirty.commit == nil)
        #expect(dirty.entries.map(\.path.string) == ["agents/helper.md", "commands/deploy.md", "uncommitted.md"])
        let explicitHead = try await provider.tree(for: SourceReference(location: scratch.url().path, ref: "HEAD"))
        #expect(explicitHead.commit == head)
        #expect(explicitHead.entries.map(\.path.string) == ["agents/helper.md", "commands/deploy.md"])

        let tagged = try await provider.tree(for: SourceReference(location: scratch.url().path, ref: "v1"))
        #expect(tagged.entries.map(\.path.string) == ["commands/deploy.md"])
        #expect(try await tagged.contents(of: deploy) == Data("v1\n".utf8))
    }

    @Test("a ref that cannot be read is refused in one sentence saying why: an unknown ref is named, a plain folder has none", arguments: [
        (repository: true, ref: "no-such-branch", reason: "no-such-branch"),
        (repository: false, ref: "main", reason: "not a git repository"),
    ])
    func unreadableRef(repository: Bool, ref: String, reason: String) async throws {
        let scratch = try Scratch()
        try scratch.write("a.md", "a\n")
        if repository {
            try scratch.initialCommit()
        }
        let error = await #expect(throws: PluginError.self) {
            try await scratch.provider().tree(for: SourceReference(location: scratch.url().path, ref: ref))
        }
        #expect(error?.description.contains(reason) == true)
    }

    @Test("a git URL is cloned into the cache and fetched again on the next scan")
    func remoteRepository() async throws {
        let scratch = try Scratch()
        try scratch.write("skills/one/SKILL.md", "one\n")
        try scratch.initialCommit()
        let location = "file://" + scratch.url().path
        let provider = scratch.provider()
        #expect(provider.accepts(SourceReference(location: location)))

        let first = try await provider.tree(for: SourceReference(location: location))
        #expect(first.commit == (try scratch.git("rev-parse", "HEAD")))
        #expect(try await first.contents(of: try RelativePath(validating: "skills/one/SKILL.md")) == Data("one\n".utf8))

        try scratch.write("skills/two/SKILL.md", "two\n")
        try scratch.commitAll("two")
        let second = try await provider.tree(for: SourceReference(location: location))
        #expect(second.commit == (try scratch.git("rev-parse", "HEAD")))
        #expect(second.entries.map(\.path.string) == ["skills/one/SKILL.md", "skills/two/SKILL.md"])

        let error = await #expect(throws: PluginError.self) {
            try await provider.tree(for: SourceReference(location: location, ref: "missing-tag"))
        }
        #expect(error?.description.contains("missing-tag") == true)
    }

    @Test("a root limits the tree to a subfolder, with paths relative to it")
    func rootSubfolder() async throws {
        let scratch = try Scratch()
        try scratch.write("plugins/a/commands/x.md", "x\n")
        try scratch.write("README.md", "readme\n")
        try scratch.initialCommit()
        let root = try RelativePath(validating: "plugins/a")
        for location in [scratch.url().path, "file://" + scratch.url().path] {
            let tree = try await scratch.provider().tree(for: SourceReference(location: location, root: root))
            #expect(tree.entries.map(\.path.string) == ["commands/x.md"])
            #expect(try await tree.contents(of: try RelativePath(validating: "commands/x.md")) == Data("x\n".utf8))
        }
        let folder = try await scratch.provider().tree(for: SourceReference(location: scratch.url().path + "/plugins", root: try RelativePath(validating: "a")))
        #expect(folder.entries.map(\.path.string) == ["commands/x.md"])
    }

    @Test("a missing git is reported as such")
    func gitMissing() async throws {
        let scratch = try Scratch()
        let provider = scratch.provider(settings: PluginSettings(["git_path": .string("/nonexistent/git")]))
        let error = await #expect(throws: PluginError.self) {
            try await provider.tree(for: SourceReference(location: "https://example.invalid/repo.git"))
        }
        #expect(error?.description.contains("git") == true)
    }

    @Test("references it cannot read are not accepted", arguments: ["owner/repo-that-is-not-a-folder", "", "just words"])
    func rejects(location: String) throws {
        let scratch = try Scratch()
        #expect(!scratch.provider().accepts(SourceReference(location: location)))
    }

    @Test("git URLs of every common form are accepted", arguments: [
        "https://example.com/a/b.git", "ssh://git@example.com/a/b.git", "git@example.com:a/b.git", "file:///tmp/repo",
    ])
    func acceptsURLs(location: String) throws {
        let scratch = try Scratch()
        #expect(scratch.provider().accepts(SourceReference(location: location)))
    }
}
