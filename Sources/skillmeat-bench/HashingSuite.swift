import Foundation
import SkillMeatPluginAPI

/// Content hashing (DESIGN §2) of a generated directory tree of 10,000 files.
struct HashingSuite: BenchmarkSuite {
    let name = "hash"
    let summary = "ContentHash.ofItem over a generated tree (read every file, SHA-256 of paths and bytes)"
    let target: Double? = nil
    var fileCount = 10_000
    private var root: URL?

    mutating func setUp(in scratch: URL) async throws -> String {
        let root = scratch.appending(path: "tree", directoryHint: .isDirectory)
        try? FileManager.default.removeItem(at: root)
        var bytes = 0
        var generator = SystemRandomNumberGenerator()
        for index in 0..<fileCount {
            // 100 folders of 100 files, sizes 200 B to 8 KB: the shape of a large skill collection.
            let folder = root.appending(path: "skill-\(index / 100)/part-\(index % 7)", directoryHint: .isDirectory)
            if index % 100 == 0 || index % 100 < 7 {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            }
            let size = Int.random(in: 200...8_192, using: &generator)
            let data = Data((0..<size).map { _ in UInt8.random(in: 32...126, using: &generator) })
            try data.write(to: folder.appending(path: "file-\(index).md"))
            bytes += size
        }
        self.root = root
        return "\(fileCount.formatted()) files, \(String(format: "%.1f", Double(bytes) / 1_048_576)) MiB"
    }

    func run() async throws -> Int {
        guard let root else { return 0 }
        return try ContentHash.ofItem(at: root).hashValue
    }
}
