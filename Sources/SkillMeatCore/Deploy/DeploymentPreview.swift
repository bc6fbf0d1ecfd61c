public import Foundation
public import SkillMeatPluginAPI

/// What `deploy` will do, decided before anything is written: per profile, per artifact, the files,
/// merged entries, the commands they make the machine run, and how each conflict was decided.
public struct DeploymentPreview: Sendable {
    public struct Target: Sendable {
        public var profile: DeploymentProfile
        public var scope: DeploymentScope
        public var root: URL
        public var items: [Item]
    }

    /// What happens to one artifact on one profile.
    public enum Action: String, Sendable, Codable {
        /// Written for the first time.
        case deploy
        /// Already deployed from an older collection copy (or changed); rewritten.
        case update
        /// Already deployed and identical; nothing to write.
        case unchanged
        /// A conflict the strategy decided to leave alone.
        case skip
        /// The profile cannot take this artifact.
        case unsupported
    }

    public struct Item: Sendable, Encodable {
        public var artifact: ArtifactID
        public var profile: String
        public var deployedName: String
        public var contentHash: String
        public var action: Action
        public var writes: [PlannedFileWrite]
        public var merges: [PlannedMerge]
        public var commands: [String]
        public var notes: [String]
        /// The conflicts found, and how the strategy decided each.
        public var conflicts: [String]
        /// Whether writing replaces something that is not SkillMeat's (strategy overwrite).
        var overwrites = false

        enum CodingKeys: String, CodingKey {
            case artifact, profile, action, files, merges, commands, notes, conflicts
            case deployedName = "deployed_name"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(artifact.description, forKey: .artifact)
            try container.encode(profile, forKey: .profile)
            try container.encode(deployedName, forKey: .deployedName)
            try container.encode(action, forKey: .action)
            try container.encode(writes.map(\.path.string), forKey: .files)
            try container.encode(merges.map { "\($0.file.string): \($0.keyPath.joined(separator: "."))" }, forKey: .merges)
            try container.encode(commands, forKey: .commands)
            try container.encode(notes, forKey: .notes)
            try container.encode(conflicts, forKey: .conflicts)
        }

        /// Whether applying writes anything for this item.
        public var writesSomething: Bool { action == .deploy || action == .update }
    }

    public var collection: String
    public var targets: [Target]

    /// Every item of every target.
    public var items: [Item] { targets.flatMap(\.items) }

    /// Commands that will be written into configuration and run later by the agent (hooks, MCP
    /// servers), which a person should see and accept first.
    public var commandsToAccept: [String] {
        items.filter(\.writesSomething).flatMap(\.commands)
    }

    /// Conflicts the strategy left unresolved (skipped items).
    public var skipped: [Item] { items.filter { $0.action == .skip } }
}

/// `deploy`'s answer once applied.
public struct DeploymentReport: Sendable, Encodable {
    public var collection: String
    public var items: [DeploymentPreview.Item]
    public var dryRun: Bool
    /// What went wrong without undoing the deployment (a cache that could not be updated).
    public var warnings: [String]

    public init(collection: String, items: [DeploymentPreview.Item], dryRun: Bool, warnings: [String] = []) {
        self.collection = collection
        self.items = items
        self.dryRun = dryRun
        self.warnings = warnings
    }

    enum CodingKeys: String, CodingKey {
        case collection, items, warnings
        case dryRun = "dry_run"
    }

    /// Conflicts the strategy left unresolved (skipped items).
    public var skipped: [DeploymentPreview.Item] { items.filter { $0.action == .skip } }
}
