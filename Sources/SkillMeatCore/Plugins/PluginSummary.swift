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
    /// Why the plugin is off by default, as its manifest says; nil for plugins on by default.
    public var disabledReason: String?
    /// How to enable it when it is not (a change to `[plugins]` of config.toml).
    public var enableHint: String?

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
        self.disabledReason = entry.descriptor.disabledReason
        self.enableHint = entry.status.enableHint
    }

    // Absent values are written as null, so every row has the same fields.
    public func encode(to encoder: any Encoder) throws {
        try encoder.encodeFields(CodingKeys.self, [
            .id: id, .kind: kind, .name: name, .module: module, .type: type, .summary: summary, .enabled: enabled, .reason: reason,
            .defaultEnabled: defaultEnabled, .disabledReason: disabledReason, .enableHint: enableHint,
        ])
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, name, module, type, summary, enabled, reason
        case defaultEnabled = "default_enabled"
        case disabledReason = "disabled_reason"
        case enableHint = "enable_hint"
    }
}
