public import Foundation
public import SkillMeatPluginAPI
public import SkillMeatStore

/// Keeps a collection's cache rows equal to what is on disk. `row(for:lock:)` is the one mapping from
/// a manifest entry to a cache row; write-through (`upsert`) and `rebuild` both use it, so after any
/// sequence of operations a rebuild yields the rows write-through wrote.
public struct CollectionCache: Sendable {
    public let store: CollectionStore
    public let cache: any CollectionCacheStore
    /// The deployments of a collection's artifacts as recorded in known projects' deployment records,
    /// as JSON per artifact (absent: not deployed); read only by a rebuild, once per rebuild.
    public let deploymentsOnDisk: @Sendable (_ collection: String) -> [ArtifactID: String]

    public init(
        store: CollectionStore,
        cache: any CollectionCacheStore,
        deploymentsOnDisk: @escaping @Sendable (_ collection: String) -> [ArtifactID: String] = { _ in [:] }
    ) {
        self.store = store
        self.cache = cache
        self.deploymentsOnDisk = deploymentsOnDisk
    }

    /// The cache row for a manifest entry and its lock entry.
    public func row(for artifact: CollectionArtifact, lock: LockEntry?, syncedAt: Date, deploymentsJSON: String = "[]") -> CachedArtifact {
        CachedArtifact(
            collection: store.name,
            type: artifact.type,
            name: artifact.name,
            path: artifact.path,
            title: artifact.metadata.title,
            description: artifact.metadata.description,
            upstream: artifact.upstream ?? lock?.upstream,
            origin: artifact.origin,
            originSource: artifact.originSource,
            versionSpec: artifact.versionSpec,
            tags: artifact.tags,
            author: artifact.metadata.author,
            license: artifact.metadata.license,
            tools: artifact.metadata.tools,
            version: artifact.metadata.version,
            resolvedSHA: artifact.resolvedSHA ?? lock?.resolvedSHA,
            resolvedVersion: artifact.resolvedVersion ?? lock?.resolvedVersion,
            contentHash: lock?.contentHash.isEmpty == false ? lock?.contentHash : nil,
            importID: artifact.importID,
            added: artifact.added,
            lastUpdated: artifact.lastUpdated,
            syncedAt: syncedAt,
            deploymentsJSON: deploymentsJSON
        )
    }

    /// The manifest entry a row was written from, as far as a row holds it: everything an operation on
    /// one artifact needs (its place, origin and metadata), without the keys this version does not know.
    public func artifact(from row: CachedArtifact) -> CollectionArtifact {
        CollectionArtifact(
            name: row.name, type: row.type, path: row.path, origin: row.origin, originSource: row.originSource,
            upstream: row.upstream, versionSpec: row.versionSpec, resolvedSHA: row.resolvedSHA, resolvedVersion: row.resolvedVersion,
            added: row.added, lastUpdated: row.lastUpdated, tags: row.tags, importID: row.importID,
            metadata: ArtifactMetadata(
                title: row.title, description: row.description, author: row.author, license: row.license,
                version: row.version, tools: row.tools
            )
        )
    }

    /// Write-through: upserts the rows of `artifacts` (from data already in memory) in one transaction,
    /// and, given the manifest `write` they come from, records its stamp — only if the rows were current
    /// just before that write (see `CollectionCacheStore.upsert`); else the next read rebuilds.
    ///
    /// An existing row keeps its deployments (only deploy and undeploy change them); a new row takes
    /// them from the projects' deployment records, which may still name an artifact that left the
    /// collection and came back (removed without undeploying, then imported again) — as a rebuild would.
    public func upsert(_ artifacts: [CollectionArtifact], lock: CollectionLock, write: ManifestWrite?) async throws(SkillMeatError) {
        let now = Date()
        let recorded = try await hasNewRows(artifacts) ? deploymentsOnDisk(store.name) : [:]
        let rows = artifacts.map {
            row(for: $0, lock: lock.entries[$0.lockKey], syncedAt: now, deploymentsJSON: recorded[$0.id] ?? "[]")
        }
        do {
            try await cache.upsert(rows, state: state(after: write, now), after: write?.before)
        } catch {
            throw SkillMeatError(error)
        }
    }

    /// Whether any of `artifacts` has no cache row yet: only then are the deployment records read.
    func hasNewRows(_ artifacts: [CollectionArtifact]) async throws(SkillMeatError) -> Bool {
        do {
            for artifact in artifacts where try await cache.artifact(collection: store.name, id: artifact.id) == nil {
                return true
            }
            return false
        } catch {
            throw SkillMeatError(error)
        }
    }

    /// Write-through of a removal, recording the `write`'s stamp on `upsert`'s condition.
    public func delete(_ id: ArtifactID, write: ManifestWrite?) async throws(SkillMeatError) {
        do {
            try await cache.delete(collection: store.name, id: id, state: state(after: write, Date()), after: write?.before)
        } catch {
            throw SkillMeatError(error)
        }
    }

    /// Replaces every row of the collection with what the files say; returns the number of rows.
    @discardableResult
    public func rebuild() async throws(SkillMeatError) -> Int {
        // Stamped before reading: a write landing during the read leaves the stamp behind the file, so
        // the next read rebuilds. Stamped after, rows of the old file would pass for the new one.
        guard let stamp = store.manifestStamp() else {
            try store.requireExists()
            throw .notFound("\(store.manifestURL.path) disappeared during a rebuild.")
        }
        let (manifest, lock) = try store.read()
        let now = Date()
        let deployments = deploymentsOnDisk(store.name)
        let rows = manifest.artifacts.map {
            row(for: $0, lock: lock.entries[$0.lockKey], syncedAt: now, deploymentsJSON: deployments[$0.id] ?? "[]")
        }
        do {
            try await cache.replaceCollection(store.name, with: rows, state: CollectionCacheState(collection: store.name, stamp: stamp, syncedAt: now))
        } catch {
            throw SkillMeatError(error)
        }
        return rows.count
    }

    /// The file whose presence says a write-through failed after the files were written, so the rows
    /// cannot be trusted until rebuilt (`cache/stale/<collection>`). A file, not a row: the database is
    /// what failed.
    public var staleMarker: URL {
        Self.staleMarker(home: store.home, collection: store.name)
    }

    static func staleMarker(home: SkillMeatHome, collection: String) -> URL {
        home.cacheDirectory.appending(path: "stale", directoryHint: .isDirectory).appending(path: collection, directoryHint: .notDirectory)
    }

    /// Records that the rows are behind the files; the next `ensureFresh` rebuilds them. Returns
    /// whether the mark could be written.
    @discardableResult
    public func markStale() -> Bool {
        Self.markStale(home: store.home, collection: store.name)
    }

    /// `markStale` for a collection known by name (a deploy finished by another process's journal).
    @discardableResult
    static func markStale(home: SkillMeatHome, collection: String) -> Bool {
        let staleMarker = staleMarker(home: home, collection: collection)
        do {
            try FileManager.default.createDirectory(at: staleMarker.deletingLastPathComponent(), withIntermediateDirectories: true)
            try AtomicFile.write("", to: staleMarker)
            return true
        } catch {
            return false
        }
    }

    /// Rebuilds when the rows were not built from the manifest as it is now (missing, or the file's
    /// modification time or size changed) or a write-through marked them stale. Returns whether it rebuilt.
    @discardableResult
    public func ensureFresh() async throws(SkillMeatError) -> Bool {
        // The stamp doubles as the existence check (no stamp, no manifest), so a fresh cache costs
        // one `stat` and one indexed read (and one `access` for the stale mark).
        guard let stamp = store.manifestStamp() else {
            try store.requireExists()
            return false
        }
        if FileManager.default.fileExists(atPath: staleMarker.path) {
            // Cleared before the rebuild reads the files, so a write-through failing meanwhile marks
            // again; a failed rebuild puts the mark back for the next read.
            try? FileManager.default.removeItem(at: staleMarker)
            do {
                try await rebuild()
            } catch {
                markStale()
                throw error
            }
            return true
        }
        let state: CollectionCacheState?
        do {
            state = try await cache.state(collection: store.name)
        } catch {
            throw SkillMeatError(error)
        }
        if let state, state.stamp == stamp {
            return false
        }
        try await rebuild()
        return true
    }

    func state(after write: ManifestWrite?, _ now: Date) -> CollectionCacheState? {
        write.map { CollectionCacheState(collection: store.name, stamp: $0.after, syncedAt: now) }
    }
}
