public import Foundation
public import SkillMeatPluginAPI
import SkillMeatStore

/// Each source read once per operation: the first request rescans the source (so its catalog
/// describes upstream as it is now) and keeps the tree; later ones get the same tree, or the same
/// failure, without another read. Shared by `update` and the upstream refresh so a refresh that
/// also syncs files reads each source once. A dry run's reads write nothing: the rescan is merged in
/// memory only, and entries are answered as the catalog would hold them after it.
public actor SourceReads {
    let marketplace: MarketplaceService
    let now: Date
    let dryRun: Bool
    private var reads: [String: Result<(tree: SourceTree, entries: [String: CatalogEntryRecord]), SkillMeatError>] = [:]

    public init(marketplace: MarketplaceService, now: Date = Date(), dryRun: Bool = false) {
        self.marketplace = marketplace
        self.now = now
        self.dryRun = dryRun
    }

    /// The catalog entry `id` of the source `sourceID` as upstream has it now (its status `removed`
    /// when upstream no longer has it), and the source's tree, rescanned on first use.
    func current(_ id: String, of sourceID: String) async throws(SkillMeatError) -> (entry: CatalogEntryRecord, tree: SourceTree) {
        let read = try await read(sourceID)
        guard dryRun else { return (try await marketplace.entry(id), read.tree) }
        guard let entry = read.entries[id] else { return (try await marketplace.entry(id), read.tree) }
        return (entry, read.tree)
    }

    private func read(_ id: String) async throws(SkillMeatError) -> (tree: SourceTree, entries: [String: CatalogEntryRecord]) {
        if let known = reads[id] { return try known.get() }
        let read: Result<(tree: SourceTree, entries: [String: CatalogEntryRecord]), SkillMeatError>
        do {
            let scan = try await marketplace.scanKeepingTree(id, now: now, dryRun: dryRun)
            read = .success((scan.tree, Dictionary(scan.entries.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })))
        } catch {
            read = .failure(error)
        }
        reads[id] = read
        return try read.get()
    }
}
