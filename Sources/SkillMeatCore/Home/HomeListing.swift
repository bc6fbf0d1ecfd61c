/// Names in a home read straight from its files (no database, no plugins), quick enough for shell
/// completion: the collections, a collection's artifact ids and names, the marketplace sources' ids.
/// Anything unreadable lists nothing.
public struct HomeListing: Sendable {
    public let home: SkillMeatHome

    public init(home: SkillMeatHome) {
        self.home = home
    }

    /// The collections' names.
    public func collections() -> [String] {
        (try? CollectionStore.names(in: home)) ?? []
    }

    /// The artifacts of `collection`: each by name and by its `type:name` id.
    public func artifacts(in collection: String) -> [String] {
        guard let manifest = try? CollectionStore(home: home, name: collection).read().manifest else { return [] }
        let ids = manifest.artifacts.map(\.id).sorted()
        return Array(Set(ids.map(\.name))).sorted() + ids.map(\.description)
    }

    /// The marketplace sources' ids (from `sources.toml`).
    public func sources() -> [String] {
        ((try? RecordFile.sources(home).read()) ?? [:]).keys.sorted()
    }
}
