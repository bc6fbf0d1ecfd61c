public import Foundation
public import SkillMeatPluginAPI

/// `undeploy`'s answer: per profile, what was removed and what a person changed and so was kept.
public struct UndeployReport: Sendable, Encodable {
    public struct Entry: Sendable, Encodable {
        public var artifact: String
        public var profile: String
        public var root: String
        public var removedFiles: [String]
        public var removedEntries: [String]
        /// Files and entries changed since they were deployed, left in place (no --force).
        public var kept: [String]

        enum CodingKeys: String, CodingKey {
            case artifact, profile, root, kept
            case removedFiles = "removed_files"
            case removedEntries = "removed_entries"
        }
    }

    public var entries: [Entry]
    /// What went wrong without undoing the removal (a cache that could not be updated).
    public var warnings: [String] = []
}

extension DeploymentService {
    /// Removes exactly what deploying `name` wrote into `root` for each of `profiles` (all enabled
    /// profiles when empty): recorded files and merged entries, then the folders, containers and
    /// shared files SkillMeat created that are now empty. Copies a person changed are kept unless `force`.
    public func undeploy(
        _ name: String, type: ArtifactType? = nil, projectRoot: URL, scope: DeploymentScope, profiles: [String] = [], force: Bool = false,
        dryRun: Bool = false
    ) async throws(SkillMeatError) -> UndeployReport {
        let root = root(for: scope, project: projectRoot)
        try Self.requireFolder(root)
        let profileIDs = profiles.isEmpty ? plugins.deployerProfiles : profiles
        var report = UndeployReport(entries: [])
        // The `type:name` id the front ends print names the artifact too (unless some artifact is called that).
        let id = ArtifactID(parsing: name).flatMap { type == nil || type == $0.type ? $0 : nil }
        if dryRun {
            // What the records say would go, changed copies included (the real run keeps those unless forced).
            for profileID in profileIDs {
                let profile = try plugins.deployer(profile: profileID).profile
                let records = try DeploymentRecordFile.read(try recordURL(profile, root: root))
                for record in records.deployed where Self.names(record, name: name, type: type, id: id, collection: collection.store.name, profile: profileID) {
                    report.entries.append(UndeployReport.Entry(
                        artifact: record.id.description, profile: profileID, root: root.path,
                        removedFiles: record.deployedFiles.map(\.path), removedEntries: record.mergedEntries.map(\.label), kept: []
                    ))
                }
            }
            guard !report.entries.isEmpty else {
                throw .notFound("'\(name)' from '\(collection.store.name)' is not deployed in \(root.path)\(profiles.isEmpty ? "" : " for \(profiles.joined(separator: ", "))").", hint: .listDeployments(project: root.path))
            }
            return report
        }
        var changes: [(root: URL, profile: String, artifact: ArtifactID, record: DeploymentRecord?)] = []
        do {
            try Self.lock(home: home, root: root).withLock {
                // What a killed deploy meant to write is written first, so undeploy removes it too.
                try DeployIntent.finish(home: home, root: root)
                var journal = Journal()
                do {
                    for profileID in profileIDs {
                        let profile = try plugins.deployer(profile: profileID).profile
                        let url = try recordURL(profile, root: root)
                        var records = try DeploymentRecordFile.read(url)
                        let matches = records.deployed.indices.filter {
                            Self.names(records.deployed[$0], name: name, type: type, id: id, collection: collection.store.name, profile: profileID)
                        }
                        for index in matches.reversed() {
                            let record = records.deployed.remove(at: index)
                            let entry = try remove(record, root: root, records: &records, force: force, journal: &journal)
                            report.entries.append(entry)
                            // What a person changed stays tracked (status shows it modified), so a
                            // forced undeploy can still remove it; records never go while files stay.
                            let kept = entry.kept.isEmpty ? nil : record.keeping(Set(entry.kept))
                            if let kept { records.deployed.insert(kept, at: index) }
                            changes.append((root, profileID, record.id, kept))
                        }
                        guard !matches.isEmpty else { continue }
                        try tidy(&records, root: root, recordURL: url, journal: &journal)
                    }
                } catch {
                    journal.rollBack()
                    throw error
                }
            }
        } catch {
            throw (error as? SkillMeatError) ?? SkillMeatError.io(root, error)
        }
        guard !report.entries.isEmpty else {
            throw .notFound("'\(name)' from '\(collection.store.name)' is not deployed in \(root.path)\(profiles.isEmpty ? "" : " for \(profiles.joined(separator: ", "))").", hint: .listDeployments(project: root.path))
        }
        report.warnings = await writeThrough(changes)
        return report
    }

    /// Whether `record` is the deployment `name` (or the `type:name` id) names, from `collection` for `profile`.
    static func names(_ record: DeploymentRecord, name: String, type: ArtifactType?, id: ArtifactID?, collection: String, profile: String) -> Bool {
        guard record.fromCollection == collection, record.profileID == profile else { return false }
        if (record.artifactName == name || record.deployedName == name) && (type == nil || record.artifactType == type) { return true }
        guard let id else { return false }
        return record.artifactType == id.type && (record.artifactName == id.name || record.deployedName == id.name)
    }

    private func remove(
        _ record: DeploymentRecord, root: URL, records: inout DeploymentRecordFile, force: Bool, journal: inout Journal
    ) throws(SkillMeatError) -> UndeployReport.Entry {
        var entry = UndeployReport.Entry(artifact: record.id.description, profile: record.profileID, root: root.path, removedFiles: [], removedEntries: [], kept: [])
        for file in record.deployedFiles {
            let url = try Destination.contained(try Self.path(file.path), in: root)
            guard Destination.kind(of: url) == .file else { continue }
            if force || Destination.hash(url) == file.hash {
                try journal.remove(url)
                entry.removedFiles.append(file.path)
            } else {
                entry.kept.append(file.path)
            }
        }
        for file in Set(record.mergedEntries.map(\.file)).sorted() {
            let path = try Self.path(file)
            var document = try loadDocument(path, format: file.hasSuffix(".toml") ? .toml : .json, root: root)
            guard !document.isNew else { continue }
            for merged in record.mergedEntries where merged.file == file {
                if try document.remove(merged, force: force) { entry.removedEntries.append(merged.label) } else { entry.kept.append(merged.label) }
            }
            try save(&document, file: path, root: root, records: &records, journal: &journal)
        }
        return entry
    }

    /// Prunes the containers SkillMeat created in a shared file once empty, deletes the file when
    /// SkillMeat created it and nothing is left, and writes it otherwise.
    private func save(
        _ document: inout SharedDocument, file: RelativePath, root: URL, records: inout DeploymentRecordFile, journal: inout Journal
    ) throws(SkillMeatError) {
        for created in records.createdKeys.filter({ $0.file == file.string }).sorted(by: { $0.keyPath.count > $1.keyPath.count }) {
            var gone = try document.value(at: created.keyPath) == nil
            if !gone { gone = try document.pruneIfEmpty(created.keyPath) }
            if gone {
                records.createdKeys.remove(created)
            }
        }
        let url = try Destination.contained(file, in: root)
        if records.createdFiles.contains(file.string), try document.isEmpty() {
            try journal.remove(url)
            records.createdFiles.remove(file.string)
            records.createdKeys = records.createdKeys.filter { $0.file != file.string }
        } else {
            try journal.write(document.data, to: url, executable: false)
        }
    }

    /// Removes the empty folders SkillMeat created (deepest first) and the record file itself when
    /// nothing is recorded any more; otherwise rewrites it.
    private func tidy(_ records: inout DeploymentRecordFile, root: URL, recordURL: URL, journal: inout Journal) throws(SkillMeatError) {
        func pruneFolders() throws(SkillMeatError) {
            for folder in records.createdFolders.sorted(by: { $0.split(separator: "/").count > $1.split(separator: "/").count }) {
                let url = try Destination.contained(try Self.path(folder), in: root)
                if Destination.kind(of: url) == nil || journal.removeFolderIfEmpty(url) { records.createdFolders.remove(folder) }
            }
        }
        try pruneFolders()
        if records.deployed.isEmpty, records.createdFiles.isEmpty, records.createdKeys.isEmpty {
            try journal.remove(recordURL)
            try pruneFolders()
        } else {
            try journal.write(Data(records.serialized().utf8), to: recordURL, executable: false)
        }
    }
}

extension DeploymentService {
    /// Undeploys the collection artifact `id` from every project (and user scope) that records it: what
    /// `remove --undeploy` does before the artifact leaves the collection. Changed copies are kept
    /// (and reported) unless `force`.
    public func undeployEverywhere(_ id: ArtifactID, force: Bool = false) async throws(SkillMeatError) -> UndeployReport {
        let statuses = try DeploymentIndex(home: home).status()
            .filter { $0.artifact == id.description && $0.collection == collection.store.name }
        var report = UndeployReport(entries: [])
        var done = Set<String>()
        for status in statuses where done.insert("\(status.projectPath)\n\(status.profile)\n\(status.scope.rawValue)").inserted {
            let partial = try await undeploy(
                id.name, type: id.type, projectRoot: URL(fileURLWithPath: status.projectPath, isDirectory: true),
                scope: status.scope, profiles: [status.profile], force: force
            )
            report.entries += partial.entries
        }
        return report
    }
}

extension DeploymentRecord {
    /// The record narrowed to the files and merged entries named in `labels` (paths and entry labels).
    func keeping(_ labels: Set<String>) -> DeploymentRecord {
        var record = self
        record.deployedFiles = deployedFiles.filter { labels.contains($0.path) }
        record.mergedEntries = mergedEntries.filter { labels.contains($0.label) }
        return record
    }
}
