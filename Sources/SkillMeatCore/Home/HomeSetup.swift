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
        var created = CreatedPaths()
        try created.folder(home.root)
        try created.file(home.configFile, starterConfiguration(collectionName))
        created.paths += try CollectionStore(home: home, name: collectionName).create(now: now)
        try created.folder(home.snapshotsDirectory)
        let stores = try openStores()
        let migrations = try await SkillMeatError.store { try await stores.appliedMigrations() }
        return Report(home: home.root.path, collection: collectionName, created: created.paths, cacheMigrations: migrations)
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
