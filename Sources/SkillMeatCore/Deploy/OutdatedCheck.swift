public import Foundation
public import SkillMeatPluginAPI
public import SkillMeatStore

/// `outdated`: what is behind, by content hash only, without touching the network — a collection's
/// artifacts against their upstream as the catalog's last scan saw it (the catalog hash of the entry
/// now against the one it had when imported), and a project's deployments against the collection (the
/// hash recorded at deploy time against the collection's current hash).
public struct OutdatedCheck: Sendable {
    public let collection: CollectionService
    public let sources: any SourceStore

    /// What to compare.
    public struct Request: Sendable {
        /// Compare the collection with upstream.
        public var upstream: Bool
        /// Compare deployments with the collection: in these project folders, or in every known
        /// project when nil. Empty: none.
        public var projects: [URL]?

        public init(upstream: Bool, projects: [URL]?) {
            self.upstream = upstream
            self.projects = projects
        }
    }

    /// One thing that is behind.
    public struct Item: Sendable, Hashable, Encodable {
        public enum Kind: String, Sendable, Codable {
            /// The collection copy is behind its upstream.
            case collectionVsUpstream = "collection_vs_upstream"
            /// A deployed copy is behind the collection.
            case projectVsCollection = "project_vs_collection"
        }

        public var kind: Kind
        public var artifact: ArtifactID
        public var collection: String
        /// `outdated`; for upstream also `removed_upstream`; for a deployment also `conflict` (the
        /// project copy was edited too).
        public var state: String
        /// The hash of what is there (imported, or deployed).
        public var currentHash: String?
        /// The hash of what it is behind (upstream's catalog hash, or the collection's).
        public var latestHash: String?
        public var projectPath: String?
        public var profile: String?
        public var scope: DeploymentScope?
        public var sourceID: String?
        /// When the catalog that saw the upstream change was last scanned.
        public var catalogScannedAt: Date?
        /// What brings it up to date, as data (each front end words it).
        public var hint: Hint

        enum CodingKeys: String, CodingKey {
            case kind, artifact, collection, state, profile, scope, action
            case currentHash = "current_hash"
            case latestHash = "latest_hash"
            case projectPath = "project_path"
            case sourceID = "source_id"
            case catalogScannedAt = "catalog_scanned_at"
        }

        public func encode(to encoder: any Encoder) throws {
            try encoder.encodeFields(CodingKeys.self, [
                .kind: kind.rawValue, .artifact: artifact.description, .collection: collection, .state: state,
                .currentHash: currentHash, .latestHash: latestHash, .projectPath: projectPath, .profile: profile,
                .scope: scope?.rawValue, .sourceID: sourceID, .catalogScannedAt: catalogScannedAt.map(Timestamp.string), .action: hint.action,
            ])
        }
    }

    /// How old one source's catalog data is.
    public struct CatalogAge: Sendable, Hashable, Encodable {
        public var sourceID: String
        public var scannedAt: Date?
        public var ageSeconds: Int?

        enum CodingKeys: String, CodingKey {
            case sourceID = "source_id"
            case scannedAt = "scanned_at"
            case ageSeconds = "age_seconds"
        }

        public func encode(to encoder: any Encoder) throws {
            try encoder.encodeFields(CodingKeys.self, [.sourceID: sourceID, .scannedAt: scannedAt.map(Timestamp.string), .ageSeconds: ageSeconds])
        }
    }

    public struct Report: Sendable, Encodable {
        public var collection: String
        public var items: [Item]
        /// The catalogs the upstream comparison read, with their age (no network was used).
        public var catalogs: [CatalogAge]

        enum CodingKeys: String, CodingKey {
            case collection, items, catalogs
        }
    }

    public func run(_ request: Request, now: Date = Date()) async throws(SkillMeatError) -> Report {
        let name = collection.store.name
        var items: [Item] = []
        var ages: [CatalogAge] = []
        if request.upstream, let catalog = collection.catalog {
            let entries = try await SkillMeatError.store { try await catalog.entries(importedInto: name) }
            let known = Dictionary(try await SkillMeatError.store { try await sources.sources() }.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            var seen: Set<ArtifactID> = []
            var used: Set<String> = []
            for entry in entries {
                guard let importedAs = entry.importedAs, importedAs.hasPrefix(name + "/"),
                      let id = ArtifactID(parsing: String(importedAs.dropFirst(name.count + 1))), !seen.contains(id) else { continue }
                used.insert(entry.sourceID)
                let removed = entry.status == .removed
                guard removed || (entry.importedHash != nil && entry.importedHash != entry.contentHash) else { continue }
                seen.insert(id)
                items.append(Item(
                    kind: .collectionVsUpstream, artifact: id, collection: name, state: removed ? "removed_upstream" : "outdated",
                    currentHash: entry.importedHash, latestHash: removed ? nil : entry.contentHash, sourceID: entry.sourceID,
                    catalogScannedAt: known[entry.sourceID]?.lastScanAt,
                    hint: removed ? .rescanSource(id: entry.sourceID) : .updateArtifact(name: id.name, type: id.type, collection: name)
                ))
            }
            ages = used.sorted().map { id in
                let scanned = known[id]?.lastScanAt
                return CatalogAge(sourceID: id, scannedAt: scanned, ageSeconds: scanned.map { max(0, Int(now.timeIntervalSince($0))) })
            }
        }
        if request.projects?.isEmpty != true {
            let index = DeploymentIndex(home: collection.store.home)
            for status in try index.status(roots: request.projects) where status.collection == name {
                guard status.state == .outdated || status.state == .conflict, let id = ArtifactID(parsing: status.artifact) else { continue }
                let project = URL(fileURLWithPath: status.projectPath, isDirectory: true)
                let managed = status.scope == .project && ProjectManifest.exists(in: project)
                items.append(Item(
                    kind: .projectVsCollection, artifact: id, collection: name, state: status.state.rawValue,
                    currentHash: status.recordedHash, latestHash: status.collectionHash, projectPath: status.projectPath,
                    profile: status.profile, scope: status.scope,
                    hint: managed
                        ? .syncProject(project: status.projectPath)
                        : .redeploy(name: id.name, type: id.type, project: status.projectPath, profile: status.profile, scope: status.scope, collection: name)
                ))
            }
        }
        return Report(collection: name, items: items, catalogs: ages)
    }
}

extension CollectionService {
    /// `outdated` of this collection: against upstream as the catalogs of `sources` last saw it, and its deployments against it.
    public func outdated(against sources: any SourceStore) -> OutdatedCheck { OutdatedCheck(collection: self, sources: sources) }
}
