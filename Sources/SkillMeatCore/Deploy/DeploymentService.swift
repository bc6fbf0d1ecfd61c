public import Foundation
public import SkillMeatPluginAPI
import SkillMeatStore

/// Deploy and undeploy: plans through the profile's deployer, decides conflicts through the chosen
/// strategy, applies the plan atomically under the root's lock (rolling every file back if anything
/// fails), keeps the profile root's `.skillmeat-deployed.toml` and the cache's `deployments_json` in
/// step, and remembers the root in `projects.toml`.
public struct DeploymentService: Sendable {
    public let collection: CollectionService
    public let plugins: PluginCatalog
    /// The user scope's root (`$HOME`).
    public let userHome: URL

    public init(collection: CollectionService, plugins: PluginCatalog, userHome: URL) {
        self.collection = collection
        self.plugins = plugins
        self.userHome = PathSafety.canonical(userHome)
    }

    var home: SkillMeatHome { collection.store.home }

    /// `adopt` over this service's collection and plugins.
    public var adoption: ProjectAdoption { ProjectAdoption(deployment: self) }
    /// `sync`, and the project manifest edits of `deploy`, `undeploy` and `adopt --save`.
    public var projectSync: ProjectSync { ProjectSync(deployment: self) }

    /// The root a scope deploys into.
    public func root(for scope: DeploymentScope, project: URL) -> URL {
        // A project reached through a symbolic link is the same project: one lock, one record, one entry
        // in projects.toml, whichever path a command was given.
        scope == .project ? PathSafety.canonical(project) : userHome
    }

    // MARK: Planning

    /// Plans the deployment and decides its conflicts; writes nothing.
    public func preview(_ request: Request) async throws(SkillMeatError) -> DeploymentPreview {
        let root = root(for: request.scope, project: request.projectRoot)
        try Self.requireFolder(root)
        // A deploy a killed process left half done is finished first, so its files read as ours.
        try finishInterruptedDeploy(root)
        let strategy = try plugins.conflictStrategy(request.strategy)
        var sources: [DeployableArtifact] = []
        let names = try await selectedNames(request)
        for (offset, name) in names.enumerated() {
            WorkProgress.report(.deploying, completed: offset, total: names.count, current: name)
            sources.append(try await load(name, type: request.type))
        }
        var targets: [DeploymentPreview.Target] = []
        for profileID in try plugins.deploymentProfiles(request.allProfiles ? plugins.deployerProfiles : request.profiles) {
            let deployer = try plugins.deployer(profile: profileID)
            let profile = deployer.profile
            let records = try DeploymentRecordFile.read(try recordURL(profile, root: root))
            var world = Destination(root: root)
            var items: [DeploymentPreview.Item] = []
            for source in sources {
                items.append(try plan(source, deployer: deployer, scope: request.scope, records: records, strategy: strategy, world: &world))
            }
            targets.append(.init(profile: profile, scope: request.scope, root: root, items: items))
        }
        return DeploymentPreview(collection: collection.store.name, targets: targets)
    }

    private func plan(
        _ source: DeployableArtifact, deployer: any PlatformDeployer, scope: DeploymentScope, records: DeploymentRecordFile,
        strategy: any ConflictStrategy, world: inout Destination
    ) throws(SkillMeatError) -> DeploymentPreview.Item {
        let profile = deployer.profile
        let existing = records.index(of: source.id, collection: collection.store.name, profile: profile.id).map { records.deployed[$0] }
        var name = existing?.deployedName ?? source.id.name
        var taken: Set<String> = []
        var notedConflicts: [String] = []
        for _ in 0..<100 {
            let candidate = name == source.id.name ? source : source.renamed(to: name)
            let planned: DeploymentPlan.Item
            do {
                let plan = try deployer.plan([candidate], into: DeploymentTarget(scope: scope, root: world.root))
                guard let first = plan.items.first else { throw PluginError.unsupported("\(profile.id) planned nothing for \(source.id).") }
                planned = first
            } catch let error as PluginError {
                throw .plugin(PluginID(kind: .deployer, name: profile.id), error)
            } catch {
                throw .plugin(PluginID(kind: .deployer, name: profile.id), .unsupported("\(error)"))
            }
            var item = DeploymentPreview.Item(
                artifact: source.id, profile: profile.id, deployedName: name, contentHash: source.contentHash, action: .deploy,
                writes: planned.writes, merges: planned.merges, commands: planned.commands, notes: planned.notes, conflicts: notedConflicts
            )
            if let reason = planned.unsupportedReason ?? (profile.supportedTypes.contains(source.id.type) ? nil : "not supported by this profile") {
                item.action = .unsupported
                item.notes.append(reason)
                item.writes = []
                item.merges = []
                item.commands = []
                return item
            }
            let ours = existing.flatMap { ($0.deployedName ?? $0.artifactName) == name ? $0 : nil }
            let conflicts = try world.conflicts(of: item, ours: ours)
            if conflicts.isEmpty {
                if let ours, try world.isUnchanged(item, ours: ours) { item.action = .unchanged } else if ours != nil { item.action = .update }
                return item
            }
            taken.insert(name)
            let decision = strategy.decide(NameConflict(
                type: source.id.type, requestedName: source.id.name, takenNames: taken,
                maxNameLength: profile.nameRule(for: source.id.type).maxLength
            ))
            switch decision {
            case .overwrite, .proceed:
                item.conflicts += conflicts.map { "\($0) (overwritten)" }
                item.overwrites = true
                item.action = ours == nil ? .deploy : .update
                return item
            case .rename(let newName):
                notedConflicts += conflicts.map { "\($0) (renamed to '\(newName)')" }
                name = newName
            case .skip, .unresolved:
                item.conflicts += conflicts
                item.action = .skip
                item.writes = []
                item.merges = []
                item.commands = []
                return item
            }
        }
        throw .conflict("No free name was found for \(source.id) on \(profile.id); overwrite or remove what is in the way.", hint: .useStrategy(.overwrite))
    }

    /// The artifact as a deployer takes it: its files in memory and its current content hash.
    func load(_ name: String, type: ArtifactType?) async throws(SkillMeatError) -> DeployableArtifact {
        let artifact = try await collection.find(name, type: type)
        let location = try collection.store.location(of: artifact)
        var files: [RelativePath: Data] = [:]
        var executables: Set<RelativePath> = []
        do {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: location.path, isDirectory: &isDirectory) else {
                throw SkillMeatError.notFound("The files of \(artifact.id) are missing from \(location.path); restore them or remove the artifact.")
            }
            if isDirectory.boolValue {
                for file in try ContentHash.regularFiles(under: location) {
                    files[file.path] = try Data(contentsOf: file.url)
                    let permissions = (try FileManager.default.attributesOfItem(atPath: file.url.path)[.posixPermissions] as? NSNumber)?.intValue ?? 0
                    if permissions & 0o111 != 0 { executables.insert(file.path) }
                }
            } else {
                files[try RelativePath(validating: location.lastPathComponent)] = try Data(contentsOf: location)
            }
        } catch let error as SkillMeatError {
            throw error
        } catch {
            throw SkillMeatError.io(location, error)
        }
        let hash = artifact.type.isSingleFile ? ContentHash.of(files.values.first ?? Data()) : ContentHash.ofFiles(files.map { ($0.key, $0.value) })
        return DeployableArtifact(id: artifact.id, metadata: artifact.metadata, contentHash: hash, files: files, executableFiles: executables)
    }

    func recordURL(_ profile: DeploymentProfile, root: URL) throws(SkillMeatError) -> URL {
        try Destination.contained(profile.recordFolder.appending(try Self.path(DeploymentRecordFile.fileName)), in: root)
    }

    static func path(_ text: String) throws(SkillMeatError) -> RelativePath {
        do {
            return try RelativePath(validating: text)
        } catch {
            throw .invalidArgument(error.description)
        }
    }

    static func requireFolder(_ root: URL) throws(SkillMeatError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .notFound("The folder \(root.path) does not exist; create it or choose another project.", hint: .chooseProject)
        }
    }

    // MARK: Applying

    /// Writes what `preview` decided, under the root's lock; on any failure every file is put back.
    /// The changes are saved as a `DeployIntent` before the first one is made, so a killed process
    /// leaves them for the next command in that root to finish.
    public func apply(_ preview: DeploymentPreview, now: Date = Date()) async throws(SkillMeatError) -> DeploymentReport {
        let roots = Set(preview.targets.map(\.root))
        var written: [(root: URL, record: DeploymentRecord?, profile: String, artifact: ArtifactID)] = []
        // projects.toml is read before anything is written, so a damaged one stops the deploy untouched.
        _ = try ProjectRegistry(home: home).list()
        var warnings: [String] = []
        for root in roots.sorted(by: { $0.path < $1.path }) {
            let targets = preview.targets.filter { $0.root == root }
            guard targets.contains(where: { $0.items.contains(where: \.writesSomething) }) else { continue }
            do {
                try Self.lock(home: home, root: root).withLock {
                    try DeployIntent.finish(home: home, root: root)
                    var journal = Journal(intent: DeployIntent(home: home, root: root, scope: targets[0].scope, collections: [collection.store.name]))
                    do {
                        var changes: [(root: URL, record: DeploymentRecord?, profile: String, artifact: ArtifactID)] = []
                        for target in targets {
                            changes += try apply(target, now: now, journal: &journal).map { (root, $0, target.profile.id, $0.id) }
                        }
                        try journal.commit()
                        written += changes
                    } catch {
                        journal.rollBack()
                        throw error
                    }
                }
            } catch {
                throw (error as? SkillMeatError) ?? SkillMeatError.io(root, error)
            }
            // The files and records are written: a registry that cannot take the root is a warning, not a failure.
            do throws(SkillMeatError) {
                try registerProject(root, scope: targets[0].scope)
            } catch {
                warnings.append("The files and records were written, but \(root.path) could not be added to the known projects: \(error.description)")
            }
        }
        warnings += await writeThrough(written.map { ($0.root, $0.profile, $0.artifact, $0.record) })
        return DeploymentReport(collection: preview.collection, items: preview.items, dryRun: false, warnings: warnings)
    }

    /// Finishes, under the root's lock, a deploy a killed process left in `root` (nothing to do, and
    /// no lock taken, when there is none).
    func finishInterruptedDeploy(_ root: URL) throws(SkillMeatError) {
        try DeploymentIndex(home: home).finishInterruptedDeploy(root)
    }

    private func apply(_ target: DeploymentPreview.Target, now: Date, journal: inout Journal) throws -> [DeploymentRecord] {
        let root = target.root
        let recordURL = try recordURL(target.profile, root: root)
        var records = try DeploymentRecordFile.read(recordURL)
        var documents: [RelativePath: SharedDocument] = [:]
        var results: [DeploymentRecord] = []
        for item in target.items where item.writesSomething {
            let index = records.index(of: item.artifact, collection: collection.store.name, profile: target.profile.id)
            let old = index.map { records.deployed[$0] }
            let newPaths = Set(item.writes.map(\.path.string))
            // Files the previous copy had and this one does not.
            for file in old?.deployedFiles ?? [] where !newPaths.contains(file.path) {
                let url = try Destination.contained(try Self.path(file.path), in: root)
                try journal.remove(url)
            }
            for write in item.writes {
                let url = try Destination.contained(write.path, in: root)
                try journal.createFolders(for: write.path, in: root, records: &records)
                try journal.write(write.contents, to: url, executable: write.isExecutable)
            }
            for entry in old?.mergedEntries ?? [] {
                let file = try Self.path(entry.file)
                var document = try documents[file] ?? loadDocument(file, format: entry.file.hasSuffix(".toml") ? .toml : .json, root: root)
                _ = try document.remove(entry, force: true)
                documents[file] = document
            }
            for merge in item.merges {
                var document = try documents[merge.file] ?? loadDocument(merge.file, format: merge.format, root: root)
                for created in try document.apply(merge) {
                    records.createdKeys.insert(.init(file: merge.file.string, keyPath: created))
                }
                if document.isNew { records.createdFiles.insert(merge.file.string) }
                documents[merge.file] = document
            }
            let record = DeploymentRecord(
                artifactName: item.artifact.name, artifactType: item.artifact.type, fromCollection: collection.store.name,
                deployedAt: Timestamp.string(now), contentHash: item.contentHash, profileID: target.profile.id,
                platform: target.profile.platform, scope: target.scope,
                deployedName: item.deployedName == item.artifact.name ? nil : item.deployedName,
                deployedFiles: item.writes.map { DeployedFile(path: $0.path.string, hash: ContentHash.of($0.contents)) },
                mergedEntries: item.merges.map { MergedEntry(file: $0.file.string, keyPath: $0.keyPath, valueHash: $0.valueHash, operation: $0.operation) }
            )
            if let index { records.deployed[index] = record } else { records.deployed.append(record) }
            results.append(record)
        }
        for (file, document) in documents.sorted(by: { $0.key < $1.key }) {
            try journal.createFolders(for: file, in: root, records: &records)
            try journal.write(document.data, to: try Destination.contained(file, in: root), executable: false)
        }
        try journal.createFolders(for: target.profile.recordFolder.appending(try Self.path(DeploymentRecordFile.fileName)), in: root, records: &records)
        try journal.write(Data(records.serialized().utf8), to: recordURL, executable: false)
        return results
    }

    func loadDocument(_ file: RelativePath, format: SharedFileFormat, root: URL) throws(SkillMeatError) -> SharedDocument {
        let url = try Destination.contained(file, in: root)
        let data: Data?
        if FileManager.default.fileExists(atPath: url.path) {
            do {
                data = try Data(contentsOf: url)
            } catch {
                throw SkillMeatError.io(url, error)
            }
        } else {
            data = nil
        }
        return try SharedDocument(data, format: format, path: url.path)
    }

    static func lock(home: SkillMeatHome, root: URL) -> FileLock {
        FileLock(home: home, name: lockName(root: root))
    }

    /// The name of a root's deploy lock, also the name of its `DeployIntent`.
    static func lockName(root: URL) -> String {
        "deploy-" + ContentHash.of(Data(PathSafety.canonical(root).path.utf8)).prefix(16)
    }

    func registerProject(_ root: URL, scope: DeploymentScope) throws(SkillMeatError) {
        do {
            try ProjectRegistry(home: home).add(root, scope: scope)
        } catch {
            throw (error as? SkillMeatError) ?? SkillMeatError.io(home.root, error)
        }
    }

    /// Write-through for deploy and undeploy, which never fails them: the files and records are
    /// written and are the truth, so a cache failure marks the collection's rows stale (rebuilt on the
    /// next read) and comes back as a warning.
    func writeThrough(_ changes: [(root: URL, profile: String, artifact: ArtifactID, record: DeploymentRecord?)]) async -> [String] {
        do {
            try await updateCache(changes)
            return []
        } catch {
            collection.cache.markStale()
            return ["The files and records were written, but the cache was not updated (\(error.description)); it is rebuilt from the files on the next read."]
        }
    }

    /// Write-through of `deployments_json`: the entry for (root, profile) of each artifact is added,
    /// replaced (record given) or removed (nil).
    func updateCache(_ changes: [(root: URL, profile: String, artifact: ArtifactID, record: DeploymentRecord?)]) async throws(SkillMeatError) {
        guard !changes.isEmpty else { return }
        // A stale cache is rebuilt first; the rebuild reads the records just written.
        try await collection.cache.ensureFresh()
        let byArtifact = Dictionary(grouping: changes, by: \.artifact)
        var seen: Set<ArtifactID> = []
        do {
            try await collection.cache.cache.updateDeployments(
                collection: collection.store.name,
                ids: changes.map(\.artifact).filter { seen.insert($0).inserted }
            ) { id, json in
                (byArtifact[id] ?? []).reduce(json) { current, change in
                    DeploymentIndex.replacing(in: current, root: change.root, profile: change.profile, with: change.record?.cacheEntry(root: change.root))
                }
            }
        } catch {
            throw SkillMeatError(error)
        }
    }
}
