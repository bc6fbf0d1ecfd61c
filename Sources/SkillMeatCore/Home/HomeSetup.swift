public import Foundation
import SkillMeatPluginAPI
public import SkillMeatStore

/// `skillmeat init`: creates the home, the default collection and the cache database. Running it
/// again is harmless: what exists is kept, what is missing is created.
public enum HomeSetup {
    /// What `initialize` found and did.
    public struct Report: Sendable, Hashable, Codable {
        public var home: String
        public var collection: String
        public var created: [String]
        public var cacheMigrations: [String]

        enum CodingKeys: String, CodingKey {
            case home, collection, created
            case cacheMigrations = "cache_migrations"
        }
    }

    /// Sets up `home` with the collection `collectionName`; `openStores` opens (creating and
    /// migrating) the configured store once the home exists.
    public static func initialize(
        home: SkillMeatHome, collectionName: String, now: Date = Date(),
        openStores: () throws(SkillMeatError) -> any StoreBackend
    ) async throws(SkillMeatError) -> Report {
        try CollectionName.validate(collectionName)
        let manager = FileManager.default
        var created: [String] = []
        func makeDirectory(_ url: URL) throws(SkillMeatError) {
            guard !manager.fileExists(atPath: url.path) else { return }
            do {
                try manager.createDirectory(at: url, withIntermediateDirectories: true)
            } catch {
                throw SkillMeatError.io(url, error)
            }
            created.append(url.path)
        }
        try makeDirectory(home.root)
        if !manager.fileExists(atPath: home.configFile.path) {
            try AtomicFile.write(starterConfiguration(collectionName), to: home.configFile)
            created.append(home.configFile.path)
        }
        created += try CollectionStore(home: home, name: collectionName).create(now: now)
        try makeDirectory(home.snapshotsDirectory)
        let stores = try openStores()
        let migrations = try await SkillMeatError.store { try await stores.appliedMigrations() }
        return Report(home: home.root.path, collection: collectionName, created: created, cacheMigrations: migrations)
    }

    static func starterConfiguration(_ collectionName: String) -> String {
        """
        # SkillMeat configuration. Built-in defaults apply to every key not set here.

        [collection]
        default = \(TOMLCodec.quote(collectionName))

        """
    }
}

/// The rules a collection name follows: it is a folder name under `collections/`.
public enum CollectionName {
    public static func validate(_ name: String) throws(SkillMeatError) {
        let allowed = name.unicodeScalars.allSatisfy {
            ($0 >= "a" && $0 <= "z") || ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9") || $0 == "-" || $0 == "_" || $0 == "."
        }
        guard !name.isEmpty, name.count <= 64, allowed, !name.hasPrefix(".") else {
            throw .invalidArgument(
                "'\(name)' is not a valid collection name; use up to 64 letters, digits, '-', '_' or '.', not starting with '.'."
            )
        }
    }
}
