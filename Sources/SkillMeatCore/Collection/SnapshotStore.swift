public import Foundation
import SkillMeatPluginAPI
import SkillMeatStore

/// Compressed archives of a collection folder under `snapshots/<collection>/`, taken by hand or
/// automatically before destructive operations; the newest `retained` are kept.
public struct SnapshotStore: Sendable {
    /// What an archive holds.
    public enum Scope: String, Sendable, Hashable, Codable, CaseIterable {
        /// The whole collection folder; a rollback replaces the folder.
        case collection
        /// `collection.toml` and `collection.lock` only (taken before a metadata refresh); a rollback
        /// puts back the metadata and tags of the artifacts it lists that the collection still has,
        /// and leaves files, locks and artifacts added since as they are.
        case manifest
    }

    /// One archive.
    public struct Snapshot: Sendable, Hashable, Codable {
        public var id: String
        public var collection: String
        public var created: String
        public var message: String
        public var automatic: Bool
        public var file: String
        public var bytes: Int64
        public var scope: Scope = .collection

        enum CodingKeys: String, CodingKey {
            case id, collection, created, message, automatic, file, bytes, scope
        }
    }

    public let store: CollectionStore
    public let retained: Int

    public init(store: CollectionStore, retained: Int = 10) {
        self.store = store
        self.retained = retained
    }

    var folder: URL { store.home.snapshotsDirectory.appending(path: store.name, directoryHint: .isDirectory) }
    var index: URL { folder.appending(path: "snapshots.toml", directoryHint: .notDirectory) }

    /// Every snapshot of the collection, newest first.
    public func list() throws(SkillMeatError) -> [Snapshot] {
        let table = try TOMLCodec.read(index)
        let items = table["snapshots"]?.arrayValue ?? []
        return items.compactMap { item -> Snapshot? in
            guard let id = item["id"]?.stringValue, let file = item["file"]?.stringValue else { return nil }
            return Snapshot(
                id: id,
                collection: store.name,
                created: item["created"]?.stringValue ?? "",
                message: item["message"]?.stringValue ?? "",
                automatic: item["automatic"]?.boolValue ?? false,
                file: file,
                bytes: Int64(item["bytes"]?.intValue ?? 0),
                scope: item["scope"]?.stringValue.flatMap(Scope.init(rawValue:)) ?? .collection
            )
        }.sorted { $0.id > $1.id }
    }

    /// Archives the collection folder (or, for `.manifest`, its manifest and lock) now.
    @discardableResult
    public func create(message: String, automatic: Bool, scope: Scope = .collection, now: Date = Date()) async throws(SkillMeatError) -> Snapshot {
        try store.requireExists()
        // The manifest's archive names the lock, so a lost one is written from the files first.
        if scope == .manifest { try store.restoreMissingLock() }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw SkillMeatError.io(folder, error)
        }
        // The archive is written under a temporary name, then named and indexed under the lock, so
        // concurrent snapshots never share an id.
        let partial = folder.appending(path: ".\(UUID().uuidString).tar.gz.partial", directoryHint: .notDirectory)
        do {
            let contents = scope == .manifest ? ["collection.toml", "collection.lock"] : ["--exclude=./.staging", "."]
            try await ExternalProgram.check("tar", ["-czf", partial.path, "-C", store.directory.path] + contents)
        } catch {
            try? FileManager.default.removeItem(at: partial)
            throw Self.describe(error, store.directory)
        }
        return try FileLock(home: store.home, name: "snapshots-\(store.name)").withLockTyped { () throws(SkillMeatError) -> Snapshot in
            var snapshots = try list()
            // Sortable, unique even for several snapshots in one second.
            let id = Self.identifier(now, existing: Set(snapshots.map(\.id)))
            let file = "\(id).tar.gz"
            let archive = folder.appending(path: file, directoryHint: .notDirectory)
            do {
                try FileManager.default.moveItem(at: partial, to: archive)
            } catch {
                try? FileManager.default.removeItem(at: partial)
                throw SkillMeatError.io(archive, error)
            }
            let bytes = ((try? FileManager.default.attributesOfItem(atPath: archive.path))?[.size] as? NSNumber)?.int64Value ?? 0
            let snapshot = Snapshot(
                id: id, collection: store.name, created: Timestamp.string(now), message: message, automatic: automatic, file: file, bytes: bytes, scope: scope
            )
            snapshots.insert(snapshot, at: 0)
            let removed = snapshots.count > retained ? Array(snapshots[retained...]) : []
            snapshots = Array(snapshots.prefix(retained))
            try writeIndex(snapshots)
            for old in removed {
                try? FileManager.default.removeItem(at: folder.appending(path: old.file, directoryHint: .notDirectory))
            }
            return snapshot
        }
    }

    /// The snapshot `id` names (a unique prefix works).
    public func snapshot(_ id: String) throws(SkillMeatError) -> Snapshot {
        let snapshots = try list()
        let exact = snapshots.filter { $0.id == id }
        let matches = exact.isEmpty ? snapshots.filter { $0.id.hasPrefix(id) } : exact
        guard let target = matches.first, matches.count == 1 else {
            throw matches.isEmpty
                ? .notFound("There is no snapshot '\(id)' of '\(store.name)'.", hint: .listSnapshots(collection: store.name))
                : .invalidArgument("'\(id)' matches \(matches.count) snapshots; give more of the id.")
        }
        return target
    }

    /// Replaces the collection folder with the snapshot `id` (a unique prefix works), after taking a
    /// snapshot of the current state. The swap is two renames, so a failure leaves one whole folder.
    @discardableResult
    public func rollback(to id: String) async throws(SkillMeatError) -> (restored: Snapshot, safety: Snapshot) {
        let target = try snapshot(id)
        let archive = folder.appending(path: target.file, directoryHint: .notDirectory)
        let safety = try await create(message: "before rollback to \(target.id)", automatic: true, scope: target.scope)
        if target.scope == .manifest {
            try await restoreMetadata(from: archive)
            return (target, safety)
        }
        let parent = store.directory.deletingLastPathComponent()
        let incoming = parent.appending(path: ".rollback-\(UUID().uuidString)", directoryHint: .isDirectory)
        let outgoing = parent.appending(path: ".replaced-\(UUID().uuidString)", directoryHint: .isDirectory)
        do {
            try FileManager.default.createDirectory(at: incoming, withIntermediateDirectories: true)
            try await ExternalProgram.check("tar", ["-xzf", archive.path, "--no-same-owner", "-C", incoming.path])
            try store.fileLock.withLock {
                try FileManager.default.moveItem(at: store.directory, to: outgoing)
                do {
                    try FileManager.default.moveItem(at: incoming, to: store.directory)
                } catch {
                    try? FileManager.default.moveItem(at: outgoing, to: store.directory)
                    throw error
                }
            }
        } catch {
            try? FileManager.default.removeItem(at: incoming)
            throw Self.describe(error, store.directory)
        }
        try? FileManager.default.removeItem(at: outgoing)
        return (target, safety)
    }

    /// Puts back the metadata and tags the manifest in `archive` gives the artifacts the collection
    /// still has; nothing else changes.
    private func restoreMetadata(from archive: URL) async throws(SkillMeatError) {
        let scratch = try StagingFolder(in: store.stagingDirectory, prefix: "rollback")
        defer { scratch.release() }
        let saved: CollectionManifest
        do {
            try await ExternalProgram.check("tar", ["-xzf", archive.path, "--no-same-owner", "-C", scratch.url.path, "collection.toml"])
            let file = scratch.url.appending(path: "collection.toml", directoryHint: .notDirectory)
            saved = try CollectionManifest.parse(try TOMLCodec.readText(file), file: archive.path)
        } catch {
            throw Self.describe(error, archive)
        }
        do {
            try store.update { manifest, _ in
                for index in manifest.artifacts.indices {
                    guard let before = saved.artifact(manifest.artifacts[index].id) else { continue }
                    manifest.artifacts[index].metadata = before.metadata
                    manifest.artifacts[index].tags = before.tags
                }
            }
        } catch {
            throw Self.describe(error, store.manifestURL)
        }
    }

    static func describe(_ error: any Error, _ url: URL) -> SkillMeatError {
        switch error {
        case let error as SkillMeatError: error
        case let error as PluginError: .io(path: url.path, reason: error.description)
        default: SkillMeatError.io(url, error)
        }
    }

    private func writeIndex(_ snapshots: [Snapshot]) throws(SkillMeatError) {
        let items: [JSONValue] = snapshots.map {
            .object([
                "id": .string($0.id), "created": .string($0.created), "message": .string($0.message),
                "automatic": .bool($0.automatic), "file": .string($0.file), "bytes": .int(Int($0.bytes)), "scope": .string($0.scope.rawValue),
            ])
        }
        try AtomicFile.write(TOMLCodec(priorityKeys: ["id", "created", "message", "automatic", "file"]).serialize(["snapshots": .array(items)]), to: index)
    }

    static func identifier(_ date: Date, existing: Set<String>) -> String {
        let base = Timestamp.string(date).prefix(19).replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
        var candidate = base
        var counter = 1
        while existing.contains(candidate) {
            candidate = "\(base)-\(counter)"
            counter += 1
        }
        return candidate
    }
}

extension FileLock {
    /// `withLock` for bodies that throw only `SkillMeatError`, keeping the type.
    func withLockTyped<T>(_ body: () throws(SkillMeatError) -> T) throws(SkillMeatError) -> T {
        do {
            return try withLock { try body() }
        } catch let error as SkillMeatError {
            throw error
        } catch {
            throw SkillMeatError.io(url, error)
        }
    }
}
