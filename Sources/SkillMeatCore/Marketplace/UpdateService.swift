public import Foundation
public import SkillMeatPluginAPI
public import SkillMeatStore

/// `skillmeat update`: compares each artifact's upstream content (by content hash, never by version
/// string) with what was imported, and re-fetches what changed, refusing to overwrite local edits to
/// the collection copy unless told to.
public struct UpdateService: Sendable {
    public let imports: ImportService


    /// One artifact's state and what was done.
    public struct Item: Sendable, Hashable, Codable {
        public var artifact: String
        /// `up_to_date`, `update_available`, `updated`, `modified_locally`, `no_upstream`, `failed` or
        /// `not_started` (interrupted before it was reached).
        public var status: String
        public var upstreamHash: String?
        public var lockedHash: String?
        public var localHash: String?
        public var message: String

        enum CodingKeys: String, CodingKey {
            case artifact, status, message
            case upstreamHash = "upstream_hash"
            case lockedHash = "locked_hash"
            case localHash = "local_hash"
        }
    }

    public struct Report: Sendable, Hashable, Codable {
        public var items: [Item]
        /// The snapshot taken before anything was replaced, if anything was.
        public var snapshot: String?
    }

    /// Checks (and unless `check` or `dryRun`, applies) updates for `names`, or every artifact.
    /// An interruption stops it between artifacts; those not reached are reported `not_started`.
    public func run(names: [String], check: Bool, dryRun: Bool, overwriteLocal: Bool, now: Date = Date()) async throws(SkillMeatError) -> Report {
        let collection = imports.collection
        var targets: [CollectionArtifact]?
        if !names.isEmpty {
            var found: [CollectionArtifact] = []
            for name in names { found.append(try await collection.find(name, type: nil)) }
            targets = found
        }
        return try await run(
            targets, check: check, dryRun: dryRun, overwriteLocal: overwriteLocal, reads: SourceReads(marketplace: imports.marketplace, now: now, dryRun: dryRun), now: now
        )
    }

    /// `run` over `targets` (every artifact when nil), reading sources through `reads` (so a caller
    /// that read them already does not read them again) and, when `snapshot` names one the caller
    /// took, without taking another.
    func run(
        _ targets: [CollectionArtifact]?, check: Bool, dryRun: Bool, overwriteLocal: Bool, reads: SourceReads, snapshot: String? = nil, now: Date
    ) async throws(SkillMeatError) -> Report {
        try await Interruption.observing { () async throws(SkillMeatError) -> Report in
            try await runObserved(targets, check: check, dryRun: dryRun, overwriteLocal: overwriteLocal, reads: reads, snapshot: snapshot, now: now)
        }
    }

    private func runObserved(
        _ chosen: [CollectionArtifact]?, check: Bool, dryRun: Bool, overwriteLocal: Bool, reads: SourceReads, snapshot taken: String?, now: Date
    ) async throws(SkillMeatError) -> Report {
        let collection = imports.collection
        let (manifest, lock) = try collection.store.read()
        let targets = chosen ?? manifest.artifacts
        var items: [Item] = []
        var snapshot: String?
        for (offset, artifact) in targets.enumerated() {
            WorkProgress.report(.updating, completed: offset, total: targets.count, current: artifact.id.description)
            let locked = lock.entries[artifact.lockKey]?.contentHash
            if Interruption.shouldStop(at: "update.artifact") {
                items.append(Item(
                    artifact: artifact.id.description, status: "not_started", upstreamHash: nil, lockedHash: locked, localHash: nil,
                    message: "not checked: the update was interrupted"
                ))
                continue
            }
            let local = (try? collection.store.location(of: artifact)).flatMap { try? ContentHash.ofItem(at: $0) }
            let linked = try await linkedEntry(for: artifact)
            guard let linked else {
                // No catalog entry (a collection installed from its lock in a new home): follow the
                // recorded upstream at its ref, when a source plugin can read it.
                if let followed = await follow(manifest.artifact(artifact.id) ?? artifact, locked: locked, local: local, check: check, dryRun: dryRun, overwriteLocal: overwriteLocal, snapshot: &snapshot, taken: taken, now: now) {
                    items.append(followed)
                    continue
                }
                items.append(Item(
                    artifact: artifact.id.description, status: "no_upstream", upstreamHash: nil, lockedHash: locked, localHash: local,
                    message: "it was not imported from a marketplace source, so there is no upstream to follow"
                ))
                continue
            }
            do {
                // The source is rescanned once per run, so the entry describes upstream as it is now.
                let (entry, tree) = try await reads.current(linked.id, of: linked.sourceID)
                let upstream = try await stagedHash(entry, tree: tree, name: artifact.name)
                let changed = upstream != locked
                let modified = local != locked
                var item = Item(artifact: artifact.id.description, status: "up_to_date", upstreamHash: upstream, lockedHash: locked, localHash: local, message: "matches upstream")
                if entry.status == .removed {
                    item.status = "no_upstream"
                    item.message = "it is no longer in its source"
                } else if changed {
                    if modified && !overwriteLocal {
                        item.status = "modified_locally"
                        item.message = "upstream changed, but the collection copy was edited; overwriting replaces the edits"
                    } else if check || dryRun {
                        item.status = "update_available"
                        item.message = modified ? "upstream changed; the local edits would be replaced" : "upstream changed"
                    } else {
                        if snapshot == nil, let taken {
                            snapshot = taken
                        } else if snapshot == nil {
                            snapshot = try await SnapshotStore(store: collection.store).create(message: "before update", automatic: true, now: now).id
                        }
                        let result = try await imports.reimport(entry.id, keepDeployments: true, now: now, tree: tree)
                        item.status = result.success ? "updated" : "failed"
                        item.message = result.message
                    }
                }
                items.append(item)
            } catch {
                items.append(Item(artifact: artifact.id.description, status: "failed", upstreamHash: nil, lockedHash: locked, localHash: local, message: error.description))
            }
        }
        return Report(items: items, snapshot: snapshot)
    }

    /// Compares `artifact` with its recorded upstream at the ref it follows (`resolved_version`, else the
    /// default branch) and, unless checking, installs the new content through `PinnedInstaller`; nil when
    /// the upstream is not one a source plugin reads at a commit.
    func follow(
        _ artifact: CollectionArtifact, locked: String?, local: String?, check: Bool, dryRun: Bool, overwriteLocal: Bool,
        snapshot: inout String?, taken: String?, now: Date
    ) async -> Item? {
        let plugins = imports.marketplace.plugins
        guard let upstream = artifact.upstream, let pinned = CatalogIdentity.pinnedUpstream(upstream, commit: artifact.resolvedSHA, plugins: plugins),
              pinned.reference.ref != nil else { return nil }
        let following = PinnedUpstream(reference: SourceReference(location: pinned.reference.location, ref: artifact.resolvedVersion), path: pinned.path)
        let installer = PinnedInstaller(collection: imports.collection, plugins: plugins)
        var item = Item(artifact: artifact.id.description, status: "up_to_date", upstreamHash: nil, lockedHash: locked, localHash: local, message: "matches upstream")
        do {
            let (hash, _) = try await installer.upstreamHash(of: artifact, at: following)
            item.upstreamHash = hash
            guard let hash else {
                item.status = "no_upstream"
                item.message = "it is no longer at \(following.path) in \(following.reference.location)"
                return item
            }
            guard hash != locked else { return item }
            if local != locked && !overwriteLocal {
                item.status = "modified_locally"
                item.message = "upstream changed, but the collection copy was edited; overwriting replaces the edits"
            } else if check || dryRun {
                item.status = "update_available"
                item.message = local != locked ? "upstream changed; the local edits would be replaced" : "upstream changed"
            } else {
                if snapshot == nil, let taken {
                    snapshot = taken
                } else if snapshot == nil {
                    snapshot = try await SnapshotStore(store: imports.collection.store).create(message: "before update", automatic: true, now: now).id
                }
                let pin = PinnedInstaller.Pin(
                    entry: artifact, upstream: following, expectedHash: nil,
                    lock: LockEntry(contentHash: "", resolvedVersion: artifact.resolvedVersion), restoring: false
                )
                let outcome = try await installer.install([pin], now: now).first
                item.status = outcome?.status == .installed ? "updated" : "failed"
                item.message = outcome?.status == .installed
                    ? "fetched from \(following.reference.location) at \(outcome?.commit?.prefix(12) ?? "its ref"); deployed copies show as outdated"
                    : outcome?.message ?? "nothing was fetched"
            }
        } catch {
            item.status = "failed"
            item.message = error.description
        }
        return item
    }

    func linkedEntry(for artifact: CollectionArtifact) async throws(SkillMeatError) -> CatalogEntryRecord? {
        try await imports.marketplace.entries(importedAs: CollectionService.importedAs(collection: imports.collection.store.name, id: artifact.id)).first
    }

    /// The content hash the entry would have in the collection, computed from the tree as staging
    /// would lay it out.
    func stagedHash(_ entry: CatalogEntryRecord, tree: SourceTree, name: String) async throws(SkillMeatError) -> String {
        guard let hash = await ArtifactStager.contentHash(of: try entry.detectedArtifact(), in: tree) else {
            throw .io(path: entry.upstreamURL ?? entry.path, reason: "its files could not be read from the source")
        }
        return hash
    }
}
