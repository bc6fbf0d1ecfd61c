public import Foundation
public import SkillMeatPluginAPI
import SkillMeatStore

/// `skillmeat adopt`: brings what a project already has under management. Each chosen unmanaged
/// artifact goes into the collection through `CollectionInstaller` (origin `local`, its place in the
/// project as upstream); then a `[[deployed]]` record listing exactly its project files and entries,
/// with their current hashes, is written for its profile, the cache row's `deployments_json` gets its
/// entry and the project is registered. Nothing in the project is moved or rewritten; only the record
/// files change. An artifact the collection already holds with the same content is only recorded.
public struct ProjectAdoption: Sendable {
    public let deployment: DeploymentService


    public struct Request: Sendable {
        public var projectRoot: URL
        /// Project names to adopt; empty with `all` adopts everything not managed.
        public var names: [String]
        public var all: Bool
        /// How a name taken in the collection by different content is decided: skip, overwrite or rename.
        public var strategy: ConflictStrategyName
        /// Say what would be adopted or recorded, and write nothing.
        public var dryRun: Bool

        public init(projectRoot: URL, names: [String] = [], all: Bool = false, strategy: ConflictStrategyName = .skip, dryRun: Bool = false) {
            self.dryRun = dryRun
            self.projectRoot = projectRoot
            self.names = names
            self.all = all
            self.strategy = strategy
        }
    }

    /// What happened to one artifact.
    public struct Item: Sendable, Hashable, Codable {
        /// `adopted` (imported and recorded), `recorded` (the collection had it), `skipped` or `failed`.
        public var status: String
        public var name: String
        public var type: ArtifactType
        public var profile: String
        public var path: String
        /// The collection artifact it is now recorded as.
        public var collectionName: String?
        public var message: String

        enum CodingKeys: String, CodingKey {
            case status, name, type, profile, path, message
            case collectionName = "collection_name"
        }
    }

    public struct Report: Sendable, Codable {
        public var project: String
        public var collection: String
        public var items: [Item]
    }

    public func run(_ request: Request, now: Date = Date()) async throws(SkillMeatError) -> Report {
        let collection = deployment.collection
        let strategy = try deployment.plugins.conflictStrategy(request.strategy)
        let discovery = try await collection.discovery(with: deployment.plugins).discover(request.projectRoot)
        let root = discovery.project.root
        guard request.all || !request.names.isEmpty else {
            throw .invalidArgument("Name the artifacts to adopt, or adopt all of them.", hint: .nameOrAdoptAll(project: request.projectRoot.path))
        }
        let open = discovery.candidates.filter { $0.discovered.status != .managed }
        let chosen = request.all ? open : open.filter { request.names.contains($0.discovered.name) }
        for name in request.names where !discovery.candidates.contains(where: { $0.discovered.name == name }) {
            throw .notFound("'\(name)' is not in \(root.path).", hint: .discoverProject(project: root.path))
        }
        if request.dryRun {
            return Report(project: root.path, collection: collection.store.name, items: chosen.map { candidate in
                let found = candidate.discovered
                let recorded = found.match == .sameContent && found.collectionName != nil
                return Item(
                    status: recorded ? "would_record" : "would_adopt", name: found.name, type: found.type, profile: found.profile, path: found.path,
                    collectionName: recorded ? found.collectionName : nil,
                    message: recorded ? "the collection has it with the same content; it would only be recorded" : "would be added to '\(collection.store.name)' and recorded"
                )
            })
        }
        var items: [Item] = []
        var targets: [(name: String, hash: String)?] = []
        // Artifacts to put in the collection, staged first and installed together in one update of
        // the manifest, lock and cache: adopting hundreds costs a few writes, not a few per artifact.
        var staged: [CollectionInstaller.Item] = []
        var stagedFor: [String: Int] = [:]
        var waiting: [(index: Int, key: String)] = []
        let scratch = try StagingFolder(in: collection.store.stagingDirectory, prefix: "adopt")
        defer { scratch.release() }
        let staging = scratch.url
        for candidate in chosen {
            let found = candidate.discovered
            var item = Item(status: "adopted", name: found.name, type: found.type, profile: found.profile, path: found.path, collectionName: nil, message: "")
            var target: (name: String, hash: String)?
            let key = "\(found.type.rawValue):\(found.name):\(found.contentHash ?? "")"
            if found.match == .sameContent, let name = found.collectionName, let hash = found.contentHash {
                target = (name, hash)
                item.status = "recorded"
            } else if stagedFor[key] != nil {
                // The same artifact in a second profile: installed once, recorded for both.
                item.status = "recorded"
                waiting.append((items.count, key))
            } else {
                do {
                    let folder = staging.appending(path: String(staged.count), directoryHint: .isDirectory)
                    staged.append(try await stage(candidate, project: discovery.project, in: folder))
                    stagedFor[key] = staged.count - 1
                    waiting.append((items.count, key))
                } catch {
                    item.status = "failed"
                    item.message = error.description
                }
            }
            items.append(item)
            targets.append(target)
        }
        let results = staged.isEmpty ? [] : try await CollectionInstaller(service: collection).installAll(staged, strategy: strategy, now: now)
        for (index, key) in waiting {
            guard let position = stagedFor[key], position < results.count else { continue }
            let result = results[position]
            if let hash = result.contentHash, result.status != "failed" {
                targets[index] = (result.name, hash)
            } else {
                items[index].status = result.status == "failed" ? "failed" : "skipped"
            }
            if items[index].message.isEmpty || items[index].status != "recorded" { items[index].message = result.message }
        }
        var records: [(profile: String, record: DeploymentRecord, candidate: ProjectDiscovery.Candidate)] = []
        for (index, candidate) in chosen.enumerated() {
            guard let target = targets[index] else { continue }
            let found = candidate.discovered
            items[index].collectionName = target.name
            if items[index].message.isEmpty || items[index].status == "recorded" {
                items[index].message = "recorded as \(found.type.rawValue):\(target.name) from '\(collection.store.name)'"
            }
            let profile = try deployment.plugins.deployer(profile: found.profile).profile
            records.append((found.profile, DeploymentRecord(
                artifactName: target.name, artifactType: found.type, fromCollection: collection.store.name,
                deployedAt: Timestamp.string(now), contentHash: target.hash, profileID: profile.id, platform: profile.platform,
                scope: .project, deployedName: target.name == found.name ? nil : found.name,
                deployedFiles: candidate.files, mergedEntries: candidate.entries
            ), candidate))
        }
        if !records.isEmpty {
            try write(records, root: root)
            try deployment.registerProject(root, scope: .project)
            try await deployment.updateCache(records.map { (root: root, profile: $0.profile, artifact: $0.record.id, record: Optional($0.record)) })
        }
        return Report(project: root.path, collection: collection.store.name, items: items)
    }

    /// Stages the candidate from the project tree and describes how it goes into the collection.
    private func stage(
        _ candidate: ProjectDiscovery.Candidate, project: ProjectTree, in folder: URL
    ) async throws(SkillMeatError) -> CollectionInstaller.Item {
        let artifact = candidate.artifact
        try ArtifactNaming.validate(artifact.name, type: artifact.type)
        let stager = ArtifactStager { paths, tree, folder in try await tree.copyFiles(paths, into: folder) }
        let staged = try await stager.stage(artifact, of: project.tree, as: artifact.name, in: folder)
        let upstream = project.realPath(of: artifact.path).url(in: project.root).path
        let entry = CollectionArtifact(
            name: artifact.name, type: artifact.type, path: "", origin: "local", originSource: nil, upstream: upstream,
            resolvedSHA: nil, resolvedVersion: nil, tags: artifact.metadata.tags.sorted(), metadata: artifact.metadata
        )
        let lock = LockEntry(contentHash: staged.contentHash, upstream: upstream, resolvedSHA: nil, resolvedVersion: nil)
        return CollectionInstaller.Item(staged: staged, entry: entry, lock: lock)
    }

    /// Adds the records to each profile's record file under the project's deploy lock.
    private func write(_ records: [(profile: String, record: DeploymentRecord, candidate: ProjectDiscovery.Candidate)], root: URL) throws(SkillMeatError) {
        let home = deployment.collection.store.home
        do {
            try DeploymentService.lock(home: home, root: root).withLock {
                var journal = Journal()
                do {
                    for (profileID, group) in Dictionary(grouping: records, by: \.profile).sorted(by: { $0.key < $1.key }) {
                        let profile = try deployment.plugins.deployer(profile: profileID).profile
                        let url = try deployment.recordURL(profile, root: root)
                        var file = try DeploymentRecordFile.read(url)
                        for (_, record, candidate) in group {
                            if let index = file.index(of: record.id, collection: record.fromCollection, profile: profileID) {
                                file.deployed[index] = record
                            } else {
                                file.deployed.append(record)
                            }
                            // The skill's folder and those inside it go once they are empty after an undeploy.
                            if let folder = candidate.ownFolder {
                                file.createdFolders.insert(folder.string)
                                for deployed in record.deployedFiles {
                                    var parent = (try? RelativePath(validating: deployed.path))?.parent
                                    while let current = parent, current.isDescendant(of: folder), current != folder {
                                        file.createdFolders.insert(current.string)
                                        parent = current.parent
                                    }
                                }
                            }
                        }
                        let recordPath = profile.recordFolder.appending(try DeploymentService.path(DeploymentRecordFile.fileName))
                        try journal.createFolders(for: recordPath, in: root, records: &file)
                        try journal.write(Data(file.serialized().utf8), to: url, executable: false)
                    }
                } catch {
                    journal.rollBack()
                    throw error
                }
            }
        } catch {
            throw (error as? SkillMeatError) ?? SkillMeatError.io(root, error)
        }
    }
}
