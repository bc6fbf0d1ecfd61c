public import Foundation
public import SkillMeatPluginAPI

/// The labelled corpus of real repositories (`../shared/corpus`, or `$SKILLMEAT_CORPUS`): each
/// repository's full listing, the files a detector reads, and hand-checked labels.
public struct Corpus: Sendable {
    public let directory: URL
    public let repositories: [CorpusRepository]

    /// The corpus folder: `$SKILLMEAT_CORPUS` when set, else `../shared/corpus` beside the package root.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment, filePath: String = #filePath) -> URL? {
        let manager = FileManager.default
        if let explicit = environment["SKILLMEAT_CORPUS"], !explicit.isEmpty {
            return URL(fileURLWithPath: explicit, isDirectory: true)
        }
        // Sources/SkillMeatTestSupport/Corpus.swift → the package root is three levels up.
        let packageRoot = URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        // `shared/` sits beside the checkout; a checkout nested deeper (a CI clone in a subfolder) finds
        // it in the nearest folder above that has one.
        var folder = packageRoot.deletingLastPathComponent()
        while true {
            let candidate = folder.appending(path: "shared/corpus", directoryHint: .isDirectory)
            if manager.fileExists(atPath: candidate.appending(path: "index.tsv").path) { return candidate.standardizedFileURL }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { return nil }
            folder = parent
        }
    }

    /// Loads every repository listed in the corpus's `index.tsv`.
    public static func load(from directory: URL) throws -> Corpus {
        let index = try String(contentsOf: directory.appending(path: "index.tsv"), encoding: .utf8)
        var repositories: [CorpusRepository] = []
        for line in index.split(whereSeparator: \.isNewline).dropFirst() {
            guard let slug = line.split(separator: "\t").first else { continue }
            repositories.append(try CorpusRepository(directory: directory.appending(path: String(slug), directoryHint: .isDirectory)))
        }
        return Corpus(directory: directory, repositories: repositories)
    }
}

/// One labelled item: an artifact a detector should report (or, in `ambiguous`, may report).
public struct CorpusLabel: Sendable, Hashable {
    public var type: ArtifactType
    public var name: String
    public var path: String
    public var how: String
}

/// One repository of the corpus.
public struct CorpusRepository: Sendable {
    public struct Row: Sendable, Hashable {
        public var path: String
        public var size: Int64?
        public var sha: String
        public var mode: String
    }

    public let slug: String
    public let directory: URL
    public let commit: String
    public let rows: [Row]
    public let labels: [CorpusLabel]
    public let ambiguous: [CorpusLabel]
    /// Symbolic link path → target, from `symlinks.tsv`.
    public let symlinks: [String: String]

    public init(directory: URL) throws {
        self.directory = directory
        self.slug = directory.lastPathComponent
        let tree = try String(contentsOf: directory.appending(path: "tree.tsv"), encoding: .utf8)
        var commit = ""
        var rows: [Row] = []
        for (number, line) in tree.split(separator: "\n", omittingEmptySubsequences: true).enumerated() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if number == 0 {
                commit = fields.count > 1 ? fields[1] : ""
                continue
            }
            guard number > 1, fields.count >= 4 else { continue }
            rows.append(Row(path: fields[0], size: Int64(fields[1]), sha: fields[2], mode: fields[3]))
        }
        self.commit = commit
        self.rows = rows
        self.labels = try Self.readLabels(directory.appending(path: "labels.tsv"))
        self.ambiguous = try Self.readLabels(directory.appending(path: "ambiguous.tsv"))
        var symlinks: [String: String] = [:]
        let symlinkFile = directory.appending(path: "symlinks.tsv")
        if let text = try? String(contentsOf: symlinkFile, encoding: .utf8) {
            for line in text.split(whereSeparator: \.isNewline).dropFirst() {
                let fields = line.split(separator: "\t").map(String.init)
                if fields.count == 2 { symlinks[fields[0]] = fields[1] }
            }
        }
        self.symlinks = symlinks
    }

    static func readLabels(_ url: URL) throws -> [CorpusLabel] {
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.split(whereSeparator: \.isNewline).dropFirst().compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 3, let type = ArtifactType(parsing: fields[0]) else { return nil }
            return CorpusLabel(type: type, name: fields[1], path: fields[2], how: fields.count > 3 ? fields[3] : "")
        }
    }

    /// The placeholder a file not copied into `files/` gets: its content does not matter for detection.
    public static func placeholder(for path: String) -> Data {
        Data("placeholder for \(path)\n".utf8)
    }

    private var filesDirectory: URL { directory.appending(path: "files", directoryHint: .isDirectory) }

    /// The repository as an in-memory tree at its pinned commit, with git's blob ids from the listing.
    public func sourceTree() throws -> SourceTree {
        var entries: [SourceTreeEntry] = []
        var contents: [RelativePath: Data] = [:]
        for row in rows {
            guard let path = try? RelativePath(validating: row.path) else { continue }
            let data: Data
            let mode = FileMode(gitMode: row.mode) ?? .regular
            if mode == .symlink {
                data = Data((symlinks[row.path] ?? "").utf8)
            } else {
                let copy = path.url(in: filesDirectory)
                data = (try? Data(contentsOf: copy)) ?? Self.placeholder(for: row.path)
            }
            contents[path] = data
            entries.append(SourceTreeEntry(path: path, blobID: row.sha, size: row.size ?? Int64(data.count), mode: mode))
        }
        return SourceTree(
            reference: SourceReference(location: "corpus://\(slug)"),
            commit: commit,
            providerID: PluginID(kind: .source, name: "corpus"),
            entries: entries,
            reader: InMemoryContentReader(files: contents)
        )
    }

    /// Writes the repository below `folder`: copied files as they are, every other file as a
    /// placeholder, and symbolic links as links to their recorded targets.
    public func materialise(into folder: URL) throws {
        let manager = FileManager.default
        try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        for row in rows {
            let path = try RelativePath(validating: row.path)
            let destination = try PathSafety.resolveContained(path, in: folder)
            try manager.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            if row.mode == "120000" {
                guard let target = symlinks[row.path] else { continue }
                try? manager.removeItem(at: destination)
                try manager.createSymbolicLink(atPath: destination.path, withDestinationPath: target)
                continue
            }
            let copy = path.url(in: filesDirectory)
            if manager.fileExists(atPath: copy.path) {
                try? manager.removeItem(at: destination)
                try manager.copyItem(at: copy, to: destination)
            } else {
                try Self.placeholder(for: row.path).write(to: destination)
            }
            if row.mode == "100755" {
                try manager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: destination.path)
            }
        }
    }
}
