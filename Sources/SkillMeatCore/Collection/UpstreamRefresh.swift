public import Foundation
public import SkillMeatPluginAPI
import SkillMeatStore

/// Refresh from upstream (seed 002): brings the collection's record of each imported artifact in line
/// with its source as it is now. `metadata_only` rewrites the manifest's metadata from the upstream's
/// frontmatter without touching files; `check_only` reports what would change; `sync` does the same
/// and also updates the files through `UpdateService`. Each source is read once (`SourceReads`), and
/// a snapshot is taken before anything is written, which `rollback` restores.
public struct UpstreamRefresh: Sendable {
    public let imports: ImportService


    public enum Mode: String, Sendable, Hashable, Codable, CaseIterable {
        case metadataOnly = "metadata_only"
        case checkOnly = "check_only"
        case sync
    }

    /// The metadata fields a refresh may rewrite.
    public enum Field: String, Sendable, Hashable, Codable, CaseIterable {
        case title, description, tags, author, license, version, tools

        func value(_ metadata: ArtifactMetadata) -> JSONValue {
            func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
            func list(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }
            return switch self {
            case .title: text(metadata.title)
            case .description: text(metadata.description)
            case .author: text(metadata.author)
            case .license: text(metadata.license)
            case .version: text(metadata.version)
            case .tags: list(metadata.tags)
            case .tools: list(metadata.tools)
            }
        }

        /// Whether upstream says anything for this field (a field upstream leaves out is kept).
        func isSet(in metadata: ArtifactMetadata) -> Bool {
            switch value(metadata) {
            case .null: false
            case .array(let items): !items.isEmpty
            default: true
            }
        }

        /// `artifact` with this field taken from `upstream`; the artifact's own tags follow its
        /// metadata's (tags given locally stay).
        func apply(_ upstream: ArtifactMetadata, to artifact: inout CollectionArtifact) {
            switch self {
            case .title: artifact.metadata.title = upstream.title
            case .description: artifact.metadata.description = upstream.description
            case .author: artifact.metadata.author = upstream.author
            case .license: artifact.metadata.license = upstream.license
            case .version: artifact.metadata.version = upstream.version
            case .tools: artifact.metadata.tools = upstream.tools
            case .tags:
                let old = Set(artifact.metadata.tags)
                artifact.tags = Set(artifact.tags.filter { !old.contains($0) } + upstream.tags).sorted()
                artifact.metadata.tags = upstream.tags
            }
        }
    }

    /// Which artifacts to refresh and how.
    public struct Request: Sendable {
        public var mode: Mode
        public var type: ArtifactType?
        /// A shell-style pattern (`*`, `?`, `[…]`) the artifact's name must match.
        public var nameGlob: String?
        /// The fields to rewrite; empty means all.
        public var fields: [Field]
        /// Report what would change without writing anything.
        public var dryRun: Bool

        public init(mode: Mode = .metadataOnly, type: ArtifactType? = nil, nameGlob: String? = nil, fields: [Field] = [], dryRun: Bool = false) {
            self.mode = mode
            self.type = type
            self.nameGlob = nameGlob
            self.fields = fields
            self.dryRun = dryRun
        }

        /// Whether anything is written.
        var writes: Bool { mode != .checkOnly && !dryRun }
    }

    /// One field of one artifact that differs from upstream.
    public struct Change: Sendable, Hashable, Encodable {
        public var artifactID: String
        public var field: Field
        public var old: JSONValue
        public var new: JSONValue

        enum CodingKeys: String, CodingKey {
            case field, old, new
            case artifactID = "artifact_id"
        }
    }

    /// An artifact that could not be refreshed, or was left out, and why.
    public struct Problem: Sendable, Hashable, Encodable {
        public var artifactID: String
        public var error: String

        enum CodingKeys: String, CodingKey {
            case error
            case artifactID = "artifact_id"
        }
    }

    /// What a refresh did (or, for `check_only` and `dry_run`, would do).
    public struct Report: Sendable, Encodable {
        public var collection: String
        public var mode: Mode
        public var dryRun: Bool
        /// Artifacts with at least one change (rewritten, or to be), files updated by `sync` included.
        public var refreshedCount: Int
        /// Artifacts that match upstream.
        public var unchangedCount: Int
        /// Artifacts not imported from a marketplace source, so without an upstream to follow.
        public var skipped: [Problem]
        public var errors: [Problem]
        public var changes: [Change]
        /// What `sync` did to the files, and what `check_only` found for them (`UpdateService`'s items).
        public var updates: [UpdateService.Item]?
        /// The snapshot taken before writing, which `rollback` restores; nil when nothing was written.
        public var snapshotID: String?
        public var durationSeconds: Double

        enum CodingKeys: String, CodingKey {
            case collection, mode, skipped, errors, changes, updates
            case dryRun = "dry_run", refreshedCount = "refreshed_count", unchangedCount = "unchanged_count", skippedCount = "skipped_count"
            case snapshotID = "snapshot_id", durationSeconds = "duration_seconds"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeFields([
                .collection: collection, .mode: mode, .dryRun: dryRun, .refreshedCount: refreshedCount, .unchangedCount: unchangedCount,
                .skippedCount: skipped.count, .skipped: skipped, .errors: errors, .durationSeconds: durationSeconds, .changes: changes,
                .updates: updates, .snapshotID: snapshotID,
            ])
        }
    }

    /// What a rollback put back.
    public struct RollbackReport: Sendable, Hashable, Encodable {
        public var collection: String
        /// The snapshot restored.
        public var snapshotID: String
        /// The snapshot of the state just before the rollback (roll back to it to undo the rollback).
        public var safetySnapshotID: String
        /// `manifest`: metadata and tags were put back; `collection`: the whole folder was.
        public var scope: SnapshotStore.Scope

        enum CodingKeys: String, CodingKey {
            case collection, scope
            case snapshotID = "snapshot_id", safetySnapshotID = "safety_snapshot_id"
        }
    }

    /// How refresh snapshots are told apart from others.
    static let snapshotMessage = "before refresh from upstream"

    public func run(_ request: Request, now: Date = Date()) async throws(SkillMeatError) -> Report {
        let started = ContinuousClock.now
        let collection = imports.collection
        let fields = request.fields.isEmpty ? Field.allCases : request.fields
        let targets = try collection.store.read().manifest.artifacts.filter { artifact in
            (request.type == nil || artifact.type == request.type) && (request.nameGlob.map { Self.matches(artifact.name, glob: $0) } ?? true)
        }
        let reads = SourceReads(marketplace: imports.marketplace, now: now, dryRun: request.dryRun)
        var report = Report(
            collection: collection.store.name, mode: request.mode, dryRun: request.dryRun, refreshedCount: 0, unchangedCount: 0,
            skipped: [], errors: [], changes: [], updates: nil, snapshotID: nil, durationSeconds: 0
        )
        var linked: [CollectionArtifact] = []
        var upstream: [ArtifactID: ArtifactMetadata] = [:]
        for artifact in targets {
            let id = artifact.id.description
            do throws(SkillMeatError) {
                let importedAs = CollectionService.importedAs(collection: collection.store.name, id: artifact.id)
                guard let link = try await imports.marketplace.entries(importedAs: importedAs).min(by: { $0.id < $1.id }) else {
                    report.skipped.append(Problem(artifactID: id, error: "It was not imported from a marketplace source, so there is no upstream to follow."))
                    continue
                }
                // The source is rescanned once for all its artifacts; the entry then holds upstream's frontmatter.
                let entry = try await reads.current(link.id, of: link.sourceID).entry
                guard entry.status != .removed else {
                    throw .notFound("It is no longer in the source '\(entry.sourceID)' (\(entry.path)).", hint: .rescanSource(id: entry.sourceID))
                }
                linked.append(artifact)
                upstream[artifact.id] = entry.metadata
                for field in fields where field.isSet(in: entry.metadata) && field.value(entry.metadata) != field.value(artifact.metadata) {
                    report.changes.append(Change(artifactID: id, field: field, old: field.value(artifact.metadata), new: field.value(entry.metadata)))
                }
            } catch {
                report.errors.append(Problem(artifactID: id, error: error.description))
            }
        }
        let changed = Set(report.changes.map(\.artifactID))
        if request.writes, !changed.isEmpty || request.mode == .sync {
            // Files change only in `sync`; a metadata refresh needs the manifest (and lock) kept, no more.
            let scope: SnapshotStore.Scope = request.mode == .sync ? .collection : .manifest
            report.snapshotID = try await SnapshotStore(store: collection.store).create(message: Self.snapshotMessage, automatic: true, scope: scope, now: now).id
        }
        if request.writes, !changed.isEmpty {
            try await write(upstream, fields: fields, to: changed, now: now)
        }
        var updated: Set<String> = []
        if request.mode != .metadataOnly, !linked.isEmpty {
            let files = try await UpdateService(imports: imports).run(
                linked, check: request.mode == .checkOnly, dryRun: request.dryRun, overwriteLocal: false, reads: reads, snapshot: report.snapshotID, now: now
            )
            report.updates = files.items
            updated = Set(files.items.filter { ["updated", "update_available"].contains($0.status) }.map(\.artifact))
            for item in files.items where item.status == "failed" && !report.errors.contains(where: { $0.artifactID == item.artifact }) {
                report.errors.append(Problem(artifactID: item.artifact, error: item.message))
            }
        }
        let refreshed = changed.union(updated)
        report.refreshedCount = refreshed.count
        report.unchangedCount = linked.filter { !refreshed.contains($0.id.description) }.count
        report.durationSeconds = Double((ContinuousClock.now - started) / .milliseconds(1)) / 1000
        return report
    }

    /// Rewrites the `fields` of the artifacts `ids` from `upstream`, in the manifest and the cache rows.
    private func write(_ upstream: [ArtifactID: ArtifactMetadata], fields: [Field], to ids: Set<String>, now: Date) async throws(SkillMeatError) {
        let collection = imports.collection
        let (rewritten, lock): ([CollectionArtifact], CollectionLock)
        let write: ManifestWrite?
        do {
            ((rewritten, lock), write) = try collection.store.updateRecording { manifest, lock in
                var rewritten: [CollectionArtifact] = []
                for index in manifest.artifacts.indices where ids.contains(manifest.artifacts[index].id.description) {
                    guard let metadata = upstream[manifest.artifacts[index].id] else { continue }
                    for field in fields where field.isSet(in: metadata) { field.apply(metadata, to: &manifest.artifacts[index]) }
                    manifest.artifacts[index].lastUpdated = Timestamp.string(now)
                    rewritten.append(manifest.artifacts[index])
                }
                return (rewritten, lock)
            }
        } catch {
            throw (error as? SkillMeatError) ?? SkillMeatError.io(collection.store.manifestURL, error)
        }
        try await collection.cache.upsert(rewritten, lock: lock, write: write)
    }

    /// Restores the snapshot `id` (by default the newest a refresh took): a metadata refresh's puts back
    /// the metadata and tags it changed; a sync's puts back the whole collection folder.
    public func rollback(snapshotID id: String? = nil) async throws(SkillMeatError) -> RollbackReport {
        let collection = imports.collection
        let snapshots = SnapshotStore(store: collection.store)
        var target: String
        if let id {
            target = id
        } else {
            guard let newest = try snapshots.list().first(where: { $0.message == Self.snapshotMessage }) else {
                throw .notFound(
                    "The collection '\(collection.store.name)' has no snapshot taken by a refresh from upstream to roll back to.",
                    hint: .listSnapshots(collection: collection.store.name)
                )
            }
            target = newest.id
        }
        let (restored, safety) = try await snapshots.rollback(to: target)
        _ = try await collection.cache.ensureFresh()
        return RollbackReport(collection: collection.store.name, snapshotID: restored.id, safetySnapshotID: safety.id, scope: restored.scope)
    }

    /// Whether `name` matches the shell-style pattern `glob`.
    static func matches(_ name: String, glob: String) -> Bool {
        fnmatch(glob, name, 0) == 0
    }
}
