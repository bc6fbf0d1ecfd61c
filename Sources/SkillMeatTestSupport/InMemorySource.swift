public import Foundation
public import SkillMeatPluginAPI

/// A `SourceContentReader` over files held in memory, for detector and scanner tests.
public struct InMemoryContentReader: SourceContentReader {
    public let files: [RelativePath: Data]

    public init(files: [RelativePath: Data]) {
        self.files = files
    }

    public func contents(of path: RelativePath) async throws -> Data {
        guard let data = files[path] else { throw PluginError.notFound("'\(path)' is not in the in-memory tree") }
        return data
    }
}

extension SourceTree {
    /// A tree built from `path → text` pairs, with git-style blob ids derived from the content.
    public static func inMemory(
        _ files: [String: String],
        commit: String? = nil,
        providerID: PluginID = "source/git"
    ) throws -> SourceTree {
        var contents: [RelativePath: Data] = [:]
        for (path, text) in files {
            contents[try RelativePath(validating: path)] = Data(text.utf8)
        }
        let entries = contents.map { path, data in
            SourceTreeEntry(path: path, blobID: ContentHash.of(data), size: Int64(data.count))
        }
        return SourceTree(
            reference: SourceReference(location: "memory"),
            commit: commit,
            providerID: providerID,
            entries: entries,
            reader: InMemoryContentReader(files: contents)
        )
    }
}
