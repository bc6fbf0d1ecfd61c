import ArgumentParser
import SkillMeatCore
import SkillMeatRegistry

/// `--collection/-c`, on every command that touches a collection.
struct CollectionOptions: ParsableArguments {
    @Option(name: [.customShort("c"), .long], help: "The collection to use (default: the config's collection.default).")
    var collection: String?

    /// The chosen collection's name.
    func name(_ runtime: SkillMeatRuntime) -> String {
        collection ?? runtime.configuration.defaultCollection
    }

    /// The collection's use cases, with the cache opened.
    func service(_ runtime: SkillMeatRuntime) throws -> CollectionService {
        try CollectionService.open(home: runtime.home, collection: name(runtime), stores: runtime.openStores())
    }
}
