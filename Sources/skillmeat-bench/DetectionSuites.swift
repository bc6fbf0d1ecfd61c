import Foundation
import Logging
import SkillMeatCore
import SkillMeatPluginAPI
import SkillMeatRegistry
import SkillMeatTestSupport

/// The production plugin wiring, built through the registry exactly as `skillmeat` builds it: the
/// enabled detectors (the manifest's defaults) and the `source/git` provider.
struct DetectionPlugins {
    let scanner: ArtifactScanner
    let provider: any SourceProvider

    init(home: URL) throws {
        let catalog = try BuiltinPlugins.catalog(
            configuration: Configuration(values: [:]),
            home: SkillMeatHome(root: home),
            environment: ProcessInfo.processInfo.environment,
            logger: Logger(label: "skillmeat-bench")
        )
        scanner = catalog.scanner
        guard let git = catalog.sourceProviders.first(where: { $0.id.description == "source/git" }) else {
            throw BenchError("the source/git provider is not enabled")
        }
        provider = git.provider
    }
}

/// The labelled corpus written to disk once, one folder per repository, as the detection suites read it.
struct MaterialisedCorpus {
    let folders: [URL]
    let fileCount: Int

    init(in scratch: URL) throws {
        guard let directory = Corpus.locate() else {
            throw BenchError("the corpus is not present (../shared/corpus or $SKILLMEAT_CORPUS)")
        }
        let corpus = try Corpus.load(from: directory)
        var folders: [URL] = []
        var files = 0
        for repository in corpus.repositories {
            let folder = scratch.appending(path: "corpus/\(repository.slug)", directoryHint: .isDirectory)
            try? FileManager.default.removeItem(at: folder)
            try repository.materialise(into: folder)
            folders.append(folder)
            files += repository.rows.count
        }
        self.folders = folders
        self.fileCount = files
    }

    var workload: String { "\(folders.count) repositories, \(fileCount.formatted()) files on disk" }
}

/// Listing plus detection of the materialised corpus: per run, `source/git` lists each repository's
/// folder (walk, stat, git blob id of every file) and the scanner runs the enabled detectors over it.
struct CorpusScanSuite: BenchmarkSuite {
    let name = "detect-corpus"
    let summary = "source/git lists each corpus folder, then ArtifactScanner runs every enabled detector (listing inside the timing)"
    let target: Double? = 0.200
    private var corpus: MaterialisedCorpus?
    private var plugins: DetectionPlugins?

    mutating func setUp(in scratch: URL) async throws -> String {
        corpus = try MaterialisedCorpus(in: scratch)
        plugins = try DetectionPlugins(home: scratch.appending(path: "home", directoryHint: .isDirectory))
        return corpus?.workload ?? ""
    }

    func run() async throws -> Int {
        guard let corpus, let plugins else { return 0 }
        var artifacts = 0
        for folder in corpus.folders {
            let tree = try await plugins.provider.tree(for: SourceReference(location: folder.path))
            artifacts += await plugins.scanner.scan(tree).artifacts.count
        }
        return artifacts
    }
}

/// Detection alone over the materialised corpus: the trees are listed once in set-up; each run reads
/// the files the detectors ask for from disk (every scan starts with an empty read cache).
struct CorpusDetectionSuite: BenchmarkSuite {
    let name = "detect-corpus-only"
    let summary = "ArtifactScanner with every enabled detector over the corpus folders (listing done in set-up, file reads timed)"
    let target: Double? = 0.200
    private var trees: [SourceTree] = []
    private var plugins: DetectionPlugins?

    mutating func setUp(in scratch: URL) async throws -> String {
        let corpus = try MaterialisedCorpus(in: scratch)
        let plugins = try DetectionPlugins(home: scratch.appending(path: "home", directoryHint: .isDirectory))
        var trees: [SourceTree] = []
        for folder in corpus.folders {
            trees.append(try await plugins.provider.tree(for: SourceReference(location: folder.path)))
        }
        self.trees = trees
        self.plugins = plugins
        return corpus.workload
    }

    func run() async throws -> Int {
        guard let plugins else { return 0 }
        var artifacts = 0
        for tree in trees {
            artifacts += await plugins.scanner.scan(tree).artifacts.count
        }
        return artifacts
    }
}

/// Detection over the generated marketplace of `SyntheticTree`, held in memory (reads cost no I/O),
/// so the figure is the detectors' own cost and how it grows with the tree.
struct SyntheticDetectionSuite: BenchmarkSuite {
    let fileCount: Int
    let target: Double?
    private var tree: SourceTree?
    private var plugins: DetectionPlugins?

    init(fileCount: Int, target: Double?) {
        self.fileCount = fileCount
        self.target = target
    }

    var name: String { fileCount >= 1000 && fileCount % 1000 == 0 ? "detect-\(fileCount / 1000)k" : "detect-\(fileCount)" }
    var summary: String { "ArtifactScanner with every enabled detector over a generated in-memory tree" }

    mutating func setUp(in scratch: URL) async throws -> String {
        let tree = try SyntheticTree.tree(fileCount: fileCount)
        self.tree = tree
        plugins = try DetectionPlugins(home: scratch.appending(path: "home", directoryHint: .isDirectory))
        return "\(tree.entries.count.formatted()) files in memory (\(SyntheticTree.filesPerPlugin) per plugin)"
    }

    func run() async throws -> Int {
        guard let tree, let plugins else { return 0 }
        return await plugins.scanner.scan(tree).artifacts.count
    }
}
