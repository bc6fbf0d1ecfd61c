public import Foundation
import SkillMeatPluginAPI
public import SkillMeatStore

/// One collection on disk: `collection.toml`, `collection.lock` and the artifact folders. Reads are
/// plain; every change runs read–modify–write under the collection's file lock and writes atomically,
/// so two processes changing the same collection both land.
public struct CollectionStore: Sendable {
    public let home: SkillMeatHome
    public let name: String

    public init(home: SkillMeatHome, name: String) {
        self.home = home
        self.name = name
    }

    public var directory: URL { home.collectionDirectory(name) }
    public var manifestURL: URL { directory.appending(path: "collection.toml", directoryHint: .notDirectory) }
    public var lockURL: URL { directory.appending(path: "collection.lock", directoryHint: .notDirectory) }
    /// Where artifacts are assembled before they are moved into place (same file system, so the move
    /// is a rename).
    public var stagingDirectory: URL { directory.appending(path: ".staging", directoryHint: .isDirectory) }

    /// Whether the collection exists.
    public var exists: Bool { FileManager.default.fileExists(atPath: manifestURL.path) }

    /// Fails with a helpful message when the collection does not exist.
    public func requireExists() throws(SkillMeatError) {
        guard exists else {
            if !home.isInitialized { throw .notInitialized(home: home.root.path) }
            let known = (try? CollectionStore.names(in: home)) ?? []
            throw .notFound(
                "There is no collection '\(name)' in \(home.root.path)"
                    + (known.isEmpty ? "." : "; collections: \(known.joined(separator: ", "))."),
                hint: .createCollection(name)
            )
        }
    }

    /// The manifest and lock as they are on disk; a missing lock reads as the files make it
    /// (`lockFromFiles`) and is written by the next change or `restoreMissingLock`.
    public func read() throws(SkillMeatError) -> (manifest: CollectionManifest, lock: CollectionLock) {
        try requireExists()
        let manifest = try readManifest()
        return (manifest, try readLock(for: manifest))
    }

    func readManifest() throws(SkillMeatError) -> CollectionManifest {
        try CollectionManifest.parse(try TOMLCodec.readText(manifestURL), file: manifestURL.path)
    }

    /// Whether `collection.lock` exists.
    var lockExists: Bool { FileManager.default.fileExists(atPath: lockURL.path) }

    /// The lock on disk; when the file is missing, the lock the files on disk make (`lockFromFiles`).
    func readLock(for manifest: CollectionManifest) throws(SkillMeatError) -> CollectionLock {
        guard lockExists else { return lockFromFiles(manifest) }
        return try CollectionLock.parse(try TOMLCodec.readText(lockURL), file: lockURL.path)
    }

    /// A lock for `manifest` made from what is on disk: each artifact's current content hash, with the
    /// upstream and resolved ref its manifest entry records. Read as a lost lock, an empty one would
    /// make every artifact look edited since it was imported; this one takes the files as they are.
    func lockFromFiles(_ manifest: CollectionManifest, now: Date = Date()) -> CollectionLock {
        var lock = CollectionLock()
        for artifact in manifest.artifacts {
            guard let location = try? location(of: artifact), let hash = try? ContentHash.ofItem(at: location) else { continue }
            lock.entries[artifact.lockKey] = LockEntry(
                contentHash: hash, fetched: Timestamp.string(now), upstream: artifact.upstream,
                resolvedSHA: artifact.resolvedSHA, resolvedVersion: artifact.resolvedVersion
            )
        }
        return lock
    }

    /// Writes `collection.lock` from the files on disk when it is missing (deleted, or lost with a
    /// copied collection); returns whether it did, so the caller can say so.
    @discardableResult
    public func restoreMissingLock() throws(SkillMeatError) -> Bool {
        guard exists, !lockExists else { return false }
        do {
            // `update` writes the lock because the file was missing, even for an empty collection.
            return try update { _, _ in true }
        } catch {
            throw SkillMeatError.io(lockURL, error)
        }
    }

    /// Runs `body` on the current manifest and lock while holding the collection's lock, then writes
    /// whichever changed (lock first: a manifest entry without a lock entry is healed by a rebuild, the
    /// reverse would list a hash for nothing). A missing lock is written in any case. If `body` throws,
    /// nothing is written. `settle` runs under
    /// the lock last, told whether the writes went through, for a body that moved files and must keep or
    /// undo them before another process may look.
    ///
    /// Taking the lock first sweeps what a killed process left in the collection (`sweep`).
    public func update<T>(
        _ body: (inout CollectionManifest, inout CollectionLock) throws -> T, settle: ((_ committed: Bool) -> Void)? = nil
    ) throws -> T {
        try updateRecording(body, settle: settle).result
    }

    /// `update`, also returning the manifest's stamps just before and after its write (nil when it was
    /// not written), both taken under the lock: what the cache's write-through records.
    public func updateRecording<T>(
        _ body: (inout CollectionManifest, inout CollectionLock) throws -> T, settle: ((_ committed: Bool) -> Void)? = nil
    ) throws -> (result: T, write: ManifestWrite?) {
        try requireExists()
        return try fileLock.withLock {
            sweep()
            do {
                let before = manifestStamp()
                var write: ManifestWrite?
                var manifest = try readManifest()
                let lockExisted = lockExists
                var lock = try readLock(for: manifest)
                let originalManifest = manifest
                let originalLock = lock
                let result = try body(&manifest, &lock)
                if lock != originalLock || !lockExisted { try AtomicFile.write(lock.serialized(), to: lockURL) }
                if manifest != originalManifest {
                    manifest.header["updated"] = .string(Timestamp.string(Date()))
                    try AtomicFile.write(manifest.serialized(), to: manifestURL)
                    if let before, let after = manifestStamp() { write = ManifestWrite(before: before, after: after) }
                }
                settle?(true)
                return (result, write)
            } catch {
                settle?(false)
                throw error
            }
        }
    }

    /// The lock every change of the collection holds.
    var fileLock: FileLock { FileLock(home: home, name: "collection-\(name)") }

    /// Takes the collection's lock just to `sweep`, when `.staging` holds anything but catalog-mark
    /// journals (the import that replays those comes next): for a command that may find nothing to change
    /// and so never takes the lock otherwise.
    public func sweepAbandoned() throws(SkillMeatError) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: stagingDirectory.path)) ?? []
        guard names.contains(where: { !$0.hasPrefix(CatalogMarkJournal.prefix) }) else { return }
        do {
            try fileLock.withLock { sweep() }
        } catch {
            throw (error as? SkillMeatError) ?? .io(directory, error)
        }
    }

    /// What a process killed while changing this collection left: installs it was moving into place
    /// (finished or undone by their `InstallJournal`), then the scratch folders of dead processes
    /// (`StagingFolder.sweep`). Runs with the collection's lock held, so no live install is in between.
    func sweep() {
        InstallJournal.recover(in: self)
        StagingFolder.sweep(stagingDirectory)
    }

    /// Creates the collection's folders, manifest and lock; existing ones are kept.
    @discardableResult
    public func create(now: Date = Date()) throws(SkillMeatError) -> [String] {
        try CollectionName.validate(name)
        var created = CreatedPaths()
        for folder in [directory] + ArtifactType.allCases.map({ directory.appending(path: $0.collectionFolder, directoryHint: .isDirectory) }) {
            try created.folder(folder)
        }
        try created.file(manifestURL, CollectionManifest.empty(name: name, now: now).serialized())
        try created.file(lockURL, CollectionLock().serialized())
        return created.paths
    }

    /// The location of an artifact's files. Relative paths resolve inside the collection and are
    /// refused if they would leave it; absolute paths (older collections) are taken as written.
    public func location(of artifact: CollectionArtifact) throws(SkillMeatError) -> URL {
        if artifact.path.hasPrefix("/") { return URL(fileURLWithPath: artifact.path) }
        do {
            return try PathSafety.resolveContained(try RelativePath(validating: artifact.path), in: directory)
        } catch {
            throw .invalidArgument("The path of '\(artifact.id)' in \(manifestURL.path) is unsafe: \(error.description)")
        }
    }

    /// Whether an artifact's files are at `path` (its manifest path: relative to the collection, or
    /// absolute as older manifests hold); false for a path that would leave the collection.
    public func filesExist(atPath path: String) -> Bool {
        filesExist(atPath: path, in: ContainedRoot(directory))
    }

    /// `filesExist(atPath:)` with the collection folder already resolved (`ContainedRoot(directory)`),
    /// for asking of many artifacts.
    func filesExist(atPath path: String, in folder: ContainedRoot) -> Bool {
        if path.hasPrefix("/") { return FileManager.default.fileExists(atPath: path) }
        guard let relative = try? RelativePath(validating: path) else { return false }
        return folder.exists(relative)
    }

    /// Whether `url` lies inside this collection's folder, so SkillMeat may delete or replace it.
    public func owns(_ url: URL) -> Bool {
        PathSafety.isContained(url, in: directory) && url.standardizedFileURL.path != directory.standardizedFileURL.path
    }

    /// The names of the collections in `home`, sorted.
    public static func names(in home: SkillMeatHome) throws -> [String] {
        guard FileManager.default.fileExists(atPath: home.collectionsDirectory.path) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: home.collectionsDirectory.path)
            .filter { FileManager.default.fileExists(atPath: home.collectionDirectory($0).appending(path: "collection.toml").path) }
            .sorted()
    }

    /// The manifest's stamp, which tells the cache whether it is stale; nil when it does not exist.
    public func manifestStamp() -> ManifestStamp? {
        ManifestStamp(fileAt: manifestURL)
    }
}

/// One write of a collection's manifest: its stamp just before and just after, taken under the lock.
public struct ManifestWrite: Sendable, Hashable {
    public var before: ManifestStamp
    public var after: ManifestStamp
}
