public import Foundation
public import SkillMeatPluginAPI

/// Reads each file of a tree at most once per scan, however many detectors ask for it. Concurrent
/// requests for a file that is being read wait for that one read instead of starting another.
public actor CachingContentReader: SourceContentReader {
    private enum Slot {
        case loading([CheckedContinuation<Result<Data, any Error>, Never>])
        case loaded(Result<Data, any Error>)
    }

    private let tree: SourceTree
    private var slots: [RelativePath: Slot] = [:]
    private var reads = 0
    private var failedPrefixes: [(path: RelativePath, error: any Error)] = []

    public init(tree: SourceTree) {
        self.tree = tree
    }

    /// How many reads reached the underlying tree.
    public var underlyingReads: Int { reads }

    /// Files whose bytes could not be read (a network failure, a permission), as opposed to files that
    /// were read but could not be parsed: a scan that lost files this way has not seen the source.
    public var failedReads: [(path: RelativePath, error: any Error)] {
        let whole = slots.compactMap { path, slot -> (path: RelativePath, error: any Error)? in
            if case .loaded(.failure(let error)) = slot { return (path, error) }
            return nil
        }
        return (whole + failedPrefixes.filter { slots[$0.path] == nil }).sorted { $0.path < $1.path }
    }

    /// The head of a file: cut from the cached bytes when the whole file was read already, else read
    /// directly and not cached (heads are read for frontmatter, mostly by one detector each).
    public func prefix(of path: RelativePath, maxBytes: Int) async throws -> Data {
        if case .loaded(let result) = slots[path] {
            let data = try result.get()
            return data.count <= maxBytes ? data : data.prefix(maxBytes)
        }
        do {
            return try await tree.prefix(of: path, maxBytes: maxBytes)
        } catch {
            failedPrefixes.append((path, error))
            throw error
        }
    }

    public func contents(of path: RelativePath) async throws -> Data {
        switch slots[path] {
        case .loaded(let result):
            return try result.get()
        case .loading:
            let result = await withCheckedContinuation { continuation in
                if case .loading(var waiting) = slots[path] {
                    waiting.append(continuation)
                    slots[path] = .loading(waiting)
                } else if case .loaded(let result) = slots[path] {
                    continuation.resume(returning: result)
                }
            }
            return try result.get()
        case nil:
            slots[path] = .loading([])
            reads += 1
            let result: Result<Data, any Error>
            do {
                result = .success(try await tree.contents(of: path))
            } catch {
                result = .failure(error)
            }
            if case .loading(let waiting) = slots[path] {
                for continuation in waiting { continuation.resume(returning: result) }
            }
            slots[path] = .loaded(result)
            return try result.get()
        }
    }
}

extension SourceTree {
    /// The same tree, reading through a `CachingContentReader`.
    public func cachingReads() -> (tree: SourceTree, cache: CachingContentReader) {
        let cache = CachingContentReader(tree: self)
        return (reading(through: cache), cache)
    }
}
