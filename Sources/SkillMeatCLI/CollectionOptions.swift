import ArgumentParser
import SkillMeatCore
import SkillMeatRegistry
import SkillMeatStore

/// `--collection/-c`, on every command that touches a collection.
struct CollectionOptions: ParsableArguments {
    @Option(name: [.customShort("c"), .long], help: "The collection to use (default: the config's collection.default).", completion: Completions.collections)
    var collection: String?

    /// The chosen collection's name.
    func name(_ runtime: SkillMeatRuntime) -> String {
        collection ?? runtime.configuration.defaultCollection
    }

    /// The collection's use cases, with the cache opened.
    func service(_ runtime: SkillMeatRuntime) throws -> CollectionService {
        try service(runtime, stores: runtime.openStores())
    }

    /// The collection's use cases over `stores`; a `collection.lock` that was missing and has been
    /// rebuilt is reported.
    func service(_ runtime: SkillMeatRuntime, stores: any StoreBackend) throws -> CollectionService {
        let service = try CollectionService.open(home: runtime.home, collection: name(runtime), stores: stores)
        if service.restoredLock {
            Output.warning(
                "The collection '\(service.store.name)' had no collection.lock; it was rebuilt from the artifact files on disk, so their current content now counts as unmodified."
            )
        }
        return service
    }
}
