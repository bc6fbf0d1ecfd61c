import Foundation
public import Logging
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

    /// Opens (creating and migrating as needed) the store `settings` names for `home`, its sources
    /// kept in `sources.toml` first (`HomeStoreBackend`). A damaged database is moved aside and a new
    /// one started, with a warning on `logger`: everything it held comes back from the files and
    /// rescans. `verify` checks every page first, as `cache rebuild` does.
    public static func open(_ settings: StoreSettings, home: SkillMeatHome, logger: Logger? = nil, verify: Bool = false) throws(SkillMeatError) -> HomeStoreBackend {
        try validate(settings)
        do {
            let (backend, movedAside) = try SQLiteStoreBackend.openRecovering(at: home.cacheDatabase, verify: verify)
            if let movedAside {
                logger?.warning(
                    "The cache database was damaged; it was moved aside and a new one is rebuilt from the files under the home (sources' catalogs come back with their next scan).",
                    metadata: ["moved_to": "\(movedAside.path)"]
                )
            }
            return HomeStoreBackend(home: home, backend: backend)
        } catch {
            throw SkillMeatError(error)
        }
    }
}
