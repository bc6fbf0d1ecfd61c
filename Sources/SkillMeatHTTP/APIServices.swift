import Foundation
import SkillMeatCache
import SkillMeatCore
import SkillMeatRegistry
import Synchronization

/// What the routes work with: the runtime and the cache database, opened on first use and then
/// shared (GRDB's pool serves concurrent readers). A database that cannot be opened is a 503 for
/// that request, and the next request tries again.
final class APIServices: Sendable {
    let runtime: SkillMeatRuntime
    /// What the server allows beyond the defaults (user-scope deployments).
    let settings: ServerSettings
    private let database = Mutex<CacheDatabase?>(nil)

    init(runtime: SkillMeatRuntime, settings: ServerSettings) {
        self.runtime = runtime
        self.settings = settings
    }

    func cacheDatabase() throws(SkillMeatError) -> CacheDatabase {
        if let open = database.withLock({ $0 }) { return open }
        let opened = try CollectionService.openCache(runtime.home)
        // Two first requests may both open it; the first one stored wins and the other is dropped.
        return database.withLock { stored in
            if let stored { return stored }
            stored = opened
            return opened
        }
    }

    /// The collection `name` (the configured default when nil).
    func collection(_ name: String?) throws(SkillMeatError) -> CollectionService {
        try CollectionService.open(home: runtime.home, collection: name ?? runtime.configuration.defaultCollection, database: cacheDatabase())
    }

    func marketplace() throws(SkillMeatError) -> MarketplaceService {
        MarketplaceService(store: try cacheDatabase().marketplaceStore, plugins: runtime.plugins)
    }

    func imports(collection name: String?) throws(SkillMeatError) -> ImportService {
        ImportService(marketplace: try marketplace(), collection: try collection(name), userHome: userHome)
    }

    /// The user's home (`HOME` of the server's environment), where user-scope deployments go.
    var userHome: URL {
        runtime.environment["HOME"].map { URL(fileURLWithPath: $0, isDirectory: true) } ?? FileManager.default.homeDirectoryForCurrentUser
    }
}
