import Foundation

/// The five kinds of artifact SkillMeat manages.
public enum ArtifactType: String, Sendable, Hashable, Codable, Comparable, NamedCases {
    case skill
    case command
    case agent
    case mcpServer = "mcp_server"
    case hook

    /// Reads a type as users and older SkillMeat files spell it (`mcp`, `mcp-server`, plurals, any case).
    public init?(parsing text: String) {
        // Stored rows and manifests spell it exactly; folding every one of 10,000 rows showed in `list`.
        if let exact = ArtifactType(rawValue: text) {
            self = exact
            return
        }
        let folded = text.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "-", with: "_")
        switch folded {
        case "skill", "skills": self = .skill
        case "command", "commands": self = .command
        case "agent", "agents", "subagent", "subagents": self = .agent
        case "mcp", "mcp_server", "mcp_servers", "mcpserver", "mcpservers": self = .mcpServer
        case "hook", "hooks": self = .hook
        default: return nil
        }
    }

    /// Decodes leniently, so manifests written by other SkillMeat versions still open.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode(String.self)
        guard let type = ArtifactType(parsing: raw) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "unknown artifact type '\(raw)'; expected one of \(ArtifactType.validNames)"
            )
        }
        self = type
    }

    /// The collection folder that holds artifacts of this type (DESIGN §2).
    public var collectionFolder: String {
        switch self {
        case .skill: "skills"
        case .command: "commands"
        case .agent: "agents"
        case .mcpServer: "mcp"
        case .hook: "hooks"
        }
    }

    /// Whether the artifact is stored as a single file (commands, agents) rather than a directory.
    public var isSingleFile: Bool { self == .command || self == .agent }

    /// The canonical names, for error messages.
    public static var validNames: String { allCases.map(\.rawValue).joined(separator: ", ") }

    public static func < (lhs: ArtifactType, rhs: ArtifactType) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
