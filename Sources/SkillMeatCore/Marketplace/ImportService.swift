public import Foundation
public import SkillMeatPluginAPI
public import SkillMeatStore

/// Import and re-import from the catalog into a collection: the one path that fetches an entry's
/// files (one tarball per source for GitHub), installs them through `CollectionInstaller` with full
/// metadata on the first write, and marks the catalog entry — status, import id and date together.
public struct ImportService: Sendable {
    public let marketplace: MarketplaceService
    public let collection: CollectionService
    /// The user's home, where user-scope deployments live (refreshed by a re-import).
    public let userHome: URL

    public init(marketplace: MarketplaceService, collection: CollectionService, userHome: URL = FileManager.default.homeDirectoryForCurrentUser) {
        self.marketplace = marketplace
        self.collection = collection
        self.userHome = userHome
    }

    /// `update` over this service's marketplace and collection.
    public var updates: UpdateService { UpdateService(imports: self) }
    /// Refresh from upstream (`collection refresh`) over this service's marketplace and collection.
    public var upstreamRefresh: UpstreamRefresh { UpstreamRefresh(imports: self) }

    /// One entry's outcome, with SkillMeat's `success` and `import_date` (null unless it went in).
    public struct EntryResult: Sendable, Encodable {
        public var entryID: String
        /// `imported`, `renamed`, `overwritten`, `skipped`, `failed` or `not_started` (the import was
        /// interrupted before it reached the entry); a dry run's `would_import`, `would_rename`,
        /// `would_overwrite` or `would_skip`.
        public var status: String
        public var artifactID: String?
        public var message: String
        /// When the entry went into the collection; nil when it did not.
        public var importDate: Date? = nil
        /// Why it failed, as the core's error (not encoded: `message` words it), so a single-entry
        /// caller (re-import) can answer with the error's own kind.
        public var failure: SkillMeatError? = nil

        /// Whether the entry is in the collection now (imported, renamed or overwritten).
        public var success: Bool { !["failed", "skipped", Self.notStarted].contains(status) && !status.hasPrefix("would_") }

        enum CodingKeys: String, CodingKey {
            case status, message, success, error
            case entryID = "entry_id"
            case artifactID = "artifact_id"
            case importDate = "import_date"
        }

        public func encode(to encoder: any Encoder) throws {
            try encoder.encodeFields(CodingKeys.self, [
                .entryID: entryID, .success: success, .status: status, .artifactID: artifactID, .importDate: importDate, .message: message,
                .error: status == "failed" ? message : String?.none,
            ])
        }

        static let notStarted = "not_started"

        /// An entry the import did not reach because it was interrupted.
        static func interrupted(_ entryID: String) -> EntryResult {
            EntryResult(entryID: entryID, status: notStarted, artifactID: nil, message: "not imported: the import was interrupted")
        }
    }

    /// A batch's outcome: per-entry results and their summary counts.
    public struct BatchResult: Sendable, Encodable {
        public var importID: String
        public var collection: String
        public var results: [EntryResult]

        enum CodingKeys: String, CodingKey {
            case collection, results
            case importID = "import_id"
            case totalCount = "total_count"
            case importedCount = "imported_count"
            case skippedCount = "skipped_count"
            case failedCount = "failed_count"
            case notStartedCount = "not_started_count"
        }

        public var failed: Int { results.filter { $0.status == "failed" }.count }
        public var notStarted: Int { results.filter { $0.status == EntryResult.notStarted }.count }
        public var skipped: Int { results.filter { $0.status == "skipped" }.count }

        public func encode(to encoder: any Encoder) throws {
            try encoder.encodeFields(CodingKeys.self, [
                .importID: importID, .collection: collection, .results: results, .totalCount: results.count,
                .importedCount: results.filter(\.success).count, .skippedCount: skipped, .failedCount: failed, .notStartedCount: notStarted,
            ])
        }
    }

    /// Imports `entries` (ids, prefixes or SOURCE:PATH; of `sourceID` only, when given); one entry's
    /// failure, an unknown reference's included, leaves the others imported and itself untouched.
    /// An interruption (`Interruption`) stops it between entries: what was staged is installed and
    /// marked, the rest is reported `not_started`.
    public func importEntries(
        _ references: [String], of sourceID: String? = nil, strategy strategyName: ConflictStrategyName, now: Date = Date()
    ) async throws(SkillMeatError) -> BatchResult {
        try await Interruption.observing { () async throws(SkillMeatError) -> BatchResult in
            try await importObserved(references, of: sourceID, strategy: strategyName, now: now)
        }
    }

    /// The catalog entries `references` name (ids, id prefixes or `SOURCE:PATH`), each checked to belong
    /// to `sourceID` when one is given; a reference that names none is a `failed` result.
    func resolve(_ references: [String], of sourceID: String?) async -> (entries: [CatalogEntryRecord], failed: [EntryResult]) {
        var entries: [CatalogEntryRecord] = []
        var failed: [EntryResult] = []
        for reference in references {
            do throws(SkillMeatError) {
                let entry = try await marketplace.entry(reference)
                if let sourceID, entry.sourceID != sourceID {
                    throw .notFound("The source '\(sourceID)' has no catalog entry '\(reference)'; it belongs to '\(entry.sourceID)'.")
                }
                entries.append(entry)
            } catch {
                failed.append(EntryResult(entryID: reference, status: "failed", artifactID: nil, message: error.description))
            }
        }
        return (entries, failed)
    }

    private func importObserved(_ references: [String], of sourceID: String?, strategy strategyName: ConflictStrategyName, now: Date) async throws(SkillMeatError) -> BatchResult {
        try collection.store.requireExists()
        try await repairInterruptedImport()
        let strategy = try marketplace.plugins.conflictStrategy(strategyName)
        let (entries, failed) = await resolve(references, of: sourceID)
        var results = failed
        let importID = "imp-" + String(UUID().uuidString.lowercased().prefix(8))
        // Entries are fetched source by source so each source's tree (and tarball) is read once.
        let bySource = Dictionary(grouping: entries, by: \.sourceID)
        var done = 0
        for sourceID in bySource.keys.sorted() {
            defer { done += bySource[sourceID]!.count }
            let group = bySource[sourceID]!
            if Interruption.shouldStop(at: "import.source") {
                results += group.map { EntryResult.interrupted($0.id) }
                continue
            }
            let source: MarketplaceSourceRecord
            let tree: SourceTree
            // Each entry goes in under the name its source's catalog shows for it, distinct within the source.
            let names: [String: String]
            do throws(SkillMeatError) {
                source = try await marketplace.requireSource(sourceID)
                tree = try await marketplace.scannedTree(of: source)
                names = try await marketplace.importNames(sourceIDs: [sourceID])
            } catch {
                results += group.map { EntryResult(entryID: $0.id, status: "failed", artifactID: nil, message: error.description) }
                continue
            }
            results += await importGroup(
                group, of: source, from: tree, strategy: strategy, importID: importID, now: now, names: names, progress: (done, entries.count)
            )
        }
        WorkProgress.report(.importing, completed: entries.count, total: entries.count)
        return BatchResult(importID: importID, collection: collection.store.name, results: results.sorted { $0.entryID < $1.entryID })
    }

    /// Every importable entry of a source (not excluded, not removed, not imported), of one type, at
    /// least `minConfidence` confident (by default `DetectionConfidence.importDefault`: what a platform
    /// loads or a convention vouches for, not other platforms' files or copy-me scaffolds).
    public func importAll(
        source: String, type: ArtifactType?, minConfidence: Int = DetectionConfidence.importDefault, strategy: ConflictStrategyName, now: Date = Date()
    ) async throws(SkillMeatError) -> BatchResult {
        let sourceID = try await marketplace.requireSource(source).id
        // Entries a killed import committed are marked first, so they are not taken for new ones.
        try collection.store.requireExists()
        try await repairInterruptedImport()
        let entries = try await marketplace.catalog(CatalogQuery(sourceID: sourceID, statuses: [.new, .updated], type: type, minConfidence: minConfidence)).items
        return try await importEntries(entries.map(\.id), strategy: strategy, now: now)
    }

    /// What `reimport` did.
    public struct ReimportResult: Sendable, Hashable, Codable {
        public var success: Bool
        public var artifactID: String
        public var message: String
        public var deploymentsRestored: Int

        enum CodingKeys: String, CodingKey {
            case success, message
            case artifactID = "artifact_id"
            case deploymentsRestored = "deployments_restored"
        }
    }

    /// Replaces an imported artifact from upstream whatever state the collection copy is in (current,
    /// modified, broken or missing). Deployment records are kept with `keepDeployments`, otherwise
    /// dropped from tracking (deployed files stay where they are).
    public func reimport(_ reference: String, keepDeployments: Bool, now: Date = Date()) async throws(SkillMeatError) -> ReimportResult {
        try await Interruption.observing { () async throws(SkillMeatError) -> ReimportResult in
            try await reimport(reference, keepDeployments: keepDeployments, now: now, tree: nil)
        }
    }

    /// `reimport` from `tree` when the caller already read the source (update), else from a new read.
    func reimport(_ reference: String, keepDeployments: Bool, now: Date, tree knownTree: SourceTree?) async throws(SkillMeatError) -> ReimportResult {
        try await repairInterruptedImport()
        let entry = try await marketplace.entry(reference)
        let prefix = collection.store.name + "/"
        let target: ArtifactID? = entry.importedAs.flatMap { importedAs in
            importedAs.hasPrefix(prefix) ? ArtifactID(parsing: String(importedAs.dropFirst(prefix.count))) : nil
        }
        guard let target else {
            throw .invalidArgument(
                "The entry '\(entry.id)' has not been imported into '\(collection.store.name)'; import it first.", hint: .importEntry(id: entry.id)
            )
        }
        // Which deployments were in step with what they were deployed from, before the content changes.
        let index = DeploymentIndex(home: collection.store.home)
        let before = (try? index.status()) ?? []
        let deployments = before.filter { $0.artifact == target.description && $0.collection == collection.store.name }
        let source = try await marketplace.requireSource(entry.sourceID)
        let tree: SourceTree
        if let knownTree { tree = knownTree } else { tree = try await marketplace.scannedTree(of: source) }
        let overwrite = try marketplace.plugins.conflictStrategy(.overwrite)
        // A re-import is an import of its own: a new import id and date (SkillMeat's history of imports).
        let result = await importGroup(
            [entry], of: source, from: tree, strategy: overwrite, importID: "reimp-" + String(UUID().uuidString.lowercased().prefix(8)),
            now: now, names: [entry.id: target.name]
        )[0]
        guard result.status != "failed" else {
            throw result.failure ?? .conflict(result.message)
        }
        guard keepDeployments else {
            // Records are never dropped while their files stay: the deployments remain tracked as they
            // were, and show as outdated where the new content differs.
            return ReimportResult(
                success: true, artifactID: target.description,
                message: "Re-imported \(target) from \(entry.upstreamURL ?? entry.sourceID); \(deployments.count) deployment(s) left as they were, still tracked",
                deploymentsRestored: 0
            )
        }
        // Copies nobody edited follow the new content; edited ones are left alone and reported.
        var refreshed = 0
        var leftAlone: [String] = []
        let deployer = DeploymentService(collection: collection, plugins: marketplace.plugins, userHome: userHome)
        for deployment in deployments {
            guard deployment.state == .synced || deployment.state == .outdated else {
                leftAlone.append("\(deployment.projectPath) (\(deployment.profile), \(deployment.state.rawValue))")
                continue
            }
            let request = DeploymentService.Request(
                names: [deployment.deployedName ?? target.name], type: target.type,
                projectRoot: URL(fileURLWithPath: deployment.projectPath, isDirectory: true),
                scope: deployment.scope, profiles: [deployment.profile], strategy: .overwrite,
                // The deployment being refreshed had its commands accepted when it was first made.
                commandConsent: .accept
            )
            do {
                _ = try await deployer.deploy(request, now: now)
                refreshed += 1
            } catch {
                leftAlone.append("\(deployment.projectPath) (\(deployment.profile)): \(error.description)")
            }
        }
        var message = "Re-imported \(target) from \(entry.upstreamURL ?? entry.sourceID); \(deployments.count) deployment(s) kept, \(refreshed) refreshed"
        if !leftAlone.isEmpty { message += "; left alone: " + leftAlone.joined(separator: ", ") }
        return ReimportResult(success: true, artifactID: target.description, message: message, deploymentsRestored: deployments.count)
    }

    // MARK: Steps

    /// Finishes the catalog marks of an import that was killed after its manifest write, and sweeps
    /// what a killed import left in the collection even when this one will find nothing to install.
    func repairInterruptedImport() async throws(SkillMeatError) {
        try collection.store.sweepAbandoned()
        for journal in CatalogMarkJournal.all(in: collection.store) {
            try await journal.replay(collection: collection, marketplace: marketplace)
        }
    }

    /// Stages every entry of one source's tree, installs the staged ones in one collection update and
    /// marks their catalog entries in one transaction. An entry that fails is reported and left as it was.
    func importGroup(
        _ entries: [CatalogEntryRecord], of source: MarketplaceSourceRecord, from tree: SourceTree, strategy: any ConflictStrategy, importID: String, now: Date,
        names: [String: String] = [:], progress: (done: Int, total: Int)? = nil
    ) async -> [EntryResult] {
        var results: [String: EntryResult] = [:]
        var items: [(entry: CatalogEntryRecord, item: CollectionInstaller.Item)] = []
        let scratch: StagingFolder
        do {
            scratch = try StagingFolder(in: collection.store.stagingDirectory, prefix: "import")
        } catch {
            return entries.map { EntryResult(entryID: $0.id, status: "failed", artifactID: nil, message: error.description) }
        }
        defer { scratch.release() }
        for (offset, entry) in entries.enumerated() {
            // An interruption stops here, between entries: what is staged goes in, the rest is not started.
            if Interruption.shouldStop(at: "import.stage") {
                for rest in entries[offset...] {
                    results[rest.id] = EntryResult.interrupted(rest.id)
                }
                break
            }
            WorkProgress.report(
                .importing, completed: (progress?.done ?? 0) + offset, total: progress?.total ?? entries.count, current: names[entry.id] ?? entry.name
            )
            do {
                let folder = scratch.url.appending(path: String(offset), directoryHint: .isDirectory)
                items.append((entry, try await stage(entry, of: source, from: tree, importID: importID, name: names[entry.id] ?? entry.name, in: folder)))
            } catch {
                let failure = error as? SkillMeatError
                results[entry.id] = EntryResult(entryID: entry.id, status: "failed", artifactID: nil, message: failure?.description ?? "\(error)", failure: failure)
            }
        }
        let installed: [CollectionInstaller.Result]
        let journal = CatalogMarkJournal(store: collection.store, importID: importID)
        do {
            // The marks are journaled before the manifest commits the import, so a process killed
            // between the manifest write and the catalog update leaves marks the next import replays.
            installed = try await CollectionInstaller(service: collection).installAll(items.map(\.item), strategy: strategy, now: now) { outcomes in
                try journal.write(zip(items, outcomes).compactMap { pair, outcome in
                    guard outcome.status != "skipped", outcome.status != "failed" else { return nil }
                    return CatalogMarkJournal.Mark(entryID: pair.entry.id, artifact: outcome.id, importID: importID, importDate: Timestamp.string(now))
                })
            }
        } catch {
            journal.clear()
            for (entry, _) in items {
                results[entry.id] = EntryResult(entryID: entry.id, status: "failed", artifactID: nil, message: error.description, failure: error)
            }
            return entries.compactMap { results[$0.id] }
        }
        Interruption.reach("import.committed")
        var marks: [(entry: CatalogEntryRecord, importedAs: String)] = []
        for ((entry, item), outcome) in zip(items, installed) {
            switch outcome.status {
            case "skipped", "failed":
                let message = outcome.status == "skipped" ? await conflictMessage(entry, item: item, outcome: outcome) : outcome.message
                results[entry.id] = EntryResult(entryID: entry.id, status: outcome.status, artifactID: outcome.id, message: message)
            default:
                marks.append((entry, CollectionService.importedAs(collection: collection.store.name, id: ArtifactID(type: item.staged.type, name: outcome.name))))
                results[entry.id] = EntryResult(
                    entryID: entry.id, status: outcome.status == "added" ? "imported" : outcome.status, artifactID: outcome.id,
                    message: outcome.status == "added" ? outcome.message : await conflictMessage(entry, item: item, outcome: outcome),
                    importDate: now
                )
            }
        }
        do {
            try await marketplace.markImported(marks, importID: importID, now: now)
            journal.clear()
        } catch {
            for mark in marks {
                results[mark.entry.id]?.message += "; the catalog could not be updated: \(error.description)"
            }
        }
        return entries.compactMap { results[$0.id] }
    }

    /// What a name conflict did to an entry, naming the entry's source and the source of the artifact
    /// that held the name (told before the catalog is marked, so an overwritten artifact's source is
    /// still known).
    func conflictMessage(_ entry: CatalogEntryRecord, item: CollectionInstaller.Item, outcome: CollectionInstaller.Result) async -> String {
        let requested = item.staged.name
        let type = item.staged.type.rawValue
        let holder = await origin(of: ArtifactID(type: item.staged.type, name: requested))
        let mine = "\(type) '\(requested)' from source '\(entry.sourceID)'"
        switch outcome.status {
        case "skipped":
            return "\(mine) was not imported: the collection already has a \(type) '\(requested)' \(holder) (\(outcome.message)); "
                + "import it with the rename or overwrite strategy to keep both or replace it"
        case "renamed":
            return "\(mine) was imported as '\(outcome.name)': '\(requested)' is taken by the \(type) \(holder)"
        case "overwritten":
            return "\(mine) replaced the \(type) '\(requested)' \(holder)"
        default:
            return outcome.message
        }
    }

    /// Where the collection's artifact `id` came from, in words: the source it was imported from,
    /// else its upstream, else that it was made locally.
    func origin(of id: ArtifactID) async -> String {
        let importedAs = CollectionService.importedAs(collection: collection.store.name, id: id)
        if let sources = try? await marketplace.entries(importedAs: importedAs).map(\.sourceID), let first = sources.min() {
            return "from source '\(first)'"
        }
        if let artifact = try? collection.store.read().manifest.artifacts.first(where: { $0.id == id }) {
            if let upstream = artifact.upstream { return "from \(upstream)" }
            return "added locally (\(artifact.origin))"
        }
        return "already in the collection"
    }

    /// Fetches one entry's files into `folder` and describes how it goes into the collection.
    func stage(
        _ entry: CatalogEntryRecord, of source: MarketplaceSourceRecord, from tree: SourceTree, importID: String, name finalName: String, in folder: URL
    ) async throws -> CollectionInstaller.Item {
        // Checked before anything is read: a removed entry's path may now hold something else (or
        // another type), and staging it would fail on missing files or import it as what it was.
        if entry.status == .removed {
            throw SkillMeatError.invalidArgument(
                "The \(entry.type.rawValue) '\(entry.name)' (\(entry.path)) is no longer in the source '\(entry.sourceID)' as of its last scan, so it cannot be imported; rescan the source to see whether it is back.",
                hint: .rescanSource(id: entry.sourceID)
            )
        }
        let artifact = try entry.detectedArtifact()
        let type = artifact.type
        if entry.status == .excluded {
            throw SkillMeatError.invalidArgument("The entry is excluded (\(entry.excludedReason ?? "by the user")); restore it first.", hint: .restoreEntry(id: entry.id))
        }
        try ArtifactNaming.validate(finalName, type: type)
        let scan = SourceScan(plugins: marketplace.plugins)
        let stager = ArtifactStager { paths, tree, folder in try await scan.fetch(paths, from: tree, into: folder) }
        let staged = try await stager.stage(artifact, of: tree, as: finalName, in: folder)
        let originSource = source.provider.flatMap(PluginID.init(parsing:)).map(marketplace.plugins.originLabel(of:)) ?? "git"
        let template = CollectionArtifact(
            name: finalName, type: type, path: "", origin: "marketplace",
            originSource: source.location.hasPrefix("/") && tree.commit == nil ? "local" : originSource,
            upstream: entry.upstreamURL, resolvedSHA: tree.commit, resolvedVersion: source.ref,
            tags: Array(Set(entry.tags + source.tags)).sorted(), importID: importID, metadata: entry.metadata
        )
        let lock = LockEntry(contentHash: staged.contentHash, upstream: entry.upstreamURL, resolvedSHA: tree.commit, resolvedVersion: source.ref)
        return CollectionInstaller.Item(staged: staged, entry: template, lock: lock)
    }
}
