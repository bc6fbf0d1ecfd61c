public import SkillMeatPluginAPI

/// One artifact found in a project's profile roots, and how it relates to SkillMeat.
public struct DiscoveredArtifact: Sendable, Hashable, Codable, NamedArtifact {
    public enum Status: String, Sendable, Hashable, Codable {
        /// A deployment record of this project covers it.
        case managed
        /// Not recorded here, but the collection has it (see `match`).
        case inCollection = "in_collection"
        /// Neither recorded nor in the collection.
        case unmanaged
    }

    public enum Match: String, Sendable, Hashable, Codable {
        /// The collection has an artifact of this type with the same content hash.
        case sameContent = "same_content"
        /// The collection has an artifact of this type and name whose content differs.
        case sameNameDifferentContent = "same_name_different_content"
    }

    public var name: String
    public var type: ArtifactType
    public var profile: String
    /// Where it is declared, relative to the project root.
    public var path: String
    public var status: Status
    public var match: Match?
    /// The collection artifact it matches (its name may differ for `same_content`).
    public var collectionName: String?
    /// Its content hash in collection form; nil for managed artifacts.
    public var contentHash: String?
    /// The project files that make it up (what a record of it would list).
    public var files: [String]
    /// The entries of shared files that declare it (`.mcp.json: mcpServers.x`).
    public var entries: [String]

    enum CodingKeys: String, CodingKey {
        case name, type, profile, path, status, match, files, entries
        case collectionName = "collection_name"
        case contentHash = "content_hash"
    }
}

/// What `discover` found in one project.
public struct DiscoveryReport: Sendable, Codable {
    public var project: String
    public var collection: String
    public var artifacts: [DiscoveredArtifact]
    public var diagnostics: [Diagnostic]
}
