public import Foundation
public import SkillMeatPluginAPI

/// A `SourceContentReader` over files held in memory, for trees built in tests and benchmarks.
public struct InMemoryContentReader: SourceContentReader {
    public let files: [RelativePath: Data]

    public init(files: [RelativePath: Data]) {
        self.files = files
    }

    public func contents(of path: RelativePath) async throws -> Data {
        guard let data = files[path] else { throw PluginError.notFound("'\(path)' is not a file of this in-memory tree") }
        return data
    }
}

extension SourceTree {
    /// A tree of the given files (path → text), with blob ids derived from content like git's.
    public static func inMemory(
        _ files: [String: String],
        location: String = "memory://test",
        commit: String? = nil,
        providerID: PluginID = PluginID(kind: .source, name: "memory")
    ) throws -> SourceTree {
        var data: [RelativePath: Data] = [:]
        for (path, text) in files {
            data[try RelativePath(validating: path)] = Data(text.utf8)
        }
        return inMemory(data: data, location: location, commit: commit, providerID: providerID)
    }

    /// A tree of the given files as bytes.
    public static func inMemory(
        data files: [RelativePath: Data],
        location: String = "memory://test",
        commit: String? = nil,
        providerID: PluginID = PluginID(kind: .source, name: "memory")
    ) -> SourceTree {
        let entries = files.map { path, data in
            SourceTreeEntry(path: path, blobID: ContentHash.of(data), size: Int64(data.count))
        }
        return SourceTree(
            reference: SourceReference(location: location),
            commit: commit,
            providerID: providerID,
            entries: entries,
            reader: InMemoryContentReader(files: files)
        )
    }
}
