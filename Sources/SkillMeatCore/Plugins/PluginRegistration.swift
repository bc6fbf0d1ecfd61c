public import SkillMeatPluginAPI

/// What the manifest says about one built-in plugin.
public struct PluginDescriptor: Sendable, Hashable, Codable {
    public var id: PluginID
    /// The SwiftPM target that holds the type.
    public var module: String
    /// The conforming type's name.
    public var typeName: String
    public var summary: String
    public var defaultEnabled: Bool
    /// Why the plugin is off by default (the manifest's `disabled_reason`), for `plugins list`.
    public var disabledReason: String?

    public init(id: PluginID, module: String, typeName: String, summary: String, defaultEnabled: Bool, disabledReason: String? = nil) {
        self.id = id
        self.module = module
        self.typeName = typeName
        self.summary = summary
        self.defaultEnabled = defaultEnabled
        self.disabledReason = disabledReason
    }
}

/// A compiled-in plugin: its descriptor and how to build it. Cases are typed by kind, so a type
/// registered under the wrong kind does not compile.
public enum PluginRegistration: Sendable {
    case source(PluginDescriptor, @Sendable (PluginContext) throws -> any SourceProvider)
    case detector(PluginDescriptor, @Sendable (PluginContext) throws -> any ArtifactDetector)
    case conflictStrategy(PluginDescriptor, @Sendable (PluginContext) throws -> any ConflictStrategy)
    case deployer(PluginDescriptor, @Sendable (PluginContext) throws -> any PlatformDeployer)

    public var descriptor: PluginDescriptor {
        switch self {
        case .source(let descriptor, _), .detector(let descriptor, _),
             .conflictStrategy(let descriptor, _), .deployer(let descriptor, _):
            descriptor
        }
    }

    /// The kind the case stands for; a test checks it equals the descriptor's.
    public var kind: PluginKind {
        switch self {
        case .source: .source
        case .detector: .detector
        case .conflictStrategy: .conflictStrategy
        case .deployer: .deployer
        }
    }
}
