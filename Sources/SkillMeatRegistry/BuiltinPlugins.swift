import Foundation
public import Logging
public import SkillMeatCore
import SkillMeatPluginAPI

/// The composition root: every plugin compiled into this build (listed in the generated
/// `BuiltinPlugins+Generated.swift`) and the catalog built from them for one run.
public enum BuiltinPlugins {
    /// The descriptors of every built-in plugin, in manifest order.
    public static var descriptors: [PluginDescriptor] { registrations.map(\.descriptor) }

    /// Builds the enabled plugins for `configuration`, once, at start-up.
    public static func catalog(
        configuration: Configuration,
        home: SkillMeatHome,
        environment: [String: String],
        logger: Logger
    ) throws(SkillMeatError) -> PluginCatalog {
        try PluginCatalog(
            registrations: registrations,
            configuration: configuration.plugins,
            deploy: DeploySettings(configuration: configuration),
            home: home,
            environment: environment,
            logger: logger
        )
    }

    // One overload per kind: the registration case's closure type picks the overload, so a type that
    // does not conform to that kind's protocol fails to compile.

    static func factory<T: SourceProvider>(_: T.Type) -> @Sendable (PluginContext) throws -> any SourceProvider {
        { try T(context: $0) }
    }

    static func factory<T: ArtifactDetector>(_: T.Type) -> @Sendable (PluginContext) throws -> any ArtifactDetector {
        { try T(context: $0) }
    }

    static func factory<T: ConflictStrategy>(_: T.Type) -> @Sendable (PluginContext) throws -> any ConflictStrategy {
        { try T(context: $0) }
    }

    static func factory<T: PlatformDeployer>(_: T.Type) -> @Sendable (PluginContext) throws -> any PlatformDeployer {
        { try T(context: $0) }
    }
}
