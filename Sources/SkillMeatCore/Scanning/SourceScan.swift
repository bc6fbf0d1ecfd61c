public import Foundation
public import SkillMeatPluginAPI

/// Reads a source through the first enabled provider that accepts it and runs every enabled
/// detector over it: the pipeline behind `skillmeat scan`, `add` and marketplace scans.
public struct SourceScan: Sendable {
    public let plugins: PluginCatalog


    /// The tree that was read and what was found in it.
    public struct Outcome: Sendable {
        public var tree: SourceTree
        public var result: ScanResult
    }

    /// Reads `reference` and detects its artifacts; `manualMap` overrides detection for its paths.
    public func run(_ reference: SourceReference, manualMap: ManualMap = ManualMap()) async throws(SkillMeatError) -> Outcome {
        WorkProgress.report(.reading, completed: 0, total: nil, current: reference.location)
        let tree = try await readTree(reference)
        for path in manualMap.types.keys where !tree.contains(path) && !tree.isDirectory(path) {
            throw .invalidArgument("The mapped path '\(path)' does not exist in \(reference.location); map only paths the source has.")
        }
        let scanner = plugins.scanner
        return Outcome(tree: tree, result: await scanner.scan(tree, manualMap: manualMap.types))
    }

    /// Reads the tree of `reference` without detecting anything.
    public func readTree(_ reference: SourceReference) async throws(SkillMeatError) -> SourceTree {
        let (id, provider) = try plugins.sourceProvider(for: reference)
        do {
            return try await provider.tree(for: reference)
        } catch let error as PluginError {
            throw .plugin(id, error)
        } catch let error as SkillMeatError {
            throw error
        } catch {
            throw .plugin(id, .io(path: reference.location, reason: "\(error)"))
        }
    }

    /// Copies files of `tree` into `folder` through the provider that read the tree.
    public func fetch(_ paths: [RelativePath], from tree: SourceTree, into folder: URL) async throws {
        guard let provider = plugins.sourceProvider(id: tree.providerID) else {
            throw SkillMeatError.invalidArgument("The source provider \(tree.providerID) that read \(tree.reference.location) is no longer enabled.")
        }
        try await provider.fetch(paths, from: tree, into: folder)
    }
}
