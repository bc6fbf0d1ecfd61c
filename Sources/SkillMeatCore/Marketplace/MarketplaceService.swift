public import Foundation
public import SkillMeatCache
public import SkillMeatPluginAPI

/// Marketplace sources and their catalogs (DESIGN §4): add, update, remove, scan and rescan, the
/// catalog's status machine, exclusion and restoring.
public struct MarketplaceService: Sendable {
    public let store: any MarketplaceStore
    public let plugins: PluginCatalog

    public init(store: any MarketplaceStore, plugins: PluginCatalog) {
        self.store = store
        self.plugins = plugins
    }

    /// Trust levels a source may have.
    public static let trustLevels = ["untrusted", "basic", "trusted", "official"]

    /// What a scan did.
    public struct ScanReport: Sendable, Hashable, Codable {
        public var sourceID: String
        public var commit: String?
        public var total: Int
        public var counts: CatalogMerge.Counts
        /// Imported entries whose upstream content changed.
        public var upstreamChanges: [String]
        /// Entries whose content is also in another source.
        public var crossSourceDuplicates: Int
        public var requests: SourceRequestStats?
        public var diagnostics: [DiagnosticOutput]

        enum CodingKeys: String, CodingKey {
            case commit, total, diagnostics, requests
            case sourceID = "source_id"
            case new, updated, removed, unchanged, duplicates
            case upstreamChanges = "upstream_changes"
            case crossSourceDuplicates = "cross_source_duplicates"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(sourceID, forKey: .sourceID)
            try container.encode(commit, forKey: .commit)
            try container.encode(total, forKey: .total)
            try container.encode(counts.new, forKey: .new)
            try container.encode(counts.updated, forKey: .updated)
            try container.encode(counts.removed, forKey: .removed)
            try container.encode(counts.unchanged, forKey: .unchanged)
            try container.encode(counts.duplicates, forKey: .duplicates)
            try container.encode(upstreamChanges, forKey: .upstreamChanges)
            try container.encode(crossSourceDuplicates, forKey: .crossSourceDuplicates)
            try container.encode(requests, forKey: .requests)
            try container.encode(diagnostics, forKey: .diagnostics)
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            sourceID = try container.decode(String.self, forKey: .sourceID)
            commit = try container.decodeIfPresent(String.self, forKey: .commit)
            total = try container.decode(Int.self, forKey: .total)
            counts = CatalogMerge.Counts()
            counts.new = try container.decode(Int.self, forKey: .new)
            counts.updated = try container.decode(Int.self, forKey: .updated)
            counts.removed = try container.decode(Int.self, forKey: .removed)
            counts.unchanged = try container.decode(Int.self, forKey: .unchanged)
            counts.duplicates = try container.decode(Int.self, forKey: .duplicates)
            upstreamChanges = try container.decode([String].self, forKey: .upstreamChanges)
            crossSourceDuplicates = try container.decode(Int.self, forKey: .crossSourceDuplicates)
            requests = try container.decodeIfPresent(SourceRequestStats.self, forKey: .requests)
            diagnostics = try container.decode([DiagnosticOutput].self, forKey: .diagnostics)
        }

        init(sourceID: String, commit: String?, total: Int, counts: CatalogMerge.Counts, upstreamChanges: [String], crossSourceDuplicates: Int, requests: SourceRequestStats?, diagnostics: [DiagnosticOutput]) {
            self.sourceID = sourceID
            self.commit = commit
            self.total = total
            self.counts = counts
            self.upstreamChanges = upstreamChanges
            self.crossSourceDuplicates = crossSourceDuplicates
            self.requests = requests
            self.diagnostics = diagnostics
        }
    }

    /// What to create a source from.
    public struct NewSource: Sendable {
        public var location: String
        public var ref: String?
        public var root: String?
        public var manualMap: ManualMap
        public var trust: String
        public var name: String?
        public var description: String?
        public var tags: [String]

        public init(location: String, ref: String? = nil, root: String? = nil, manualMap: ManualMap = ManualMap(), trust: String = "basic", name: String? = nil, description: String? = nil, tags: [String] = []) {
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
        try Self.validateTrust(request.trust)
        let map = request.manualMap
        let root = try Self.parseRoot(request.root)
        let reference = SourceReference(location: request.location, ref: request.ref, root: root)
        let provider = try plugins.sourceProvider(for: reference)
        _ = try Self.parts(of: reference, id: provider.id, provider: provider.provider)
        let existing = try wrap { try store.sources() }
        if let duplicate = existing.first(where: { $0.location == request.location && $0.ref == request.ref && $0.root == root?.string }) {
            throw .conflict("'\(request.location)' is already the source '\(duplicate.id)'; rescan it instead.", hint: .rescanSource(id: duplicate.id))
        }
        let name = request.name ?? Self.defaultName(request.location)
        let stamp = Timestamp.string(now)
        let source = MarketplaceSourceRecord(
            id: Self.uniqueID(Self.slug(name), taken: Set(existing.map(\.id))),
            name: name,
            location: request.location,
            ref: request.ref,
            root: root?.string,
            manualMap: map.stored,
            trust: request.trust,
            description: request.description,
            tags: request.tags,
            provider: provider.id.description,
            createdAt: stamp,
            updatedAt: stamp
        )
        try wrap { try store.insertSource(source) }
        do {
            let report = try await scan(source.id, now: now)
            return (try wrap { try store.source(id: source.id) } ?? source, .success(report))
        } catch {
            return (try wrap { try store.source(id: source.id) } ?? source, .failure(error))
        }
    }

    /// Changes a source's settings; a manual map's paths must exist in the source's tree.
    public func updateSource(
        _ id: String, ref: String?? = nil, root: String?? = nil, manualMap: ManualMap? = nil, trust: String? = nil,
        description: String?? = nil, tags: [String]? = nil, name: String? = nil, acceptPendingTags: Bool = false, now: Date = Date()
    ) async throws(SkillMeatError) -> MarketplaceSourceRecord {
        var source = try requireSource(id)
        if acceptPendingTags {
            source.tags = Array(Set((tags ?? source.tags) + source.pendingTags)).sorted()
            source.pendingTags = []
        }
        if let ref { source.ref = ref }
        if let root {
            source.root = try Self.parseRoot(root)?.string
        }
        if let trust {
            try Self.validateTrust(trust)
            source.trust = trust
        }
        if let description { source.description = description }
        if let tags, !acceptPendingTags { source.tags = tags }
        if let name { source.name = name }
        if let map = manualMap {
            if !map.isEmpty {
                let tree = try await SourceScan(plugins: plugins).readTree(reference(of: source))
                for path in map.types.keys where !tree.contains(path) && !tree.isDirectory(path) {
                    throw .invalidArgument("The mapped path '\(path)' does not exist in \(source.location); map only paths the source has.")
                }
            }
            source.manualMap = map.stored
        }
        source.updatedAt = Timestamp.string(now)
        try wrap { try store.updateSource(source) }
        return source
    }

    /// Deletes a source and its catalog (the collection keeps what was imported).
    public func removeSource(_ id: String) throws(SkillMeatError) {
        _ = try requireSource(id)
        try wrap { try store.deleteSource(id: id) }
    }

    public func sources() throws(SkillMeatError) -> [MarketplaceSourceRecord] {
        try wrap { try store.sources() }
    }

    /// The source with this id (or unique id prefix, or name).
    public func requireSource(_ id: String) throws(SkillMeatError) -> MarketplaceSourceRecord {
        let all = try sources()
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
    func scanKeepingTree(_ id: String, now: Date = Date()) async throws(SkillMeatError) -> (report: ScanReport, tree: SourceTree) {
        var source = try requireSource(id)
        let stamp = Timestamp.string(now)
        let map = ManualMap(stored: source.manualMap)
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
            try? store.updateSource(source)
            throw error
        }
        let tree = outcome.tree
        let provider = plugins.sourceProvider(id: tree.providerID)
        let found = outcome.result.artifacts.map { artifact in
            CatalogEntryRecord(
                id: CatalogIdentity.entryID(sourceID: source.id, type: artifact.type, path: artifact.path, name: artifact.name),
                sourceID: source.id,
                type: artifact.type.rawValue,
                name: artifact.name,
                path: artifact.path.string,
                upstreamURL: CatalogIdentity.upstream(of: artifact.path, in: tree, provider: provider),
                detectedSHA: tree.commit,
                contentHash: CatalogIdentity.contentHash(of: artifact, in: tree),
                confidence: artifact.confidence,
                reasons: artifact.reasons,
                status: "new",
                description: artifact.metadata.description,
                tags: artifact.metadata.tags,
                metadata: artifact.metadata,
                files: artifact.files.map(\.string),
                declaration: artifact.declaration,
                firstSeen: stamp,
                lastSeen: stamp
            )
        }
        let existing = try wrap { try store.allEntries(sourceID: source.id) }
        var merged = CatalogMerge.merge(existing: existing, found: found, now: stamp)
        var crossSource = 0
        for index in merged.changed.indices where merged.changed[index].status != "removed" {
            let entry = merged.changed[index]
            let others = try wrap { try store.entries(type: entry.type, contentHash: entry.contentHash, notInSource: source.id) }
            merged.changed[index].duplicates = others.map { "\($0.sourceID):\($0.id)" }
            if !others.isEmpty { crossSource += 1 }
        }
        source.lastScanAt = stamp
        source.lastCommit = tree.commit
        source.lastError = nil
        source.provider = tree.providerID.description
        source.artifactCount = merged.all.filter { $0.status != "removed" && $0.status != "excluded" }.count
        try wrap { try store.saveScan(source: source, entries: merged.changed) }
        let report = ScanReport(
            sourceID: source.id,
            commit: tree.commit,
            total: found.count,
            counts: merged.counts,
            upstreamChanges: merged.upstreamChanges.map(\.id),
            crossSourceDuplicates: crossSource,
            requests: tree.requestLog?.stats,
            diagnostics: outcome.result.diagnostics.map(DiagnosticOutput.init)
        )
        return (report, tree)
    }

    /// Asks a source for the tags it suggests (GitHub topics) and keeps the new ones as pending tags.
    public func refreshTags(_ id: String, now: Date = Date()) async throws(SkillMeatError) -> MarketplaceSourceRecord {
        var source = try requireSource(id)
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
        let known = Set(source.tags)
        source.pendingTags = Array(Set(source.pendingTags + suggested.filter { !known.contains($0) })).sorted()
        source.updatedAt = Timestamp.string(now)
        try wrap { try store.updateSource(source) }
        return source
    }

    // MARK: Catalog

    /// Entries matching `query`.
    public func catalog(_ query: CatalogQuery) throws(SkillMeatError) -> [CatalogEntryRecord] {
        try wrap { try store.entries(query) }
    }

    /// Counts by status and type, of one source or all.
    public func counts(sourceID: String?) throws(SkillMeatError) -> CatalogCounts {
        try wrap { try store.counts(sourceID: sourceID) }
    }

    /// The entry named by its id, a unique id prefix, or `SOURCE:PATH` (with `SOURCE:PATH#NAME` when a
    /// file declares several artifacts).
    public func entry(_ reference: String) throws(SkillMeatError) -> CatalogEntryRecord {
        if let exact = try wrap({ try store.entry(id: reference) }) { return exact }
        if let colon = reference.firstIndex(of: ":") {
            let sourcePart = String(reference[..<colon])
            var pathPart = String(reference[reference.index(after: colon)...])
            var name: String?
            if let hash = pathPart.lastIndex(of: "#") {
                name = String(pathPart[pathPart.index(after: hash)...])
                pathPart = String(pathPart[..<hash])
            }
            if let source = try? requireSource(sourcePart) {
                let normalized = (try? RelativePath(validating: pathPart).string) ?? pathPart
                let matches = try wrap { try store.allEntries(sourceID: source.id) }
                    .filter { $0.path == normalized && (name == nil || $0.name == name) }
                if matches.count == 1 { return matches[0] }
                if matches.count > 1 {
                    throw .invalidArgument("'\(reference)' names \(matches.count) entries (\(matches.map(\.name).joined(separator: ", "))); add #NAME.")
                }
            }
        }
        let byPrefix = try wrap { try store.entries(idPrefix: reference) }
        if byPrefix.count == 1 { return byPrefix[0] }
        if byPrefix.count > 1 { throw .invalidArgument("'\(reference)' matches \(byPrefix.count) entries; give more of the id.") }
        throw .notFound("There is no catalog entry '\(reference)'.", hint: .listCatalog)
    }

    /// Hides an entry from the catalog with a reason.
    public func exclude(_ reference: String, reason: String?, now: Date = Date()) throws(SkillMeatError) -> CatalogEntryRecord {
        var entry = try entry(reference)
        entry.status = "excluded"
        entry.excludedReason = reason ?? "excluded by the user"
        entry.excludedAt = Timestamp.string(now)
        try wrap { try store.saveEntry(entry) }
        return entry
    }

    /// Brings an excluded entry back: `imported` if it has an import date, else `new`.
    public func restore(_ reference: String) throws(SkillMeatError) -> CatalogEntryRecord {
        var entry = try entry(reference)
        guard entry.status == "excluded" else {
            throw .invalidArgument("The entry '\(entry.id)' is \(entry.status), not excluded; there is nothing to restore.")
        }
        if entry.importID != nil, entry.importDate != nil {
            entry.status = "imported"
        } else {
            entry.status = "new"
            entry.importID = nil
            entry.importDate = nil
        }
        entry.excludedReason = nil
        entry.excludedAt = nil
        try wrap { try store.saveEntry(entry) }
        return entry
    }

    // MARK: Helpers

    static func validateTrust(_ trust: String) throws(SkillMeatError) {
        guard trustLevels.contains(trust) else {
            throw .invalidArgument("'\(trust)' is not a trust level; use \(trustLevels.joined(separator: ", ")).")
        }
    }

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

    func wrap<T>(_ body: () throws -> T) throws(SkillMeatError) -> T {
        do {
            return try body()
        } catch let error as SkillMeatError {
            throw error
        } catch let error as CacheError {
            throw .database(error.description)
        } catch {
            throw .database("\(error)")
        }
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
