public import Foundation
import GRDB

/// Opens the SQLite cache (`cache/cache.db`, WAL) and brings its schema up to date. The rest of the
/// package sees only the store protocols this module hands out, never a GRDB type.
public struct CacheDatabase: Sendable {
    let writer: any DatabaseWriter
    /// The database file, or `:memory:`.
    public let path: String

    /// Opens (creating if needed) the database file at `url` and runs pending migrations.
    public static func open(at url: URL) throws(CacheError) -> CacheDatabase {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            let pool = try DatabasePool(path: url.path, configuration: configuration)
            let database = CacheDatabase(writer: pool, path: url.path)
            try database.migrate()
            return database
        } catch let error as CacheError {
            throw error
        } catch {
            throw CacheError(error, path: url.path)
        }
    }

    /// An in-memory database with the full schema, for tests.
    public static func inMemory() throws(CacheError) -> CacheDatabase {
        do {
            let database = CacheDatabase(writer: try DatabaseQueue(), path: ":memory:")
            try database.migrate()
            return database
        } catch let error as CacheError {
            throw error
        } catch {
            throw CacheError(error, path: ":memory:")
        }
    }

    func migrate() throws {
        try CacheMigrations.migrator.migrate(writer)
    }

    /// Every migration this version knows, oldest first.
    public static var migrationNames: [String] { CacheMigrations.migrator.migrations }

    /// The names of the migrations applied, oldest first.
    public func appliedMigrations() throws(CacheError) -> [String] {
        do {
            return try writer.read { try CacheMigrations.migrator.appliedMigrations($0) }
        } catch {
            throw CacheError(error, path: nil)
        }
    }
}

/// A cache failure, as one sentence.
public struct CacheError: Error, Sendable, CustomStringConvertible {
    public let description: String

    public init(_ message: String) {
        self.description = message
    }

    init(_ error: any Error, path: String?) {
        if let database = error as? DatabaseError {
            let detail = database.message ?? "\(database.resultCode)"
            self.description = (path.map { "\($0): " } ?? "") + detail
        } else {
            self.description = (path.map { "\($0): " } ?? "") + String(describing: error)
        }
    }
}

extension DatabaseWriter {
    /// A write transaction whose failure is a `CacheError`.
    func cacheWrite<T>(_ body: (Database) throws -> T) throws(CacheError) -> T {
        do {
            return try write(body)
        } catch {
            throw CacheError(error, path: nil)
        }
    }

    /// A read whose failure is a `CacheError`.
    func cacheRead<T>(_ body: (Database) throws -> T) throws(CacheError) -> T {
        do {
            return try read(body)
        } catch {
            throw CacheError(error, path: nil)
        }
    }
}
