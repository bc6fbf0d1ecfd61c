public import Foundation

extension CatalogStore {
    /// Applies `event` to each of `entries` through `CatalogLifecycle` and saves those that changed
    /// in one transaction; returns them. An entry the event does not apply to is left as it was.
    @discardableResult
    public func record(_ event: CatalogEvent, on entries: [CatalogEntryRecord]) async throws(StoreError) -> [CatalogEntryRecord] {
        var changed: [CatalogEntryRecord] = []
        for entry in entries {
            guard let next = try? CatalogLifecycle.apply(event, to: entry), next != entry else { continue }
            changed.append(next)
        }
        if !changed.isEmpty { try await saveEntries(changed) }
        return changed
    }
}
