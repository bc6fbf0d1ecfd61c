/// The four kinds of plugin the host knows (DESIGN §1).
public enum PluginKind: String, Sendable, Hashable, Codable, NamedCases {
    case source
    case detector
    case conflictStrategy = "conflict_strategy"
    case deployer
}

/// Identifies a plugin as `kind/name`, e.g. `deployer/codex` or `conflict_strategy/rename`.
public struct PluginID: Sendable, Hashable, Comparable, TextIdentifier, ExpressibleByStringLiteral {
    public var kind: PluginKind
    public var name: String

    public init(kind: PluginKind, name: String) {
        self.kind = kind
        self.name = name
    }

    /// Parses `kind/name`; returns nil when the kind is unknown or the name is empty.
    public init?(parsing text: String) {
        guard let slash = text.firstIndex(of: "/"),
              let kind = PluginKind(rawValue: String(text[..<slash]))
        else { return nil }
        let name = String(text[text.index(after: slash)...])
        guard !name.isEmpty, !name.contains("/") else { return nil }
        self.init(kind: kind, name: name)
    }

    /// For identifiers written in code; a malformed literal is a programming error caught by tests.
    public init(stringLiteral value: String) {
        guard let id = PluginID(parsing: value) else {
            preconditionFailure("'\(value)' is not a \(Self.writtenForm)")
        }
        self = id
    }

    public var description: String { "\(kind.rawValue)/\(name)" }

    public static let writtenForm = "kind/name plugin id"

    public static func < (lhs: PluginID, rhs: PluginID) -> Bool { lhs.description < rhs.description }
}
