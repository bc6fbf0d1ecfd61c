public import Foundation
public import SkillMeatPluginAPI

/// Fetches artifacts at pinned commits into a collection, each checked against the content hash it
/// must have: what `install` (a collection's lock) and `sync` (a project's lock) share. Pins are read
/// one tree per source and commit (one tarball for GitHub), detected once per tree, staged through
/// `ArtifactStager` and moved in through `CollectionInstaller` — import's own path — in one update of
/// the manifest and lock. A pin whose bytes do not hash as expected, or that cannot be read, fails
/// alone and leaves nothing behind.
public struct PinnedInstaller: Sendable {
    public let collection: CollectionService
    public let plugins: PluginCatalog


    /// One artifact to fetch.
    public struct Pin: Sendable {
        /// The manifest entry to write (its name and type say what to look for).
        public var entry: CollectionArtifact
        public var upstream: PinnedUpstream
        /// The content hash the fetched files must have; nil takes what is there (a first lock).
        public var expectedHash: String?
        /// The lock entry to write; its content hash is set from what was fetched.
        public var lock: LockEntry
        /// Restoring what the manifest already lists: its entry and the lock's dates are kept.
        public var restoring: Bool

        public init(entry: CollectionArtifact, upstream: PinnedUpstream, expectedHash: String?, lock: LockEntry, restoring: Bool) {
            self.entry = entry
            self.upstream = upstream
            self.expectedHash = expectedHash
            self.lock = lock
            self.restoring = restoring
        }
    }

    /// What happened to one pin.
    public struct Outcome: Sendable, Hashable {
        public enum Status: String, Sendable, Codable {
            /// In the collection now, with the expected content.
            case installed
            /// Read, but its content hash is not the expected one (same commit, other bytes): refused.
            case mismatch
            /// The source, the commit or the artifact in it could not be read.
            case unfetchable
            /// Staging or installing failed.
            case failed
        }

        public var artifact: ArtifactID
        public var status: Status
        /// The commit the files were read at, when the tree has one.
        public var commit: String?
        /// The content hash of what was read, when it was read.
        public var contentHash: String?
        public var message: String
        /// The upstream address pinned to the commit read (for a lock).
        public var upstream: String?
    }

    /// The content hash `entry` has at `upstream` now (and the commit read), without installing anything;
    /// a nil hash when the source has no such artifact there.
    public func upstreamHash(of entry: CollectionArtifact, at upstream: PinnedUpstream) async throws(SkillMeatError) -> (hash: String?, commit: String?) {
        let tree = try await SourceScan(plugins: plugins).readTree(upstream.reference)
        let detected = await plugins.scanner.scan(tree, manualMap: [upstream.path: entry.type]).artifacts
        let candidates = detected.filter { $0.path == upstream.path && $0.type == entry.type }
        guard let chosen = candidates.first(where: { $0.name == entry.name }) ?? (candidates.count == 1 ? candidates[0] : nil) else { return (nil, tree.commit) }
        return (await ArtifactStager.contentHash(of: chosen, in: tree), tree.commit)
    }

    /// Fetches, checks and installs `pins` (overwriting the collection copies of the same names).
    public func install(_ pins: [Pin], now: Date = Date()) async throws(SkillMeatError) -> [Outcome] {
        guard !pins.isEmpty else { return [] }
        try collection.store.requireExists()
        var outcomes: [ArtifactID: Outcome] = [:]
        var items: [(pin: Pin, item: CollectionInstaller.Item, commit: String?, upstream: String?)] = []
        // Import's scratch prefix: a killed install is swept like a killed import.
        let scratch = try StagingFolder(in: collection.store.stagingDirectory, prefix: "import")
        defer { scratch.release() }
        let scan = SourceScan(plugins: plugins)
        let stager = ArtifactStager { paths, tree, folder in try await scan.fetch(paths, from: tree, into: folder) }
        // One tree (one download) per source and commit.
        let groups = Dictionary(grouping: pins.indices, by: { pins[$0].upstream.reference })
        var offset = 0
        for reference in groups.keys.sorted(by: { $0.description < $1.description }) {
            let group = groups[reference]!.map { pins[$0] }
            let tree: SourceTree
            do {
                tree = try await scan.readTree(reference)
            } catch {
                for pin in group {
                    outcomes[pin.entry.id] = Outcome(
                        artifact: pin.entry.id, status: .unfetchable, commit: reference.ref,
                        message: "\(reference.location)\(reference.ref.map { " at \($0.prefix(12))" } ?? "") could not be read: \(error.description)"
                    )
                }
                continue
            }
            let provider = plugins.sourceProvider(id: tree.providerID)
            let manualMap = Dictionary(group.map { ($0.upstream.path, $0.entry.type) }, uniquingKeysWith: { first, _ in first })
            let detected = await plugins.scanner.scan(tree, manualMap: manualMap).artifacts
            for pin in group {
                let id = pin.entry.id
                WorkProgress.report(.installing, completed: outcomes.count + items.count, total: pins.count, current: id.description)
                let at = "\(reference.location)\(tree.commit.map { " at \($0.prefix(12))" } ?? "")"
                let candidates = detected.filter { $0.path == pin.upstream.path && $0.type == id.type }
                var chosen: DetectedArtifact?
                var seen: [String] = []
                if let expected = pin.expectedHash {
                    for candidate in candidates {
                        let hash = await ArtifactStager.contentHash(of: candidate, in: tree)
                        if hash == expected { chosen = candidate; break }
                        if let hash { seen.append(hash) }
                    }
                } else {
                    chosen = candidates.first { $0.name == id.name } ?? (candidates.count == 1 ? candidates[0] : nil)
                }
                guard let chosen else {
                    if candidates.isEmpty {
                        outcomes[id] = Outcome(artifact: id, status: .unfetchable, commit: tree.commit, message: "\(at) has no \(id.type.rawValue) at '\(pin.upstream.path)'")
                    } else if let expected = pin.expectedHash {
                        outcomes[id] = Outcome(
                            artifact: id, status: .mismatch, commit: tree.commit, contentHash: seen.first,
                            message: "its files in \(at) hash to \(seen.first.map { String($0.prefix(12)) } ?? "nothing readable"), not to the locked \(expected.prefix(12)): the upstream changed under the same commit, so nothing was written"
                        )
                    } else {
                        outcomes[id] = Outcome(artifact: id, status: .unfetchable, commit: tree.commit, message: "\(at) has several \(id.type.rawValue)s at '\(pin.upstream.path)' and none is called '\(id.name)'")
                    }
                    continue
                }
                do {
                    let folder = scratch.url.appending(path: String(offset), directoryHint: .isDirectory)
                    offset += 1
                    let staged = try await stager.stage(chosen, of: tree, as: id.name, in: folder)
                    if let expected = pin.expectedHash, staged.contentHash != expected {
                        outcomes[id] = Outcome(
                            artifact: id, status: .mismatch, commit: tree.commit, contentHash: staged.contentHash,
                            message: "the files fetched from \(at) hash to \(staged.contentHash.prefix(12)), not to the locked \(expected.prefix(12)): the upstream changed under the same commit, so nothing was written"
                        )
                        continue
                    }
                    var lock = pin.lock
                    lock.contentHash = staged.contentHash
                    let upstream = CatalogIdentity.upstream(of: pin.upstream.path, in: tree, provider: provider)
                    var entry = pin.entry
                    if !pin.restoring {
                        // A new pin records where it was read, as import does: pinned upstream, commit, metadata.
                        entry.upstream = upstream
                        entry.resolvedSHA = tree.commit
                        entry.originSource = provider?.originLabel
                        if entry.metadata == ArtifactMetadata() { entry.metadata = staged.metadata }
                        lock.upstream = upstream
                        lock.resolvedSHA = tree.commit
                    }
                    items.append((pin, CollectionInstaller.Item(staged: staged, entry: entry, lock: lock, restoring: pin.restoring), tree.commit, upstream))
                } catch {
                    outcomes[id] = Outcome(artifact: id, status: .failed, commit: tree.commit, message: error.description)
                }
            }
        }
        if !items.isEmpty {
            let overwrite = try plugins.conflictStrategy(.overwrite)
            let results = try await CollectionInstaller(service: collection).installAll(items.map(\.item), strategy: overwrite, now: now)
            for (staged, result) in zip(items, results) {
                let id = staged.pin.entry.id
                let installed = result.status != "failed" && result.status != "skipped"
                outcomes[id] = Outcome(
                    artifact: id, status: installed ? .installed : .failed, commit: staged.commit,
                    contentHash: installed ? result.contentHash : nil, message: installed ? "fetched and checked" : result.message, upstream: staged.upstream
                )
            }
        }
        return pins.compactMap { outcomes[$0.entry.id] }
    }
}
