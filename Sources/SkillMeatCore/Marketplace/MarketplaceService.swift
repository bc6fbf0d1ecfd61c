public import Foundation
public import SkillMeatPluginAPI
public import SkillMeatStore

/// Marketplace sources and their catalogs (DESIGN §4): add, update, remove, scan and rescan,
/// exclusion and restoring, and marking imports. Every catalog status change goes through
/// `CatalogLifecycle`; other services change entries only through this service's methods.
public struct MarketplaceService: Sendable {
    let sourceStore: any SourceStore
    let catalogStore: any CatalogStore
    public let plugins: PluginCatalog

    public init(sources: any SourceStore, catalog: any CatalogStore, plugins: PluginCatalog) {
        self.sourceStore = sources
        self.catalogStore = catalog
        self.plugins = plugins
    }

    /// The marketplace over opened stores.
    public init(stores: any StoreBackend, plugins: PluginCatalog) {
        self.init(sources: stores.sources, catalog: stores.catalog, plugins: plugins)
    }

    /// What a scan did.
    public struct ScanReport: Sendable, Hashable, Encodable {
        public var sourceID: String
        public var commit: String?
        /// Artifacts detected, duplicates within the source included.
        public var total: Int
        public var counts: CatalogMerge.Counts
        /// Imported entries whose upstream content changed.
        public var upstreamChanges: [String]
        /// Entries whose content is also in another source.
        public var crossSourceDuplicates: Int
        public var requests: SourceRequestStats?
        public var diagnostics: [DiagnosticOutput]
        /// How long the scan took, reading the source included.
        public var durationMilliseconds: Int
        public var scannedAt: Date
        /// Artifacts detected once copies of the same type and content within the source are counted once.
        public var unique: Int

        /// SkillMeat's ScanResultDTO fields, then ours (`source_id`, `commit`, `upstream_changes`,
        /// `requests`, `diagnostics`).
        enum CodingKeys: String, CodingKey {
            case commit, diagnostics, requests
            case sourceID = "source_id", artifactsFound = "artifacts_found", upstreamChanges = "upstream_changes"
            case newCount = "new_count", updatedCount = "updated_count", removedCount = "removed_count", unchangedCount = "unchanged_count"
            case duplicatesWithinSource = "duplicates_within_source", duplicatesCrossSource = "duplicates_cross_source"
            case totalDetected = "total_detected", totalUnique = "total_unique"
            case scanDurationMilliseconds = "scan_duration_ms", scannedAt = "scanned_at"
        }


        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            // `duplicates_within_source`: every copy present in this scan, not only those it set aside.
            try container.encodeFields([
                .sourceID: sourceID, .commit: commit, .artifactsFound: unique, .newCount: counts.new, .updatedCount: counts.updated,
                .removedCount: counts.removed, .unchangedCount: counts.unchanged, .duplicatesWithinSource: total - unique,
                .duplicatesCrossSource: crossSourceDuplicates, .totalDetected: total, .totalUnique: unique,
                .scanDurationMilliseconds: durationMilliseconds, .scannedAt: scannedAt, .upstreamChanges: upstreamChanges,
                .requests: requests, .diagnostics: diagnostics,
            ])
        }

        init(
            sourceID: String, commit: String?, total: Int, counts: CatalogMerge.Counts, upstreamChanges: [String], crossSourceDuplicates: Int,
            requests: SourceRequestStats?, diagnostics: [DiagnosticOutput], durationMilliseconds: Int, scannedAt: Date, unique: Int
        ) {
            self.sourceID = sourceID
            self.commit = commit
            self.total = total
            self.counts = counts
            self.upstreamChanges = upstreamChanges
            self.crossSourceDuplicates = crossSourceDuplicates
            self.requests = requests
            self.diagnostics = diagnostics
            self.durationMilliseconds = durationMilliseconds
            self.scannedAt = scannedAt
            self.unique = unique
        }
    }

    /// What to create a source from.
    public struct NewSource: Sendable {
        public var location: String
        public var ref: String?
        public var root: String?
        public var manualMap: ManualMap
        public var trust: TrustLevel
        public var name: String?
        public var description: String?
        public var tags: [String]

        public init(location: String, ref: String? = nil, root: String? = nil, manualMap: ManualMap = ManualMap(), trust: TrustLevel = .basic, name: String? = nil, description: String? = nil, tags: [String] = []) {
            self.location = location
            self.ref = ref
            self.root = root
            self.manualMap = manualMap
            self.trust = trust
            self.name = name
            self.description = description
            self.tags = tags
        }
    }

    // MARK: Sources

    /// Creates a source and scans it at once. A source whose first scan fails is kept with the error
    /// recorded, so it can be fixed with `source update` and rescanned.
    public func addSource(_ request: NewSource, now: Date = Date()) async throws(SkillMeatError) -> (MarketplaceSourceRecord, Result<ScanReport, SkillMeatError>) {
        let source = try await newSource(request, now: now)
        try await wrap { try await sourceStore.insertSource(source) }
        let outcome: Result<ScanReport, SkillMeatError>
        do {
            outcome = .success(try await scan(source.id, now: now))
        } catch {
            outcome = .failure(error)
        }
        return (try await wrap { try await sourceStore.source(id: source.id) } ?? source, outcome)
    }

    /// The source `addSource` would add, checked (a usable reference, a provider, no duplicate) with
    /// nothing written or fetched: what a dry run of `source add` shows.
    public func newSource(_ request: NewSource, now: Date = Date()) async throws(SkillMeatError) -> MarketplaceSourceRecord {
        let map = request.manualMap
        let root = try Self.parseRoot(request.root)
        let reference = SourceReference(location: request.location, ref: request.ref, root: root)
        try Self.checkContainment(location: request.location, root: root, manualMap: Array(map.types.keys))
        let provider = try plugins.sourceProvider(for: reference)
        _ = try Self.parts(of: reference, id: provider.id, provider: provider.provider)
        let existing = try await sources()
        if let duplicate = existing.first(where: { $0.location == request.location && $0.ref == request.ref && $0.root == root?.string }) {
            throw .conflict("'\(request.location)' is already the source '\(duplicate.id)'; rescan it instead.", hint: .rescanSource(id: duplicate.id))
        }
        let name = request.name ?? Self.defaultName(request.location)
        let stamp = Timestamp.truncated(now)
        let source = MarketplaceSourceRecord(
            id: Self.uniqueID(Self.slug(name), taken: Set(existing.map(\.id))),
            name: name,
            location: request.location,
            ref: request.ref,
            root: root?.string,
            manualMap: Dictionary(uniqueKeysWithValues: map.types.map { ($0.key.string, $0.value) }),
            trust: request.trust,
            description: request.description,
            tags: request.tags,
            provider: provider.id.description,
            createdAt: stamp,
            updatedAt: stamp
        )
        return source
    }

    /// Changes a source's settings; a manual map's paths must exist in the source's tree.
    public func updateSource(
        _ id: String, ref: String?? = nil, root: String?? = nil, manualMap: ManualMap? = nil, trust: TrustLevel? = nil,
        description: String?? = nil, tags: [String]? = nil, name: String? = nil, acceptPendingTags: Bool = false, dryRun: Bool = false, now: Date = Date()
    ) async throws(SkillMeatError) -> MarketplaceSourceRecord {
        var source = try await requireSource(id)
        if acceptPendingTags {
            source.tags = Array(Set((tags ?? source.tags) + source.pendingTags)).sorted()
            source.pendingTags = []
        }
        if let ref { source.ref = ref }
        if let root {
            source.root = try Self.parseRoot(root)?.string
        }
        if let trust { source.trust = trust }
        if let description { source.description = description }
        if let tags, !acceptPendingTags { source.tags = tags }
        if let name { source.name = name }
        // The root and map as they will be, whichever of them changed.
        try Self.checkContainment(
            location: source.location, root: source.root.flatMap { try? RelativePath(validating: $0) },
            manualMap: manualMap.map { Array($0.types.keys) } ?? source.manualMap.keys.compactMap { try? RelativePath(validating: $0) }
        )
        if let map = manualMap {
            if !map.isEmpty {
                let tree = try await SourceScan(plugins: plugins).readTree(reference(of: source))
                for path in map.types.keys where !tree.contains(path) && !tree.isDirectory(path) {
                    throw .invalidArgument("The mapped path '\(path)' does not exist in \(source.location); map only paths the source has.")
                }
            }
            source.manualMap = Dictionary(uniqueKeysWithValues: map.types.map { ($0.key.string, $0.value) })
        }
        source.updatedAt = Timestamp.truncated(now)
        if dryRun { return source }
        try await wrap { try await sourceStore.updateSource(source) }
        return source
    }

    /// Deletes a source and its catalog (the collection keeps what was imported).
    public func removeSource(_ id: String) async throws(SkillMeatError) {
        let source = try await requireSource(id)
        try await wrap { try await sourceStore.deleteSource(id: source.id) }
    }

    /// Every source, by name then id.
    public func sources() async throws(SkillMeatError) -> [MarketplaceSourceRecord] {
        try await wrap { try await sourceStore.sources() }
    }

    /// The source with this id (or unique id prefix, or name).
    public func requireSource(_ id: String) async throws(SkillMeatError) -> MarketplaceSourceRecord {
        if let exact = try await wrap({ try await sourceStore.source(id: id) }) { return exact }
        let all = try await sources()
        if let exact = all.first(where: { $0.id == id }) { return exact }
        let matches = all.filter { $0.id.hasPrefix(id) || $0.name == id }
        if matches.count == 1 { return matches[0] }
        if matches.isEmpty {
            throw .notFound("There is no source '\(id)'" + (all.isEmpty ? " (there are none yet)." : "."), hint: all.isEmpty ? .addSource : .listSources)
        }
        throw .invalidArgument("'\(id)' matches \(matches.count) sources (\(matches.map(\.id).joined(separator: ", "))); give the full id.")
    }

    func reference(of source: MarketplaceSourceRecord) -> SourceReference {
        SourceReference(location: source.location, ref: source.ref, root: source.root.flatMap { try? RelativePath(validating: $0) })
    }

    // MARK: Scanning

    /// Rescans a source and merges what it finds into its catalog. A failed scan leaves the catalog
    /// as it was and records the error on the source.
    public func scan(_ id: String, now: Date = Date()) async throws(SkillMeatError) -> ScanReport {
        try await scanKeepingTree(id, now: now).report
    }

    /// `scan`, handing back the tree it read so a caller that goes on to fetch from the source (update)
    /// does not read it again.
    /// With `dryRun` nothing is written — not the catalog, not the source's scan time or error — and
    /// `entries` says what the catalog would then hold.
    func scanKeepingTree(
        _ id: String, now: Date = Date(), dryRun: Bool = false
    ) async throws(SkillMeatError) -> (report: ScanReport, tree: SourceTree, entries: [CatalogEntryRecord]) {
        var source = try await requireSource(id)
        let stamp = Timestamp.truncated(now)
        let started = ContinuousClock.now
        let map = ManualMap(stored: source.manualMap.mapValues(\.rawValue))
        let outcome: SourceScan.Outcome
        do throws(SkillMeatError) {
            outcome = try await SourceScan(plugins: plugins).run(reference(of: source), manualMap: map)
            // A file that could not be read would look like an artifact that vanished; the catalog
            // must not be changed on that evidence.
            if let first = outcome.result.unreadFiles.first {
                throw SkillMeatError.io(
                    path: source.location,
                    reason: "\(outcome.result.unreadFiles.count) file(s) could not be read (first: \(first.path ?? "?"): \(first.message)); the catalog was left as it was, rescan later"
                )
            }
        } catch {
            source.lastError = error.description
            source.lastScanAt = stamp
            if !dryRun { try? await sourceStore.updateSource(source) }
            throw error
        }
        // Work whose requester has gone (a cancelled HTTP request) stops before the catalog changes.
        try Self.stopIfAsked(at: "scan.merge", source.name)
        let tree = outcome.tree
        let provider = plugins.sourceProvider(id: tree.providerID)
        let found = outcome.result.artifacts.map { artifact in
            CatalogEntryRecord(
                id: CatalogIdentity.entryID(sourceID: source.id, type: artifact.type, path: artifact.path, name: artifact.name),
                sourceID: source.id,
                type: artifact.type,
                name: artifact.name,
                path: artifact.path.string,
                upstreamURL: CatalogIdentity.upstream(of: artifact.path, in: tree, provider: provider),
                detectedSHA: tree.commit,
                contentHash: CatalogIdentity.contentHash(of: artifact, in: tree),
                confidence: artifact.confidence,
                reasons: artifact.reasons,
                status: .new,
                description: artifact.metadata.description,
                tags: artifact.metadata.tags,
                metadata: artifact.metadata,
                files: artifact.files.map(\.string),
                declaration: artifact.declaration,
                firstSeen: stamp,
                lastSeen: stamp
            )
        }
        let existing = try await wrap { try await catalogStore.allEntries(sourceID: source.id) }
        var merged = CatalogMerge.merge(existing: existing, found: found, now: stamp)
        var crossSource = 0
        for index in merged.changed.indices where merged.changed[index].status != .removed {
            try Self.stopIfAsked(at: "scan.duplicates", source.name)
            let entry = merged.changed[index]
            let others = try await wrap { try await catalogStore.entries(type: entry.type, contentHash: entry.contentHash, notInSource: source.id) }
            merged.changed[index].duplicates = others.map { "\($0.sourceID):\($0.id)" }
            if !others.isEmpty { crossSource += 1 }
        }
        source.lastScanAt = stamp
        source.lastCommit = tree.commit
        source.lastError = nil
        source.provider = tree.providerID.description
        source.artifactCount = merged.all.filter { $0.status != .removed && $0.status != .excluded }.count
        if !dryRun {
            try await wrap { try await catalogStore.saveScan(source: source, entries: merged.changed) }
            try await nameEntries(of: source.id)
        }
        let report = ScanReport(
            sourceID: source.id,
            commit: tree.commit,
            total: found.count,
            counts: merged.counts,
            upstreamChanges: merged.upstreamChanges.map(\.id),
            crossSourceDuplicates: crossSource,
            requests: tree.requestLog?.stats,
            diagnostics: outcome.result.diagnostics.map(DiagnosticOutput.init),
            durationMilliseconds: Int((ContinuousClock.now - started) / .milliseconds(1)),
            scannedAt: stamp,
            unique: Set(found.map { CatalogMerge.contentKey($0) }).count
        )
        return (report, tree, merged.all)
    }

    /// Stops a scan that was asked to stop (`Interruption`: a signal, or a cancelled task), before it
    /// changes anything.
    static func stopIfAsked(at point: String, _ sourceName: String) throws(SkillMeatError) {
        if Interruption.shouldStop(at: point) {
            throw .conflict("The scan of '\(sourceName)' was stopped before it changed the catalog; scan it again.")
        }
    }

    /// Asks a source for the tags it suggests (GitHub topics) and keeps the new ones as pending tags;
    /// says how many it found, how many became pending and how many were pending already.
    public func refreshTags(_ id: String, now: Date = Date()) async throws(SkillMeatError) -> TagRefresh {
        var source = try await requireSource(id)
        let reference = reference(of: source)
        let (providerID, provider) = try plugins.sourceProvider(for: reference)
        let suggested: [String]
        do {
            suggested = try await provider.suggestedTags(for: reference)
        } catch let error as PluginError {
            throw .plugin(providerID, error)
        } catch {
            throw .plugin(providerID, .network("\(error)"))
        }
        let found = Set(suggested)
        let known = Set(source.tags)
        let pending = Set(source.pendingTags)
        // A pending tag accepted since (now one of the source's tags) is no longer pending.
        source.pendingTags = pending.union(found).subtracting(known).sorted()
        source.updatedAt = Timestamp.truncated(now)
        try await wrap { try await sourceStore.updateSource(source) }
        return TagRefresh(
            source: source, tagsFound: found.count, tagsAdded: found.subtracting(known).subtracting(pending).count,
            tagsUpdated: found.intersection(pending).subtracting(known).count
        )
    }

    // MARK: Catalog

    /// A page of the entries matching `query`, paged by the store.
    public func catalog(_ query: CatalogQuery) async throws(SkillMeatError) -> StorePage<CatalogEntryRecord> {
        try await wrap { try await catalogStore.entries(query) }
    }

    /// Counts by status and type, of one source or all.
    public func counts(sourceID: String?) async throws(SkillMeatError) -> CatalogCounts {
        try await wrap { try await catalogStore.counts(sourceID: sourceID) }
    }

    /// One source and its catalog's counts (`source show`, `GET …/sources/{id}`).
    public func detail(_ id: String) async throws(SkillMeatError) -> SourceDetailOutput {
        let source = try await requireSource(id)
        return SourceDetailOutput(source: source, counts: try await counts(sourceID: source.id))
    }

    /// The entries linked to the collection artifact `importedAs` (`<collection>/<type>:<name>`).
    public func entries(importedAs: String) async throws(SkillMeatError) -> [CatalogEntryRecord] {
        try await wrap { try await catalogStore.entries(importedAs: importedAs) }
    }

    /// The entry named by its id, a unique id prefix, or `SOURCE:PATH` (with `SOURCE:PATH#NAME` when a
    /// file declares several artifacts).
    public func entry(_ reference: String) async throws(SkillMeatError) -> CatalogEntryRecord {
        if let exact = try await wrap({ try await catalogStore.entry(id: reference) }) { return exact }
        if let colon = reference.firstIndex(of: ":") {
            let sourcePart = String(reference[..<colon])
            var pathPart = String(reference[reference.index(after: colon)...])
            var name: String?
            if let hash = pathPart.lastIndex(of: "#") {
                name = String(pathPart[pathPart.index(after: hash)...])
                pathPart = String(pathPart[..<hash])
            }
            if let source = try? await requireSource(sourcePart) {
                let normalized = (try? RelativePath(validating: pathPart).string) ?? pathPart
                let matches = try await wrap { try await catalogStore.allEntries(sourceID: source.id) }
                    .filter { $0.path == normalized && (name == nil || $0.name == name) }
                if matches.count == 1 { return matches[0] }
                if matches.count > 1 {
                    throw .invalidArgument("'\(reference)' names \(matches.count) entries (\(matches.map(\.name).joined(separator: ", "))); add #NAME.")
                }
            }
        }
        let byPrefix = try await wrap { try await catalogStore.entries(idPrefix: reference) }
        if byPrefix.count == 1 { return byPrefix[0] }
        if byPrefix.count > 1 { throw .invalidArgument("'\(reference)' matches \(byPrefix.count) entries; give more of the id.") }
        throw .notFound("There is no catalog entry '\(reference)'.", hint: .listCatalog)
    }

    /// Hides an entry from the catalog with a reason.
    /// With `dryRun`, the entry as it would be, with nothing saved (so for `restore` and `rename`).
    public func exclude(_ reference: String, reason: String?, dryRun: Bool = false, now: Date = Date()) async throws(SkillMeatError) -> CatalogEntryRecord {
        try await record(.excluded(reason: reason ?? "excluded by the user", at: Timestamp.truncated(now)), on: try await entry(reference), dryRun: dryRun)
    }

    /// Brings an excluded entry back: `imported` if it has an import date, else `new`.
    public func restore(_ reference: String, dryRun: Bool = false) async throws(SkillMeatError) -> CatalogEntryRecord {
        try await record(.restored, on: try await entry(reference), dryRun: dryRun)
    }

    /// Marks entries imported (or re-imported) in one transaction: each `(entry, importedAs)` through
    /// the lifecycle's `imported` event with the batch's import id and date.
    @discardableResult
    public func markImported(_ marks: [(entry: CatalogEntryRecord, importedAs: String)], importID: String, now: Date) async throws(SkillMeatError) -> [CatalogEntryRecord] {
        var marked: [CatalogEntryRecord] = []
        for (entry, importedAs) in marks {
            marked.append(try Self.transition(.imported(importID: importID, at: Timestamp.truncated(now), importedAs: importedAs), entry))
        }
        let entries = marked
        try await wrap { try await catalogStore.saveEntries(entries) }
        try await nameEntries(changedFrom: marks.map(\.entry), to: entries)
        return marked
    }

    /// Applies one lifecycle event to one entry and saves it.
    func record(_ event: CatalogEvent, on entry: CatalogEntryRecord, dryRun: Bool = false) async throws(SkillMeatError) -> CatalogEntryRecord {
        let next = try Self.transition(event, entry)
        if dryRun { return next }
        try await wrap { try await catalogStore.saveEntries([next]) }
        try await nameEntries(changedFrom: [entry], to: [next])
        return next
    }

    /// The lifecycle's answer, a refusal as the caller's bad argument.
    static func transition(_ event: CatalogEvent, _ entry: CatalogEntryRecord) throws(SkillMeatError) -> CatalogEntryRecord {
        do {
            return try CatalogLifecycle.apply(event, to: entry)
        } catch {
            throw .invalidArgument(error.description)
        }
    }

    // MARK: Helpers

    /// `owner/repo` → `owner/repo`; a URL or path → its last two parts.
    static func defaultName(_ location: String) -> String {
        var text = location
        if text.hasSuffix("/") { text.removeLast() }
        if text.hasSuffix(".git") { text.removeLast(4) }
        if let at = text.lastIndex(of: "@"), !text.hasPrefix("git@"), !text[at...].contains("/") { text = String(text[..<at]) }
        let parts = text.split(whereSeparator: { $0 == "/" || $0 == ":" }).map(String.init).filter { !$0.isEmpty && !$0.contains(".") || $0.count > 1 }
        if let tree = parts.firstIndex(of: "tree") ?? parts.firstIndex(of: "blob"), tree >= 2 {
            return parts[(tree - 2)..<tree].joined(separator: "/")
        }
        return parts.suffix(2).joined(separator: "/")
    }

    static func slug(_ name: String) -> String {
        ArtifactNaming.suggestion(name) ?? (name.isEmpty ? "source" : name.lowercased())
    }

    static func uniqueID(_ base: String, taken: Set<String>) -> String {
        var candidate = base.isEmpty ? "source" : base
        var number = 2
        while taken.contains(candidate) {
            candidate = "\(base)-\(number)"
            number += 1
        }
        return candidate
    }

    func wrap<T>(_ body: () async throws -> T) async throws(SkillMeatError) -> T {
        try await SkillMeatError.store(body)
    }

    static func parseRoot(_ text: String?) throws(SkillMeatError) -> RelativePath? {
        guard let text else { return nil }
        do {
            return try RelativePath(validating: text)
        } catch {
            throw .invalidArgument("The root '\(text)' is unsafe: \(error.description)")
        }
    }
}
