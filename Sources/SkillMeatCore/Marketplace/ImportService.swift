public import Foundation
public import SkillMeatCache
public import SkillMeatPluginAPI

/// Import and re-import from the catalog into a collection: the one path that fetches an entry's
/// files (one tarball per source for GitHub), installs them through `CollectionInstaller` with full
/// metadata on the first write, and marks the catalog entry — status, import id and date together.
public struct ImportService: Sendable {
    public let marketplace: MarketplaceService
    public let collection: CollectionService

    public init(marketplace: MarketplaceService, collection: CollectionService) {
        self.marketplace = marketplace
        self.collection = collection
    }

    /// One entry's outcome.
    public struct EntryResult: Sendable, Hashable, Codable {
        public var entryID: String
        /// `imported`, `renamed`, `overwritten`, `skipped` or `failed`.
        public var status: String
        public var artifactID: String?
        public var message: String

        enum CodingKeys: String, CodingKey {
            case status, message
            case entryID = "entry_id"
            case artifactID = "artifact_id"
        }
    }

    /// A batch's outcome.
    public struct BatchResult: Sendable, Hashable, Codable {
        public var importID: String
        public var collection: String
        public var results: [EntryResult]

        enum CodingKeys: String, CodingKey {
            case collection, results
            case importID = "import_id"
        }

        public var failed: Int { results.filter { $0.status == "failed" }.count }
        public var skipped: Int { results.filter { $0.status == "skipped" }.count }
    }

    /// Imports `entries` (ids, prefixes or SOURCE:PATH); one entry's failure leaves the others imported
    /// and itself untouched.
    public func importEntries(_ references: [String], strategy strategyName: String, now: Date = Date()) async throws(SkillMeatError) -> BatchResult {
        try collection.store.requireExists()
        let strategy = try marketplace.plugins.conflictStrategy(named: strategyName)
        let entries = try references.map { (reference: String) throws(SkillMeatError) -> CatalogEntryRecord in try marketplace.entry(reference) }
        let importID = "imp-" + String(UUID().uuidString.lowercased().prefix(8))
        var results: [EntryResult] = []
        // Entries are fetched source by source so each source's tree (and tarball) is read once.
        let bySource = Dictionary(grouping: entries, by: \.sourceID)
        for sourceID in bySource.keys.sorted() {
            let group = bySource[sourceID]!
            let tree: SourceTree
            do {
                tree = try await readTree(sourceID)
            } catch {
                results += group.map { EntryResult(entryID: $0.id, status: "failed", artifactID: nil, message: error.description) }
                continue
            }
            for entry in group {
                results.append(await importOne(entry, from: tree, strategy: strategy, importID: importID, now: now))
            }
        }
        return BatchResult(importID: importID, collection: collection.store.name, results: results.sorted { $0.entryID < $1.entryID })
    }

    /// Every importable entry of a source (not excluded, not removed, not imported), of one type.
    public func importAll(source: String, type: ArtifactType?, strategy: String, now: Date = Date()) async throws(SkillMeatError) -> BatchResult {
        let sourceID = try marketplace.requireSource(source).id
        let entries = try marketplace.catalog(CatalogQuery(sourceID: sourceID, statuses: ["new", "updated"], type: type?.rawValue))
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
        let entry = try marketplace.entry(reference)
        let prefix = collection.store.name + "/"
        let target: ArtifactID? = entry.importedAs.flatMap { importedAs in
            importedAs.hasPrefix(prefix) ? ArtifactID(parsing: String(importedAs.dropFirst(prefix.count))) : nil
        }
        guard let target else {
            throw .invalidArgument(
                "The entry '\(entry.id)' has not been imported into '\(collection.store.name)'; import it with 'skillmeat import \(entry.id)'."
            )
        }
        let previousRow = try? collection.cache.cache.artifact(collection: collection.store.name, type: target.type.rawValue, name: target.name)
        let tree = try await readTree(entry.sourceID)
        let overwrite = try marketplace.plugins.conflictStrategy(named: "overwrite")
        let result = await importOne(entry, from: tree, strategy: overwrite, importID: entry.importID ?? "reimp-" + String(UUID().uuidString.lowercased().prefix(8)), now: now, name: target.name)
        guard result.status != "failed" else {
            return ReimportResult(success: false, artifactID: target.description, message: result.message, deploymentsRestored: 0)
        }
        let deployments = previousRow?.deploymentsJSON ?? "[]"
        let kept = keepDeployments ? ((try? JSONValue.parse(Data(deployments.utf8)))?.arrayValue?.count ?? 0) : 0
        do {
            try collection.cache.cache.setDeployments(
                collection: collection.store.name, type: target.type.rawValue, name: target.name, json: keepDeployments ? deployments : "[]"
            )
        } catch {
            throw SkillMeatError.database("\(error)")
        }
        return ReimportResult(
            success: true,
            artifactID: target.description,
            message: "Re-imported \(target) from \(entry.upstreamURL ?? entry.sourceID)" + (keepDeployments ? "; \(kept) deployment(s) kept" : "; deployments are no longer tracked"),
            deploymentsRestored: kept
        )
    }

    // MARK: Steps

    /// The source's tree at the commit its catalog was scanned at, when the provider can read refs.
    func readTree(_ sourceID: String) async throws(SkillMeatError) -> SourceTree {
        try await marketplace.scannedTree(ofSource: sourceID)
    }

    func importOne(_ entry: CatalogEntryRecord, from tree: SourceTree, strategy: any ConflictStrategy, importID: String, now: Date, name: String? = nil) async -> EntryResult {
        do {
            let artifact = try entry.detectedArtifact()
            let type = artifact.type
            if entry.status == "excluded" {
                throw SkillMeatError.invalidArgument("The entry is excluded (\(entry.excludedReason ?? "by the user")); restore it first with 'skillmeat catalog restore \(entry.id)'.")
            }
            let finalName = name ?? entry.name
            try ArtifactNaming.validate(finalName, type: type)
            let staging = collection.store.stagingDirectory.appending(path: "import-\(UUID().uuidString)", directoryHint: .isDirectory)
            defer { try? FileManager.default.removeItem(at: staging) }
            let scan = SourceScan(plugins: marketplace.plugins)
            let stager = ArtifactStager { paths, tree, folder in try await scan.fetch(paths, from: tree, into: folder) }
            let staged = try await stager.stage(artifact, of: tree, as: finalName, in: staging)
            let source = try marketplace.requireSource(entry.sourceID)
            let originSource = source.provider.flatMap { PluginID(parsing: $0)?.name } ?? "git"
            let template = CollectionArtifact(
                name: finalName, type: type, path: "", origin: "marketplace",
                originSource: source.location.hasPrefix("/") && tree.commit == nil ? "local" : originSource,
                upstream: entry.upstreamURL, resolvedSHA: tree.commit, resolvedVersion: source.ref,
                tags: Array(Set(entry.tags + source.tags)).sorted(), importID: importID, metadata: entry.metadata
            )
            let lock = LockEntry(contentHash: staged.contentHash, upstream: entry.upstreamURL, resolvedSHA: tree.commit, resolvedVersion: source.ref)
            let installed = try CollectionInstaller(service: collection).install(staged, entry: template, lock: lock, strategy: strategy, now: now)
            guard installed.status != "skipped" else {
                return EntryResult(entryID: entry.id, status: "skipped", artifactID: installed.id, message: installed.message)
            }
            var marked = entry
            marked.status = "imported"
            marked.importID = importID
            marked.importDate = Timestamp.string(now)
            marked.importedAs = CollectionService.importedAs(collection: collection.store.name, id: ArtifactID(type: type, name: installed.name))
            marked.excludedReason = nil
            marked.excludedAt = nil
            try marketplace.wrap { try marketplace.store.saveEntry(marked) }
            let status = installed.status == "added" ? "imported" : installed.status
            return EntryResult(entryID: entry.id, status: status, artifactID: installed.id, message: installed.message)
        } catch {
            let message = (error as? SkillMeatError)?.description ?? "\(error)"
            return EntryResult(entryID: entry.id, status: "failed", artifactID: nil, message: message)
        }
    }
}
