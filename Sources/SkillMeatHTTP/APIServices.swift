import Foundation
import SkillMeatCore
import SkillMeatRegistry
import SkillMeatStore
import Synchronization

/// What the routes work with: the runtime and its stores, opened on first use and then shared
/// (the SQLite pool serves concurrent readers). Stores that cannot be opened are a 503 for that
/// request, and the next request tries again.
final class APIServices: Sendable {
    let runtime: SkillMeatRuntime
    /// What the server allows beyond the defaults (user-scope deployments).
    let settings: ServerSettings
    private let opened = Mutex<(any StoreBackend)?>(nil)

    init(runtime: SkillMeatRuntime, settings: ServerSettings) {
        self.runtime = runtime
        self.settings = settings
    }

    /// The configured stores, opened once.
    func stores() throws(SkillMeatError) -> any StoreBackend {
        if let open = opened.withLock({ $0 }) { return open }
        let fresh = try runtime.openStores()
        // Two first requests may both open them; the first one stored wins and the other is dropped.
        return opened.withLock { stored in
            if let stored { return stored }
            stored = fresh
            return fresh
        }
    }

    /// The collection `name` (the configured default when nil).
    func collection(_ name: String?) throws(SkillMeatError) -> CollectionService {
        try CollectionService.open(home: runtime.home, collection: name ?? runtime.configuration.defaultCollection, stores: stores())
    }

    func marketplace() throws(SkillMeatError) -> MarketplaceService {
        MarketplaceService(stores: try stores(), plugins: runtime.plugins)
    }

    func imports(collection name: String?) throws(SkillMeatError) -> ImportService {
        ImportService(marketplace: try marketplace(), collection: try collection(name), userHome: userHome)
    }

    /// The project cache over the configuration's `[projects]` settings and default collection.
    func projectCache() throws(SkillMeatError) -> ProjectCache {
        runtime.projectCache(stores: try stores())
    }

    /// The user's home (`HOME` of the server's environment), where user-scope deployments go.
    var userHome: URL {
        runtime.environment["HOME"].map { URL(fileURLWithPath: $0, isDirectory: true) } ?? FileManager.default.homeDirectoryForCurrentUser
    }
}
