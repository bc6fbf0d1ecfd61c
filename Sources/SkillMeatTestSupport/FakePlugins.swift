import Foundation
public import SkillMeatCore
public import SkillMeatPluginAPI
import Synchronization

/// Records the contexts the host built plugins with, so tests can check what each plugin received.
public final class ContextRecorder: Sendable {
    private let contexts = Mutex<[PluginID: PluginContext]>([:])

    public init() {}

    public func record(_ context: PluginContext) {
        contexts.withLock { $0[context.id] = context }
    }

    /// The context the plugin `id` was built with, if it was built.
    public func context(for id: PluginID) -> PluginContext? {
        contexts.withLock { $0[id] }
    }
}

/// A conflict strategy that always proceeds under the requested name.
public struct FakeConflictStrategy: ConflictStrategy {
    public init(context: PluginContext) {}

    public func decide(_ conflict: NameConflict) -> ConflictDecision {
        .proceed(name: conflict.requestedName)
    }
}

/// A detector that reports nothing.
public struct FakeDetector: ArtifactDetector {
    public let artifactType: ArtifactType

    public init(context: PluginContext) {
        self.artifactType = ArtifactType(parsing: context.id.name) ?? .skill
    }

    public func detect(_ input: DetectionInput) async -> DetectionResult {
        DetectionResult()
    }
}

/// A source provider that accepts references starting with `fake:` and yields an empty tree.
public struct FakeSourceProvider: SourceProvider {
    public let id: PluginID

    public init(context: PluginContext) {
        self.id = context.id
    }

    public var originLabel: String { "fake" }

    public func accepts(_ reference: SourceReference) -> Bool {
        reference.location.hasPrefix("fake:")
    }

    public func tree(for reference: SourceReference) async throws -> SourceTree {
        SourceTree(reference: reference, commit: nil, providerID: id, entries: [], reader: InMemoryContentReader(files: [:]))
    }
}

/// A deployer that plans nothing, for profile `context.id.name`.
public struct FakeDeployer: PlatformDeployer {
    public let profile: DeploymentProfile

    public init(context: PluginContext) {
        self.profile = DeploymentProfile(id: context.id.name, platform: context.id.name, recordFolder: .root, supportedTypes: [])
    }

    public func plan(_ artifacts: [DeployableArtifact], into target: DeploymentTarget) throws -> DeploymentPlan {
        DeploymentPlan(profileID: profile.id, scope: target.scope, items: [])
    }
}

/// Registrations of fake plugins of every kind, each recording the context it was built with.
public enum FakeRegistrations {
    public static func all(recorder: ContextRecorder, defaultEnabled: Bool = true) -> [PluginRegistration] {
        func descriptor(_ id: PluginID) -> PluginDescriptor {
            PluginDescriptor(id: id, module: "Fakes", typeName: "Fake", summary: "fake \(id)", defaultEnabled: defaultEnabled)
        }
        return [
            .source(descriptor("source/fake")) { recorder.record($0); return FakeSourceProvider(context: $0) },
            .detector(descriptor("detector/skill")) { recorder.record($0); return FakeDetector(context: $0) },
            .conflictStrategy(descriptor("conflict_strategy/keep")) { recorder.record($0); return FakeConflictStrategy(context: $0) },
            .deployer(descriptor("deployer/fake_profile")) { recorder.record($0); return FakeDeployer(context: $0) },
        ]
    }
}
