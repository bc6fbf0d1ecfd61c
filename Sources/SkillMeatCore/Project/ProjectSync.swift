public import Foundation
public import SkillMeatPluginAPI

/// `sync`: makes a project match its `skillmeat.toml` and `skillmeat.lock`. Imports into the collection
/// what it lacks, pinned to the lock (`PinnedInstaller`: fetched at the locked commit, checked against the
/// locked hash), resolves and locks what the lock does not have yet, deploys what is missing or outdated
/// (`DeploymentService`), undeploys what SkillMeat deployed in the project from this collection that the
/// manifest no longer lists (the deployment records say what that is, so a person's files are never
/// touched), and writes the lock. Only what the manifest lists is changed. The plan is made first;
/// `frozen` and `dryRun` stop there.
public struct ProjectSync: Sendable {
    public let deployment: DeploymentService


    var collection: CollectionService { deployment.collection }
    var plugins: PluginCatalog { deployment.plugins }

    public struct Request: Sendable {
        public var projectRoot: URL
        /// Change nothing; report every difference (the front end fails on any).
        public var frozen: Bool
        /// Plan only.
        public var dryRun: Bool
        public var commandConsent: DeploymentService.CommandConsent
        public var strategy: ConflictStrategyName

        public init(projectRoot: URL, frozen: Bool = false, dryRun: Bool = false, commandConsent: DeploymentService.CommandConsent = .refuse, strategy: ConflictStrategyName = .skip) {
            self.projectRoot = projectRoot
            self.frozen = frozen
            self.dryRun = dryRun
            self.commandConsent = commandConsent
            self.strategy = strategy
        }
    }

    /// One change sync makes (or, planning, would make).
    public struct Change: Sendable, Hashable, Encodable {
        public enum Kind: String, Sendable, Codable {
            /// Fetch into the collection (pinned to the lock, or resolved for it).
            case `import`
            /// Deploy for the first time.
            case deploy
            /// Deploy again: the deployed copy is behind the collection (or was changed).
            case update
            /// Remove what SkillMeat deployed for an artifact the manifest no longer lists.
            case undeploy
            /// Add, change or drop the artifact's entry in `skillmeat.lock`.
            case lock
        }

        public var kind: Kind
        public var artifact: String
        public var profile: String?
        public var scope: DeploymentScope?
        public var detail: String

        enum CodingKeys: String, CodingKey {
            case kind, artifact, profile, scope, detail
        }

        public func encode(to encoder: any Encoder) throws {
            try encoder.encodeFields(CodingKeys.self, [.kind: kind.rawValue, .artifact: artifact, .profile: profile, .scope: scope?.rawValue, .detail: detail])
        }
    }

    public struct Report: Sendable, Encodable {
        public var project: String
        public var collection: String
        public var dryRun: Bool
        public var frozen: Bool
        /// Whether the changes were made (not a dry run, not frozen).
        public var applied: Bool
        public var changes: [Change]
        /// What sync could not do (an artifact it cannot fetch, a conflict left alone), by artifact.
        public var problems: [String]
        /// Conflicts the strategy left alone (deploy items skipped).
        public var skipped: Int

        /// The project matches its manifest and lock.
        public var inSync: Bool { changes.isEmpty && problems.isEmpty }

        enum CodingKeys: String, CodingKey {
            case project, collection, frozen, applied, changes, problems, skipped
            case dryRun = "dry_run"
            case inSync = "in_sync"
        }

        public func encode(to encoder: any Encoder) throws {
            try encoder.encodeFields(CodingKeys.self, [
                .project: project, .collection: collection, .dryRun: dryRun, .frozen: frozen, .applied: applied,
                .inSync: inSync, .changes: changes, .problems: problems, .skipped: skipped,
            ])
        }
    }

    public func run(_ request: Request, now: Date = Date()) async throws(SkillMeatError) -> Report {
        try await Interruption.observing { () async throws(SkillMeatError) -> Report in
            try await runObserved(request, now: now)
        }
    }

    private func runObserved(_ request: Request, now: Date) async throws(SkillMeatError) -> Report {
        let root = PathSafety.canonical(request.projectRoot)
        try DeploymentService.requireFolder(root)
        guard ProjectManifest.exists(in: root) else {
            throw .notFound("\(root.path) has no \(ProjectManifest.fileName); save deployments into it, or write one.", hint: .listDeployments(project: root.path))
        }
        let manifest = try ProjectManifest.read(in: root)
        let lock = try ProjectLock.read(in: root)
        let store = collection.store
        let (collectionManifest, _) = try store.read()
        let apply = !request.frozen && !request.dryRun
        var report = Report(project: root.path, collection: store.name, dryRun: request.dryRun, frozen: request.frozen, applied: apply, changes: [], problems: [], skipped: 0)
        var newLock = ProjectLock()
        var pins: [(wanted: ProjectManifest.Entry, pin: PinnedInstaller.Pin)] = []

        // 1. What the collection must hold: the locked content, or (new to the lock) what the source has now.
        for wanted in manifest.entries {
            let id = wanted.id
            let existing = collectionManifest.artifact(id)
            let current = existing.flatMap { try? store.location(of: $0) }.flatMap { try? ContentHash.ofItem(at: $0) }
            if let locked = lock.entries[id], locked.matches(wanted) {
                newLock.entries[id] = locked
                guard current != locked.contentHash else { continue }
                guard let pinned = pinnedUpstream(wanted, locked) else {
                    report.problems.append("\(id): the collection does not hold its locked content (\(locked.contentHash.prefix(12))) and the lock names nowhere to fetch it from")
                    continue
                }
                report.changes.append(Change(
                    kind: .import, artifact: id.description,
                    detail: "fetch \(pinned.reference.location)\(pinned.reference.ref.map { "@\($0.prefix(12))" } ?? "") as locked" + (existing == nil ? "" : " (replaces the collection's copy)")
                ))
                pins.append((wanted, pin(wanted, existing: existing, upstream: pinned, expected: locked.contentHash, commit: locked.commit, upstreamText: locked.upstream)))
            } else if let source = wanted.source {
                guard let pathText = wanted.path, let path = try? RelativePath(validating: pathText) else {
                    report.problems.append("\(id): it names the source \(source) but no path in it")
                    continue
                }
                let upstream = PinnedUpstream(reference: SourceReference(location: source, ref: wanted.ref), path: path)
                report.changes.append(Change(kind: .import, artifact: id.description, detail: "resolve \(source)\(wanted.ref.map { "@\($0)" } ?? "") and fetch \(path)"))
                report.changes.append(Change(kind: .lock, artifact: id.description, detail: lock.entries[id] == nil ? "add" : "re-resolve: the manifest's source, ref or path changed"))
                pins.append((wanted, pin(wanted, existing: existing, upstream: upstream, expected: nil, commit: nil, upstreamText: nil)))
            } else {
                guard let existing, let current else {
                    report.problems.append("\(id): it is not in the collection '\(store.name)' and the manifest names no source to fetch it from")
                    continue
                }
                let entry = ProjectLock.Entry(id: id, source: nil, ref: nil, path: nil, commit: existing.resolvedSHA, upstream: existing.upstream, contentHash: current)
                if lock.entries[id] != entry { report.changes.append(Change(kind: .lock, artifact: id.description, detail: "record the collection's content \(current.prefix(12))")) }
                newLock.entries[id] = entry
            }
        }
        for id in Set(lock.entries.keys).subtracting(manifest.entries.map(\.id)).sorted(by: { $0.description < $1.description }) {
            report.changes.append(Change(kind: .lock, artifact: id.description, detail: "drop: no longer in the manifest"))
        }

        // 2. Fetch (only when applying): pinned ones are checked against the lock, new ones are locked.
        var unavailable = Set<ArtifactID>()
        if apply {
            let outcomes = try await PinnedInstaller(collection: collection, plugins: plugins).install(pins.map(\.pin), now: now)
            for (wanted, outcome) in zip(pins.map(\.wanted), outcomes) {
                guard outcome.status == .installed, let hash = outcome.contentHash else {
                    report.problems.append("\(wanted.id): \(outcome.message)")
                    unavailable.insert(wanted.id)
                    continue
                }
                if newLock.entries[wanted.id] == nil {
                    newLock.entries[wanted.id] = ProjectLock.Entry(
                        id: wanted.id, source: wanted.source, ref: wanted.ref, path: wanted.path, commit: outcome.commit, upstream: outcome.upstream, contentHash: hash
                    )
                }
            }
        } else {
            unavailable = Set(pins.map(\.wanted.id))
        }

        // 3. Deploy what is wanted, one request per scope, profile set and type.
        let defaults = plugins.defaultProfiles
        var groups: [String: (scope: DeploymentScope, profiles: [String], type: ArtifactType, names: [String])] = [:]
        var wantedDeployments = Set<String>()
        for wanted in manifest.entries where !report.problems.contains(where: { $0.hasPrefix("\(wanted.id):") }) {
            let scope = wanted.scope ?? manifest.scope
            let profiles = manifest.profiles(of: wanted, defaults: defaults)
            for profile in profiles { wantedDeployments.insert("\(wanted.id)\u{0}\(profile)\u{0}\(scope.rawValue)") }
            if unavailable.contains(wanted.id) {
                // Planned: it is deployed once fetched.
                for profile in profiles { report.changes.append(Change(kind: .deploy, artifact: wanted.id.description, profile: profile, scope: scope, detail: "after the import")) }
                continue
            }
            let key = "\(scope.rawValue)\u{0}\(profiles.joined(separator: ","))\u{0}\(wanted.id.type.rawValue)"
            groups[key, default: (scope, profiles, wanted.id.type, [])].names.append(wanted.id.name)
        }
        for key in groups.keys.sorted() {
            let group = groups[key]!
            let deployRequest = DeploymentService.Request(
                names: group.names.sorted(), type: group.type, projectRoot: root, scope: group.scope, profiles: group.profiles,
                strategy: request.strategy, dryRun: !apply, commandConsent: request.commandConsent
            )
            let items: [DeploymentPreview.Item]
            do {
                items = try await deployment.deploy(deployRequest, now: now).items
            } catch {
                report.problems.append("deploying \(group.names.sorted().joined(separator: ", ")) (\(group.profiles.joined(separator: ", "))): \(error.description)")
                continue
            }
            for item in items {
                switch item.action {
                case .deploy, .update:
                    report.changes.append(Change(
                        kind: item.action == .deploy ? .deploy : .update, artifact: item.artifact.description, profile: item.profile, scope: group.scope,
                        detail: item.deployedName == item.artifact.name ? "\(item.writes.count) file(s), \(item.merges.count) merged entr\(item.merges.count == 1 ? "y" : "ies")" : "as '\(item.deployedName)'"
                    ))
                case .skip:
                    report.skipped += 1
                    report.problems.append("\(item.artifact) (\(item.profile)): left alone: \(item.conflicts.joined(separator: "; "))")
                case .unchanged, .unsupported:
                    break
                }
            }
        }

        // 4. Undeploy what SkillMeat deployed here from this collection that the manifest no longer lists.
        for (record, scope) in try recordedDeployments(root: root) {
            guard !wantedDeployments.contains("\(record.id)\u{0}\(record.profileID)\u{0}\(scope.rawValue)") else { continue }
            report.changes.append(Change(kind: .undeploy, artifact: record.id.description, profile: record.profileID, scope: scope, detail: "no longer in the manifest"))
            guard apply else { continue }
            do {
                let removed = try await deployment.undeploy(record.artifactName, type: record.artifactType, projectRoot: root, scope: scope, profiles: [record.profileID])
                for entry in removed.entries where !entry.kept.isEmpty {
                    report.problems.append("\(record.id) (\(record.profileID)): changed since it was deployed, kept: \(entry.kept.joined(separator: ", "))")
                }
            } catch {
                report.problems.append("\(record.id) (\(record.profileID)): \(error.description)")
            }
        }

        // 5. The lock, written only when its text changes.
        if apply { try newLock.write(in: root) }
        return report
    }

    /// Where a locked artifact is fetched from: the manifest's source at the locked commit, else the
    /// lock's upstream address.
    func pinnedUpstream(_ wanted: ProjectManifest.Entry, _ locked: ProjectLock.Entry) -> PinnedUpstream? {
        if let source = wanted.source, let pathText = wanted.path, let path = try? RelativePath(validating: pathText) {
            return PinnedUpstream(reference: SourceReference(location: source, ref: locked.commit ?? wanted.ref), path: path)
        }
        return locked.upstream.flatMap { CatalogIdentity.pinnedUpstream($0, commit: locked.commit, plugins: plugins) }
    }

    /// A pin that installs `wanted` into the collection (keeping the collection entry's own fields when it has one).
    func pin(_ wanted: ProjectManifest.Entry, existing: CollectionArtifact?, upstream: PinnedUpstream, expected: String?, commit: String?, upstreamText: String?) -> PinnedInstaller.Pin {
        let origin = (try? plugins.sourceProvider(for: upstream.reference).provider.originLabel) ?? "local"
        let entry = existing ?? CollectionArtifact(name: wanted.id.name, type: wanted.id.type, path: "", origin: origin, resolvedVersion: wanted.ref)
        let lock = LockEntry(contentHash: expected ?? "", upstream: upstreamText, resolvedSHA: commit, resolvedVersion: wanted.ref)
        return PinnedInstaller.Pin(entry: entry, upstream: upstream, expectedHash: expected, lock: lock, restoring: false)
    }

    /// The deployments SkillMeat recorded from this collection in the project, for every profile.
    func recordedDeployments(root: URL) throws(SkillMeatError) -> [(DeploymentRecord, DeploymentScope)] {
        var result: [(DeploymentRecord, DeploymentScope)] = []
        for profileID in plugins.deployerProfiles {
            let profile = try plugins.deployer(profile: profileID).profile
            for record in try DeploymentRecordFile.read(try deployment.recordURL(profile, root: root)).deployed
            where record.fromCollection == collection.store.name && record.profileID == profileID {
                result.append((record, .project))
            }
        }
        return result.sorted { ($0.0.id.description, $0.0.profileID) < ($1.0.id.description, $1.0.profileID) }
    }
}
