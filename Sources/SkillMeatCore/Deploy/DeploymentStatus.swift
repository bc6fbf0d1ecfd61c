public import Foundation
public import SkillMeatPluginAPI

/// Drift of one deployment (DESIGN §5), from the hash recorded at deploy time, the collection's
/// current hash and the project copy's current hashes.
public enum DriftState: String, Sendable, Codable, CaseIterable {
    /// Project copy and collection both as deployed.
    case synced
    /// The project copy changed.
    case modified
    /// The collection changed.
    case outdated
    /// Both changed.
    case conflict
    /// Deployed files or entries are gone.
    case missing

    /// The state for what changed where.
    public static func of(projectChanged: Bool, collectionChanged: Bool, missing: Bool) -> DriftState {
        if missing { return .missing }
        switch (projectChanged, collectionChanged) {
        case (true, true): return .conflict
        case (true, false): return .modified
        case (false, true): return .outdated
        case (false, false): return .synced
        }
    }
}

/// One row of `status`.
public struct DeploymentStatus: Sendable, Hashable, Codable {
    public var projectPath: String
    public var profile: String
    public var scope: DeploymentScope
    public var artifact: String
    public var collection: String
    public var deployedName: String?
    public var deployedAt: String
    public var state: DriftState
    public var recordedHash: String
    /// The collection's hash now; nil when the artifact is no longer in the collection.
    public var collectionHash: String?
    public var changed: [String]
    public var missing: [String]

    enum CodingKeys: String, CodingKey {
        case profile, scope, artifact, collection, state, changed, missing
        case projectPath = "project_path"
        case deployedName = "deployed_name"
        case deployedAt = "deployed_at"
        case recordedHash = "recorded_hash"
        case collectionHash = "collection_hash"
    }
}

extension DeploymentIndex {
    /// The drift of every deployment recorded in `roots` (every known project when nil).
    public func status(roots: [URL]? = nil) throws(SkillMeatError) -> [DeploymentStatus] {
        var folders = roots ?? []
        if roots == nil { folders = try ProjectRegistry(home: home).list().map { URL(fileURLWithPath: $0.path, isDirectory: true) } }
        var collectionHashes: [String: String?] = [:]
        var manifests: [String: CollectionManifest?] = [:]
        var result: [DeploymentStatus] = []
        for root in Set(folders.map(PathSafety.canonical)).sorted(by: { $0.path < $1.path }) {
            // A deploy a killed process left half done is finished, so its files show with their records.
            try finishInterruptedDeploy(root)
            for url in Self.recordFiles(in: root) {
                let file = try DeploymentRecordFile.read(url)
                var documents: [String: SharedDocument?] = [:]
                for record in file.deployed {
                    let key = "\(record.fromCollection)\u{0}\(record.id)"
                    if collectionHashes[key] == nil {
                        collectionHashes[key] = currentHash(of: record, manifests: &manifests)
                    }
                    let current = collectionHashes[key] ?? nil
                    var changed: [String] = []
                    var missing: [String] = []
                    for deployed in record.deployedFiles {
                        guard let path = try? RelativePath(validating: deployed.path),
                              let location = try? PathSafety.resolveContained(path, in: root),
                              let data = try? Data(contentsOf: location) else {
                            missing.append(deployed.path)
                            continue
                        }
                        if ContentHash.of(data) != deployed.hash { changed.append(deployed.path) }
                    }
                    for entry in record.mergedEntries {
                        if documents[entry.file] == nil {
                            documents[entry.file] = Self.document(entry.file, root: root)
                        }
                        let label = entry.label
                        guard let document = documents[entry.file] ?? nil else { missing.append(label); continue }
                        switch entry.operation {
                        case .set:
                            guard let value = try? document.value(at: entry.keyPath) else { missing.append(label); continue }
                            if ContentHash.of(value.canonicalData()) != entry.valueHash { changed.append(label) }
                        case .append:
                            if !((try? document.elementHashes(at: entry.keyPath)) ?? []).contains(entry.valueHash) { changed.append(label) }
                        }
                    }
                    result.append(DeploymentStatus(
                        projectPath: root.path, profile: record.profileID, scope: record.scope, artifact: record.id.description,
                        collection: record.fromCollection, deployedName: record.deployedName, deployedAt: record.deployedAt,
                        state: .of(projectChanged: !changed.isEmpty, collectionChanged: current != record.contentHash, missing: !missing.isEmpty),
                        recordedHash: record.contentHash, collectionHash: current, changed: changed, missing: missing
                    ))
                }
            }
        }
        return result
    }

    private static func document(_ file: String, root: URL) -> SharedDocument? {
        guard let path = try? RelativePath(validating: file), let url = try? PathSafety.resolveContained(path, in: root),
              let data = try? Data(contentsOf: url) else { return nil }
        return try? SharedDocument(data, format: file.hasSuffix(".toml") ? .toml : .json, path: url.path)
    }

    /// The collection's current content hash of the record's artifact, hashed from its files the way
    /// deploy hashes them; nil when it is gone.
    private func currentHash(of record: DeploymentRecord, manifests: inout [String: CollectionManifest?]) -> String? {
        let store = CollectionStore(home: home, name: record.fromCollection)
        if manifests[record.fromCollection] == nil {
            manifests[record.fromCollection] = try? store.read().manifest
        }
        guard let manifest = manifests[record.fromCollection] ?? nil,
              let artifact = manifest.artifacts.first(where: { $0.id == record.id }),
              let location = try? store.location(of: artifact) else { return nil }
        return try? ContentHash.ofItem(at: location)
    }
}

extension DeploymentIndex {
    /// The known projects whose folder is gone (deleted or moved), whose deployments cannot be read.
    public func missingProjects() throws(SkillMeatError) -> [String] {
        let projects = try ProjectRegistry(home: home).list()
        return Array(Set(projects.map(\.path).filter { !FileManager.default.fileExists(atPath: $0) })).sorted()
    }
}
