public import Foundation
public import SkillMeatPluginAPI

/// A file a deployment wrote, relative to the target root, with the hash of what was written.
public struct DeployedFile: Sendable, Hashable, Codable {
    public var path: String
    public var hash: String
}

/// An entry a deployment merged into a shared file: which file, where, and the hash of the value.
public struct MergedEntry: Sendable, Hashable, Codable {
    public var file: String
    public var keyPath: [String]
    public var valueHash: String
    public var operation: MergeOperation

    enum CodingKeys: String, CodingKey {
        case file, operation
        case keyPath = "key_path"
        case valueHash = "value_hash"
    }
}

/// One `[[deployed]]` record of `.skillmeat-deployed.toml`: SkillMeat 0.9's fields plus every file
/// written and every entry merged, so undeploy removes exactly those.
public struct DeploymentRecord: Sendable, Hashable {
    public var artifactName: String
    public var artifactType: ArtifactType
    public var fromCollection: String
    public var deployedAt: String
    /// The collection's content hash of the artifact when it was deployed.
    public var contentHash: String
    public var profileID: String
    public var platform: String
    public var scope: DeploymentScope
    /// The name it was deployed under when a conflict strategy renamed it.
    public var deployedName: String?
    public var deployedFiles: [DeployedFile]
    public var mergedEntries: [MergedEntry]
    /// Keys this version does not know, written back unchanged.
    public var extra: [String: JSONValue]

    public var id: ArtifactID { ArtifactID(type: artifactType, name: artifactName) }

    static let knownKeys: Set<String> = [
        "artifact_name", "artifact_type", "from_collection", "deployed_at", "content_hash", "deployment_profile_id",
        "platform", "scope", "deployed_name", "deployed_files", "merged_entries",
    ]

    init(table: [String: JSONValue], file: String) throws(SkillMeatError) {
        guard let name = table["artifact_name"]?.stringValue, let rawType = table["artifact_type"]?.stringValue,
              let type = ArtifactType(parsing: rawType) else {
            throw .malformedFile(path: file, line: nil, reason: "a [[deployed]] record lacks artifact_name or a valid artifact_type")
        }
        func text(_ key: String) -> String { table[key]?.stringValue ?? "" }
        artifactName = name
        artifactType = type
        fromCollection = text("from_collection")
        deployedAt = text("deployed_at")
        contentHash = text("content_hash")
        profileID = text("deployment_profile_id")
        platform = text("platform")
        scope = DeploymentScope(rawValue: text("scope")) ?? .project
        deployedName = table["deployed_name"]?.stringValue
        deployedFiles = (table["deployed_files"]?.arrayValue ?? []).compactMap {
            guard let path = $0["path"]?.stringValue, let hash = $0["hash"]?.stringValue else { return nil }
            return DeployedFile(path: path, hash: hash)
        }
        mergedEntries = (table["merged_entries"]?.arrayValue ?? []).compactMap {
            guard let file = $0["file"]?.stringValue, let hash = $0["value_hash"]?.stringValue else { return nil }
            return MergedEntry(
                file: file,
                keyPath: $0["key_path"]?.stringList ?? [],
                valueHash: hash,
                operation: MergeOperation(rawValue: $0["operation"]?.stringValue ?? "set") ?? .set
            )
        }
        extra = TOMLCodec.extra(of: table, known: Self.knownKeys)
    }

    init(
        artifactName: String, artifactType: ArtifactType, fromCollection: String, deployedAt: String, contentHash: String,
        profileID: String, platform: String, scope: DeploymentScope, deployedName: String?, deployedFiles: [DeployedFile], mergedEntries: [MergedEntry]
    ) {
        self.artifactName = artifactName
        self.artifactType = artifactType
        self.fromCollection = fromCollection
        self.deployedAt = deployedAt
        self.contentHash = contentHash
        self.profileID = profileID
        self.platform = platform
        self.scope = scope
        self.deployedName = deployedName
        self.deployedFiles = deployedFiles
        self.mergedEntries = mergedEntries
        self.extra = [:]
    }

    var table: [String: JSONValue] {
        var table = extra
        table["artifact_name"] = .string(artifactName)
        table["artifact_type"] = .string(artifactType.rawValue)
        table["from_collection"] = .string(fromCollection)
        table.setText("deployed_at", deployedAt)
        table["content_hash"] = .string(contentHash)
        table["deployment_profile_id"] = .string(profileID)
        table["platform"] = .string(platform)
        table["scope"] = .string(scope.rawValue)
        if let deployedName { table["deployed_name"] = .string(deployedName) }
        table["deployed_files"] = .array(deployedFiles.map { .object(["path": .string($0.path), "hash": .string($0.hash)]) })
        table["merged_entries"] = .array(mergedEntries.map {
            .object([
                "file": .string($0.file), "key_path": .array($0.keyPath.map(JSONValue.string)),
                "value_hash": .string($0.valueHash), "operation": .string($0.operation.rawValue),
            ])
        })
        return table
    }

    /// The entry for this deployment in a cache row's `deployments_json` (DESIGN §3).
    func cacheEntry(root: URL) -> JSONValue {
        var entry: [String: JSONValue] = [
            "project_path": .string(PathSafety.canonical(root).path),
            "profile": .string(profileID),
            "platform": .string(platform),
            "scope": .string(scope.rawValue),
            "deployed_at": .string(deployedAt),
            "content_hash": .string(contentHash),
        ]
        if let deployedName { entry["deployed_name"] = .string(deployedName) }
        return .object(entry)
    }
}

/// `.skillmeat-deployed.toml` in one profile root: the records, plus what SkillMeat created there
/// (folders, shared files, containers inside shared files), so undeploying the last artifact leaves
/// the project as it was before the first deploy.
struct DeploymentRecordFile: Sendable, Hashable {
    static let fileName = ".skillmeat-deployed.toml"

    var deployed: [DeploymentRecord] = []
    var createdFolders: Set<String> = []
    var createdFiles: Set<String> = []
    /// Containers inside shared files that SkillMeat created (`hooks.PreToolUse` of settings.json).
    var createdKeys: Set<CreatedKey> = []
    var extra: [String: JSONValue] = [:]

    struct CreatedKey: Sendable, Hashable, Comparable {
        var file: String
        var keyPath: [String]

        static func < (lhs: CreatedKey, rhs: CreatedKey) -> Bool {
            (lhs.file, lhs.keyPath.count, lhs.keyPath.joined(separator: ".")) < (rhs.file, rhs.keyPath.count, rhs.keyPath.joined(separator: "."))
        }
    }

    var isEmpty: Bool { deployed.isEmpty && createdFolders.isEmpty && createdFiles.isEmpty && createdKeys.isEmpty }

    static func read(_ url: URL) throws(SkillMeatError) -> DeploymentRecordFile {
        let table = try TOMLCodec.read(url)
        var file = DeploymentRecordFile()
        for item in table["deployed"]?.arrayValue ?? [] {
            guard let object = item.objectValue else { continue }
            file.deployed.append(try DeploymentRecord(table: object, file: url.path))
        }
        file.createdFolders = Set(table["created_folders"]?.stringList ?? [])
        file.createdFiles = Set(table["created_files"]?.stringList ?? [])
        file.createdKeys = Set((table["created_keys"]?.arrayValue ?? []).compactMap {
            guard let path = $0["file"]?.stringValue else { return nil }
            return CreatedKey(file: path, keyPath: $0["key_path"]?.stringList ?? [])
        })
        file.extra = table.filter { !["deployed", "created_folders", "created_files", "created_keys"].contains($0.key) }
        return file
    }

    func serialized() -> String {
        var table = extra
        table["created_folders"] = .array(createdFolders.sorted().map(JSONValue.string))
        table["created_files"] = .array(createdFiles.sorted().map(JSONValue.string))
        if !createdKeys.isEmpty {
            table["created_keys"] = .array(createdKeys.sorted().map {
                .object(["file": .string($0.file), "key_path": .array($0.keyPath.map(JSONValue.string))])
            })
        }
        table["deployed"] = .array(deployed.map { .object($0.table) })
        let header = "# Written by SkillMeat: what it deployed here, so undeploy removes exactly that.\n"
        return header + TOMLCodec(priorityKeys: [
            "created_folders", "created_files", "artifact_name", "artifact_type", "from_collection", "deployed_at",
            "content_hash", "deployment_profile_id", "platform", "scope", "deployed_name", "file", "path", "key_path",
        ]).serialize(table)
    }

    /// The record of `id` from `collection` for `profile`, if any.
    func index(of id: ArtifactID, collection: String, profile: String) -> Int? {
        deployed.firstIndex { $0.id == id && $0.fromCollection == collection && $0.profileID == profile }
    }
}
