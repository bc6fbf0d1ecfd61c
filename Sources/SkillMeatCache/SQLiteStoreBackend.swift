public import Foundation
import GRDB
public import SkillMeatStore

/// The embedded store: one SQLite database (WAL) through GRDB, `cache/cache.db` under the home,
/// holding the collection cache, the marketplace sources and their catalogs. Opening it brings its
/// schema up to date. Nothing outside this module sees a GRDB type.
///
/// The store methods are `async` for the contract's sake (a server database answers over the
/// network); SQLite answers from local pages in microseconds, so they run GRDB's synchronous API
/// on the caller's task instead of hopping to another thread per call.
public struct SQLiteStoreBackend: StoreBackend {
    let writer: any DatabaseWriter
    /// The database file, or `:memory:`.
    public let location: String

    /// Opens (creating if needed) the database file at `url` and runs pending migrations.
    public static func open(at url: URL) throws(StoreError) -> SQLiteStoreBackend {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            let pool = try DatabasePool(path: url.path, configuration: configuration)
            let backend = SQLiteStoreBackend(writer: pool, location: url.path)
            try CacheMigrations.migrator.migrate(pool)
            return backend
        } catch {
            throw StoreError(error, path: url.path)
        }
    }

    /// Opens the database at `url` like `open(at:)`, but a damaged file (SQLite's "file is not a
    /// database", "database disk image is malformed") is moved aside with its WAL and shared-memory
    /// files to `cache.db.corrupt-<time>` and a new, empty database created in its place; `movedAside`
    /// says where the old one went. With `verify` every page is checked first (`PRAGMA quick_check`),
    /// as a rebuild wants; an ordinary open only notices a file SQLite refuses outright.
    public static func openRecovering(at url: URL, verify: Bool = false, now: Date = Date()) throws(StoreError) -> (backend: SQLiteStoreBackend, movedAside: URL?) {
        do throws(StoreError) {
            let backend = try open(at: url)
            if verify { try backend.verify() }
            return (backend, nil)
        } catch {
            guard case .damaged = error else { throw error }
            let aside = try moveAside(url, now: now)
            return (try open(at: url), aside)
        }
    }

    /// Checks every page; a damaged database is `.damaged`.
    func verify() throws(StoreError) {
        let result: String?
        do {
            result = try writer.read { db in try String.fetchOne(db, sql: "PRAGMA quick_check") }
        } catch {
            throw StoreError(error, path: location)
        }
        guard result == "ok" else {
            throw .damaged("The cache database \(location) is damaged (\(result ?? "the integrity check gave no answer"))")
        }
    }

    /// Moves the database file and its `-wal`/`-shm` companions to `<name>.corrupt-<time>`; returns
    /// the new place of the database file.
    static func moveAside(_ url: URL, now: Date) throws(StoreError) -> URL {
        let manager = FileManager.default
        let stamp = Timestamp.string(now).prefix(19).replacingOccurrences(of: ":", with: "")
        var aside = url.deletingLastPathComponent().appending(path: "\(url.lastPathComponent).corrupt-\(stamp)", directoryHint: .notDirectory)
        var counter = 2
        while manager.fileExists(atPath: aside.path) {
            aside = url.deletingLastPathComponent().appending(path: "\(url.lastPathComponent).corrupt-\(stamp)-\(counter)", directoryHint: .notDirectory)
            counter += 1
        }
        for suffix in ["", "-wal", "-shm"] where manager.fileExists(atPath: url.path + suffix) {
            do {
                try manager.moveItem(atPath: url.path + suffix, toPath: aside.path + suffix)
            } catch {
                throw .unavailable("The damaged cache database \(url.path) could not be moved aside to \(aside.path); move or delete it by hand")
            }
        }
        return aside
    }

    /// An in-memory database with the full schema, for tests.
    public static func inMemory() throws(StoreError) -> SQLiteStoreBackend {
        do {
            let queue = try DatabaseQueue()
            try CacheMigrations.migrator.migrate(queue)
            return SQLiteStoreBackend(writer: queue, location: ":memory:")
        } catch {
            throw StoreError(error, path: ":memory:")
        }
    }

    /// Every migration this version knows, oldest first.
    public static var migrationNames: [String] { CacheMigrations.migrator.migrations }

    public func appliedMigrations() async throws(StoreError) -> [String] {
        try writer.storeRead { try CacheMigrations.migrator.appliedMigrations($0) }
    }

    public var collectionCache: any CollectionCacheStore { SQLiteCollectionCacheStore(writer: writer, path: location) }
    public var sources: any SourceStore { SQLiteSourceStore(writer: writer) }
    public var catalog: any CatalogStore { SQLiteCatalogStore(writer: writer) }
    public var projectCache: any ProjectCacheStore { SQLiteProjectCacheStore(writer: writer) }
}

extension StoreError {
    /// A GRDB or file system error as a store error: a broken constraint is `.constraint`, the rest
    /// `.unavailable`, each one sentence naming the database.
    init(_ error: any Error, path: String?) {
        if let error = error as? StoreError {
            self = error
            return
        }
        let prefix = path.map { "\($0): " } ?? ""
        if let database = error as? DatabaseError {
            let detail = database.message ?? "\(database.resultCode)"
            switch database.resultCode.primaryResultCode {
            case .SQLITE_CONSTRAINT: self = .constraint(prefix + detail)
            case .SQLITE_CORRUPT, .SQLITE_NOTADB: self = .damaged("The cache database \(path ?? "") is damaged (\(detail))")
            default: self = .unavailable(prefix + detail)
            }
        } else {
            self = .unavailable(prefix + String(describing: error))
        }
    }
}

extension DatabaseWriter {
    /// A write transaction whose failure is a `StoreError`.
    func storeWrite<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try write(body)
        } catch {
            throw StoreError(error, path: nil)
        }
    }

    /// A read whose failure is a `StoreError`.
    func storeRead<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try read(body)
        } catch {
            throw StoreError(error, path: nil)
        }
    }
}
