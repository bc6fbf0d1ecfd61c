/// Marketplace sources: the reference, settings and last scan of each.
public protocol SourceStore: Sendable {
    /// Adds a source; a taken id is a `.constraint` error.
    func insertSource(_ source: MarketplaceSourceRecord) async throws(StoreError)
    /// Writes a source's row, adding it when missing.
    func updateSource(_ source: MarketplaceSourceRecord) async throws(StoreError)
    /// Deletes a source and every entry of its catalog in one transaction.
    func deleteSource(id: String) async throws(StoreError)
    func source(id: String) async throws(StoreError) -> MarketplaceSourceRecord?
    /// Every source, by name then id.
    func sources() async throws(StoreError) -> [MarketplaceSourceRecord]
}
