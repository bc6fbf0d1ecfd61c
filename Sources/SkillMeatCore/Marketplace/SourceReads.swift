public import Foundation
public import SkillMeatPluginAPI

/// Each source read once per operation: the first request rescans the source (so its catalog
/// describes upstream as it is now) and keeps the tree; later ones get the same tree, or the same
/// failure, without another read. Shared by `update` and the upstream refresh so a refresh that
/// also syncs files reads each source once.
public actor SourceReads {
    let marketplace: MarketplaceService
    let now: Date
    private var reads: [String: Result<SourceTree, SkillMeatError>] = [:]

    public init(marketplace: MarketplaceService, now: Date = Date()) {
        self.marketplace = marketplace
        self.now = now
    }

    /// The tree of the source `id`, rescanned on first use.
    func tree(_ id: String) async throws(SkillMeatError) -> SourceTree {
        if let known = reads[id] { return try known.get() }
        let read: Result<SourceTree, SkillMeatError>
        do {
            read = .success(try await marketplace.scanKeepingTree(id, now: now).tree)
        } catch {
            read = .failure(error)
        }
        reads[id] = read
        return try read.get()
    }
}
