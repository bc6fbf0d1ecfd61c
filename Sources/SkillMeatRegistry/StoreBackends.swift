public import SkillMeatCore
import SkillMeatCache
public import SkillMeatStore

/// The store implementations compiled into this build, by the name `[store] backend` takes. Only
/// this composition root knows them; every other module works with `StoreBackend`.
public enum StoreBackends {
    /// The names `store.backend` accepts.
    public static let names = ["sqlite"]

    /// Refuses a backend this build does not have, naming those it has.
    public static func validate(_ settings: StoreSettings) throws(SkillMeatError) {
        guard names.contains(settings.backend) else {
            throw .invalidConfiguration("store.backend '\(settings.backend)' is not a store this build has; use \(names.joined(separator: ", ")).")
        }
    }

    /// Opens (creating and migrating as needed) the store `settings` names for `home`.
    public static func open(_ settings: StoreSettings, home: SkillMeatHome) throws(SkillMeatError) -> any StoreBackend {
        try validate(settings)
        do {
            return try SQLiteStoreBackend.open(at: home.cacheDatabase)
        } catch {
            throw SkillMeatError(error)
        }
    }
}
