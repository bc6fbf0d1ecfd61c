public import Foundation
public import SkillMeatPluginAPI
import SkillMeatStore

/// `install`: rebuilds a collection's files from `collection.toml` and `collection.lock` alone. Every
/// artifact whose files are missing and that has an upstream is fetched at its locked commit
/// (`PinnedInstaller`: one tree per source and commit) and checked against its locked content hash;
/// what does not match or cannot be fetched is reported by name and nothing of it is written.
/// Artifacts whose files are there are left alone (edited ones are reported).
public struct CollectionRestore: Sendable {
    public let collection: CollectionService
    public let plugins: PluginCatalog


    /// What happened to one artifact.
    public enum Status: String, Sendable, Codable, CaseIterable {
        /// Its files are there with the locked content.
        case present
        /// Fetched at its locked commit and checked.
        case restored
        /// Would be fetched (dry run).
        case wouldRestore = "would_restore"
        /// Its files are there but differ from the lock (edited); left alone.
        case modified
        /// Not in the lock: its hash was added to it (from the files, or from what was fetched).
        case locked
        /// Fetched content does not match the locked hash (tampered upstream); refused.
        case mismatch
        /// No upstream, or the source, commit or artifact cannot be read.
        case unfetchable
        /// Not in the lock, and the lock may not change (frozen).
        case unlocked
        /// Something else failed.
        case failed

        /// Whether the collection is not what its lock says after this.
        public var isFailure: Bool { [.mismatch, .unfetchable, .unlocked, .failed].contains(self) }
    }

    public struct Item: Sendable, Hashable, Codable {
        public var artifact: String
        public var status: Status
        public var upstream: String?
        public var commit: String?
        public var lockedHash: String?
        public var contentHash: String?
        public var message: String

        enum CodingKeys: String, CodingKey {
            case artifact, status, upstream, commit, message
            case lockedHash = "locked_hash"
            case contentHash = "content_hash"
        }
    }

    public struct Report: Sendable, Hashable, Codable {
        public var collection: String
        public var items: [Item]
        public var dryRun: Bool
        public var frozen: Bool
        /// Whether `collection.lock` was (or, on a dry run, would be) changed.
        public var lockChanged: Bool

        public var failures: [Item] { items.filter(\.status.isFailure) }

        enum CodingKeys: String, CodingKey {
            case collection, items, frozen
            case dryRun = "dry_run"
            case lockChanged = "lock_changed"
        }
    }

    /// Restores what is missing. `frozen` refuses any change of the lock (an artifact it lacks is a
    /// failure); `dryRun` reads nothing remote and writes nothing.
    public func run(frozen: Bool, dryRun: Bool, now: Date = Date()) async throws(SkillMeatError) -> Report {
        let store = collection.store
        let (manifest, lock) = try store.read()
        let lockWasMissing = !store.lockExists
        var items: [ArtifactID: Item] = [:]
        var pins: [PinnedInstaller.Pin] = []
        var lockFromFiles: [CollectionArtifact] = []
        for artifact in manifest.artifacts {
            let locked = lock.entries[artifact.lockKey].flatMap { $0.contentHash.isEmpty ? nil : $0 }
            let upstream = locked?.upstream ?? artifact.upstream
            let commit = locked?.resolvedSHA ?? artifact.resolvedSHA
            var item = Item(artifact: artifact.id.description, status: .present, upstream: upstream, commit: commit, lockedHash: locked?.contentHash, message: "")
            let location = try store.location(of: artifact)
            if FileManager.default.fileExists(atPath: location.path) {
                let current = try? ContentHash.ofItem(at: location)
                item.contentHash = current
                if let locked {
                    item.status = current == locked.contentHash ? .present : .modified
                    item.message = item.status == .present ? "its files match the lock" : "its files differ from the lock and were left alone"
                } else if frozen {
                    item.status = .unlocked
                    item.message = "the lock has no entry for it, and a frozen install does not add one"
                } else {
                    item.status = .locked
                    item.message = "the lock had no entry for it; its current content was recorded"
                    lockFromFiles.append(artifact)
                }
                items[artifact.id] = item
                continue
            }
            guard let upstream, let pinned = CatalogIdentity.pinnedUpstream(upstream, commit: commit, plugins: plugins) else {
                item.status = .unfetchable
                item.message = upstream == nil
                    ? "its files are missing and it has no upstream to fetch them from (origin \(artifact.origin))"
                    : "its files are missing and no enabled source provider reads its upstream \(upstream)"
                items[artifact.id] = item
                continue
            }
            if locked == nil, frozen {
                item.status = .unlocked
                item.message = "its files are missing and the lock has no hash to check them against; a frozen install does not add one"
                items[artifact.id] = item
                continue
            }
            item.commit = pinned.reference.ref ?? commit
            if dryRun {
                item.status = .wouldRestore
                item.message = "would be fetched from \(pinned.reference.location)\(pinned.reference.ref.map { " at \($0.prefix(12))" } ?? "")"
                items[artifact.id] = item
                continue
            }
            items[artifact.id] = item
            let lockEntry = locked ?? LockEntry(contentHash: "", upstream: upstream, resolvedSHA: commit, resolvedVersion: artifact.resolvedVersion)
            pins.append(PinnedInstaller.Pin(entry: artifact, upstream: pinned, expectedHash: locked?.contentHash, lock: lockEntry, restoring: true))
        }
        if !dryRun, !lockFromFiles.isEmpty {
            let ids = Set(lockFromFiles.map(\.id))
            do {
                let ((written, lockAfter), write) = try store.updateRecording { manifest, lock in
                    var written: [CollectionArtifact] = []
                    for artifact in manifest.artifacts where ids.contains(artifact.id) && lock.entries[artifact.lockKey] == nil {
                        let hash = try ContentHash.ofItem(at: try store.location(of: artifact))
                        lock.entries[artifact.lockKey] = LockEntry(
                            contentHash: hash, fetched: Timestamp.string(now), upstream: artifact.upstream,
                            resolvedSHA: artifact.resolvedSHA, resolvedVersion: artifact.resolvedVersion
                        )
                        written.append(artifact)
                    }
                    return (written, lock)
                }
                try await collection.cache.upsert(written, lock: lockAfter, write: write)
            } catch {
                throw (error as? SkillMeatError) ?? .io(store.lockURL, error)
            }
        }
        for outcome in try await PinnedInstaller(collection: collection, plugins: plugins).install(pins, now: now) {
            guard var item = items[outcome.artifact] else { continue }
            item.commit = outcome.commit ?? item.commit
            item.contentHash = outcome.contentHash
            item.message = outcome.message
            switch outcome.status {
            case .installed:
                item.status = item.lockedHash == nil ? .locked : .restored
            case .mismatch: item.status = .mismatch
            case .unfetchable: item.status = .unfetchable
            case .failed: item.status = .failed
            }
            items[outcome.artifact] = item
        }
        let ordered = manifest.artifacts.compactMap { items[$0.id] }
        return Report(
            collection: store.name, items: ordered, dryRun: dryRun, frozen: frozen,
            lockChanged: ordered.contains { $0.status == .locked } || lockWasMissing
        )
    }
}
