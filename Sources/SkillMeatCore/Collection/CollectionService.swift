public import Foundation
public import SkillMeatPluginAPI
public import SkillMeatStore

/// The use cases on one collection that do not fetch anything: list, show, remove, refresh and
/// rebuild of the cache. Reads go to the cache (rebuilt first when stale); writes go to the files
/// and through to the cache in the same operation.
public struct CollectionService: Sendable {
    public let store: CollectionStore
    public let cache: CollectionCache
    /// The catalogs whose entries point at this collection's artifacts, reset when one is removed.
    public let catalog: (any CatalogStore)?
    /// Whether opening the collection found `collection.lock` missing and wrote it from the files on
    /// disk (their current content became what counts as unmodified); a front end says so.
    public internal(set) var restoredLock = false

    public init(home: SkillMeatHome, collection: String, cacheStore: any CollectionCacheStore, catalog: (any CatalogStore)? = nil) {
        let store = CollectionStore(home: home, name: collection)
        self.store = store
        // A rebuild reads deployments back from the records of every known project (DESIGN §3).
        self.cache = CollectionCache(store: store, cache: cacheStore) { DeploymentIndex(home: home).deploymentsJSON(collection: $0) }
        self.catalog = catalog
    }

    /// The collection `collection` of `home` over the stores of `stores`.
    public init(home: SkillMeatHome, collection: String, stores: any StoreBackend) {
        self.init(home: home, collection: collection, cacheStore: stores.collectionCache, catalog: stores.catalog)
    }

    /// `add` into this collection, reading sources through `plugins`.
    public func adding(with plugins: PluginCatalog) -> AddArtifact { AddArtifact(service: self, plugins: plugins) }
    /// `discover`: what a project holds, matched against this collection by `plugins`' detectors.
    public func discovery(with plugins: PluginCatalog) -> ProjectDiscovery { ProjectDiscovery(collection: self, plugins: plugins) }
    /// `install`: this collection's files rebuilt from its manifest and lock through `plugins`.
    public func restore(with plugins: PluginCatalog) -> CollectionRestore { CollectionRestore(collection: self, plugins: plugins) }

    /// How catalog entries name the collection artifact they were imported as.
    public static func importedAs(collection: String, id: ArtifactID) -> String {
        "\(collection)/\(id)"
    }

    /// Artifacts matching the filters, ordered by type and name.
    public func list(type: ArtifactType? = nil, tag: String? = nil, search: String? = nil, after: String? = nil, limit: Int? = nil) async throws(SkillMeatError) -> [ArtifactSummary] {
        await summaries(try await artifactPage(type: type, tag: tag, search: search, after: after, limit: limit).items)
    }

    /// A row as the front ends print it, with whether its files are on disk (an `lstat` per name of
    /// its path under `folder`, the collection folder resolved once for all rows).
    func summary(_ row: CachedArtifact, links: [String: ArtifactSourceLink], folder: ContainedRoot) -> ArtifactSummary {
        ArtifactSummary(row, links: links, missing: !store.filesExist(atPath: row.path, in: folder))
    }

    /// `<collection>/<type>:<name>` → the catalog entry (the first by id) linked to that artifact of
    /// this collection: of the artifacts `ids` only (a page asks for its own rows, so it costs the same in
    /// a collection of any size), or of all of them; empty without a catalog (or when it cannot be read:
    /// a list still answers, without links).
    public func sourceLinks(for ids: [ArtifactID]? = nil) async -> [String: ArtifactSourceLink] {
        guard let catalog else { return [:] }
        let entries: [CatalogEntryRecord]?
        if let ids {
            entries = try? await catalog.entries(importedAs: ids.map { Self.importedAs(collection: store.name, id: $0) })
        } else {
            entries = try? await catalog.entries(importedInto: store.name)
        }
        var links: [String: ArtifactSourceLink] = [:]
        for entry in (entries ?? []).sorted(by: { $0.id < $1.id }) {
            guard let importedAs = entry.importedAs, links[importedAs] == nil else { continue }
            links[importedAs] = ArtifactSourceLink(sourceID: entry.sourceID, entryID: entry.id)
        }
        return links
    }

    /// The rows as the front ends print them, with the links of those rows only.
    func summaries(_ rows: [CachedArtifact]) async -> [ArtifactSummary] {
        let links = await sourceLinks(for: rows.map { ArtifactID(type: $0.type, name: $0.name) })
        let folder = ContainedRoot(store.directory)
        return rows.map { summary($0, links: links, folder: folder) }
    }

    /// One page of cache rows, read by the store with its own cursor (after the cache is made fresh).
    func artifactPage(type: ArtifactType?, tag: String?, search: String?, after: String?, limit: Int?) async throws(SkillMeatError) -> StorePage<CachedArtifact> {
        try await cache.ensureFresh()
        do {
            return try await cache.cache.artifacts(CachedArtifactQuery(
                collection: store.name, type: type, tag: tag, search: search, after: after, limit: limit
            ))
        } catch {
            throw SkillMeatError(error)
        }
    }

    /// Hands each matching artifact to `body` in order without collecting them (for large outputs).
    public func visit(
        type: ArtifactType? = nil, tag: String? = nil, search: String? = nil, after: String? = nil, limit: Int? = nil,
        _ body: (ArtifactSummary) throws -> Void
    ) async throws {
        try await cache.ensureFresh()
        let links = await sourceLinks()
        // A visit usually goes through the whole collection: read its folders once.
        let folder = ContainedRoot(store.directory, readsFolders: true)
        try await cache.cache.visitArtifacts(CachedArtifactQuery(
            collection: store.name, type: type, tag: tag, search: search, after: after, limit: limit
        )) { try body(summary($0, links: links, folder: folder)) }
    }

    /// The one artifact called `name` (of `type`, when several types share the name), looked up in the
    /// cache's index so an operation on one artifact does not parse the whole manifest and lock.
    /// `name` may also be the `type:name` id the front ends print (`skill:pdf`), when no artifact is called
    /// that whole text (a command may be named `plugin:command`).
    public func find(_ name: String, type: ArtifactType?) async throws(SkillMeatError) -> CollectionArtifact {
        try await cache.ensureFresh()
        var rows: [CachedArtifact]
        var name = name
        var type = type
        do {
            rows = try await cache.cache.artifacts(collection: store.name, named: name)
            if rows.isEmpty, let id = ArtifactID(parsing: name), type == nil || type == id.type {
                name = id.name
                type = id.type
                rows = try await cache.cache.artifacts(collection: store.name, named: name)
            }
        } catch {
            throw SkillMeatError(error)
        }
        let matches = rows.map(cache.artifact(from:)).filter { type == nil || $0.type == type }
        switch matches.count {
        case 1: return matches[0]
        case 0:
            throw .notFound(
                "The collection '\(store.name)' has no \(type.map { "\($0.rawValue) " } ?? "artifact ")'\(name)'.",
                hint: .listArtifacts(collection: store.name)
            )
        default:
            throw .invalidArgument(
                "'\(name)' names \(matches.count) artifacts (\(matches.map(\.type.rawValue).joined(separator: ", "))); say which type.",
                hint: .chooseType(matches.map(\.type))
            )
        }
    }

    /// One artifact with its cache row and its files.
    public func show(_ name: String, type: ArtifactType?) async throws(SkillMeatError) -> ArtifactDetail {
        let artifact = try await find(name, type: type)
        try await cache.ensureFresh()
        let row: CachedArtifact?
        do {
            row = try await cache.cache.artifact(collection: store.name, id: artifact.id)
        } catch {
            throw SkillMeatError(error)
        }
        guard let row else { throw .database("the cache has no row for \(artifact.id) after a rebuild") }
        let location = try store.location(of: artifact)
        var files: [String] = []
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: location.path, isDirectory: &isDirectory)
        if exists, isDirectory.boolValue {
            files = ((try? ContentHash.regularFiles(under: location)) ?? []).map(\.path.string)
        } else if exists {
            files = [location.lastPathComponent]
        }
        let currentHash = exists ? try? ContentHash.ofItem(at: location) : nil
        return ArtifactDetail(
            artifact: ArtifactSummary(row, links: await sourceLinks(for: [artifact.id]), missing: !exists),
            location: location.path,
            files: files,
            missing: !exists,
            modified: exists && row.contentHash != nil && currentHash != row.contentHash
        )
    }

    /// Removes an artifact: a snapshot first, then its files, manifest and lock entries, and its cache
    /// row. Files outside the collection folder (an absolute path in an old manifest) are left alone.
    @discardableResult
    public func remove(_ name: String, type: ArtifactType?, now: Date = Date()) async throws(SkillMeatError) -> RemovalReport {
        let artifact = try await find(name, type: type)
        let snapshot = try await SnapshotStore(store: store).create(message: "before removing \(artifact.id)", automatic: true, now: now)
        let location = try store.location(of: artifact)
        let owned = store.owns(location) && FileManager.default.fileExists(atPath: location.path)
        // Move the files aside first (a rename), so a failure to update the manifest can put them back.
        let trash = store.stagingDirectory.appending(path: "removed-\(UUID().uuidString)", directoryHint: .isDirectory)
        if owned {
            do {
                try FileManager.default.createDirectory(at: trash, withIntermediateDirectories: true)
                try FileManager.default.moveItem(at: location, to: trash.appending(path: location.lastPathComponent))
            } catch {
                throw SkillMeatError.io(location, error)
            }
        }
        let write: ManifestWrite?
        do {
            write = try store.updateRecording { manifest, lock in
                manifest.artifacts.removeAll { $0.id == artifact.id }
                lock.entries[artifact.lockKey] = nil
            }.write
        } catch {
            if owned { try? FileManager.default.moveItem(at: trash.appending(path: location.lastPathComponent), to: location) }
            try? FileManager.default.removeItem(at: trash)
            throw (error as? SkillMeatError) ?? SkillMeatError.io(store.manifestURL, error)
        }
        try? FileManager.default.removeItem(at: trash)
        try await cache.delete(artifact.id, write: write)
        var catalogEntriesReset = 0
        if let catalog {
            // Its catalog entries go back to `new` through the lifecycle, so it can be imported again.
            catalogEntriesReset = try await SkillMeatError.store {
                try await catalog.record(.removedFromCollection, on: try await catalog.entries(importedAs: Self.importedAs(collection: store.name, id: artifact.id))).count
            }
        }
        return RemovalReport(artifact: artifact.id.description, snapshot: snapshot.id, filesRemoved: owned, catalogEntriesReset: catalogEntriesReset)
    }

    /// Re-reads each artifact's files (or only `name`'s): metadata from its frontmatter and its content
    /// hash, into the manifest, the lock and the cache rows. Deployments are not touched.
    @discardableResult
    public func refresh(_ name: String? = nil, type: ArtifactType? = nil, now: Date = Date()) async throws(SkillMeatError) -> [String] {
        var targets: Set<ArtifactID>?
        if let name { targets = [try await find(name, type: type).id] }
        let store = self.store
        let (refreshed, lock): ([CollectionArtifact], CollectionLock)
        let write: ManifestWrite?
        do {
            ((refreshed, lock), write) = try store.updateRecording { [targets] manifest, lock in
                var refreshed: [CollectionArtifact] = []
                for index in manifest.artifacts.indices where targets?.contains(manifest.artifacts[index].id) ?? true {
                    var artifact = manifest.artifacts[index]
                    let location = try store.location(of: artifact)
                    guard FileManager.default.fileExists(atPath: location.path) else { continue }
                    let inspected = ArtifactInspector.metadata(type: artifact.type, at: location)
                    artifact.metadata = ArtifactInspector.merge(artifact.metadata, with: inspected)
                    let hash = try ContentHash.ofItem(at: location)
                    var entry = lock.entries[artifact.lockKey] ?? LockEntry(contentHash: hash, fetched: Timestamp.string(now))
                    if entry.contentHash != hash {
                        entry.contentHash = hash
                        artifact.lastUpdated = Timestamp.string(now)
                    }
                    lock.entries[artifact.lockKey] = entry
                    manifest.artifacts[index] = artifact
                    refreshed.append(artifact)
                }
                return (refreshed, lock)
            }
        } catch {
            throw (error as? SkillMeatError) ?? SkillMeatError.io(store.manifestURL, error)
        }
        try await cache.upsert(refreshed, lock: lock, write: write)
        return refreshed.map(\.id.description)
    }
}

/// `show`'s answer: the artifact, where it is and what is in it.
public struct ArtifactDetail: Sendable, Hashable, Codable {
    public var artifact: ArtifactSummary
    public var location: String
    public var files: [String]
    /// The files are gone from the collection folder.
    public var missing: Bool
    /// The files no longer match the hash in the lock.
    public var modified: Bool
}

/// `remove`'s answer.
public struct RemovalReport: Sendable, Hashable, Codable {
    public var artifact: String
    public var snapshot: String
    public var filesRemoved: Bool
    /// Catalog entries set back to `new`, so the artifact can be imported again.
    public var catalogEntriesReset: Int

    enum CodingKeys: String, CodingKey {
        case artifact, snapshot
        case filesRemoved = "files_removed"
        case catalogEntriesReset = "catalog_entries_reset"
    }
}
