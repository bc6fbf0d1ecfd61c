import SkillMeatPluginAPI

/// One plugin as `plugins list --json` and `GET /api/v1/plugins` show it.
public struct PluginSummary: Sendable, Hashable, Codable {
    public var id: String
    public var kind: String
    public var name: String
    public var module: String
    public var type: String
    public var summary: String
    public var enabled: Bool
    public var reason: String
    public var defaultEnabled: Bool

    public init(_ entry: PluginCatalog.Entry) {
        self.id = entry.descriptor.id.description
        self.kind = entry.descriptor.id.kind.rawValue
        self.name = entry.descriptor.id.name
        self.module = entry.descriptor.module
        self.type = entry.descriptor.typeName
        self.summary = entry.descriptor.summary
        self.enabled = entry.status.enabled
        self.reason = entry.status.reason
        self.defaultEnabled = entry.descriptor.defaultEnabled
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, name, module, type, summary, enabled, reason
        case defaultEnabled = "default_enabled"
    }
}
