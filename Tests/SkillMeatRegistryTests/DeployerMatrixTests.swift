import Foundation
import SkillMeatCore
import SkillMeatPluginAPI
import SkillMeatRegistry
import SkillMeatStore
import SkillMeatTestSupport
import Testing

/// Every deployer in the manifest, enabled or not by default, through `DeployerMatrix`: every type,
/// both scopes, byte-for-byte undeploy (shared files a person wrote included), drift states,
/// discover and adopt, escapes refused. A new deployer is covered as soon as it is registered.
@Suite struct DeployerMatrixTests {
    static let marketplace = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "examples/marketplace")

    /// Every built-in plugin, and Test Agent, a platform made up for tests, so the matrix proves it
    /// holds for a profile with its own formats and no hooks too.
    static let registrations = BuiltinPlugins.registrations + [TestAgentDeployer.registration]

    /// The profile ids of the deployers (a deployer's plugin name is its profile id).
    static let profiles = registrations.map(\.descriptor).filter { $0.id.kind == .deployer }.map(\.id.name)

    static func matrix(_ profile: String) -> DeployerMatrix {
        DeployerMatrix(profile: profile, registrations: registrations, marketplace: marketplace) { home throws(SkillMeatError) in
            try StoreBackends.open(StoreSettings(), home: home)
        }
    }

    @Test("deploy, dry run, deploy again and undeploy leave the tree byte for byte, shared files a person wrote included", arguments: profiles, DeploymentScope.allCases)
    func roundTrip(profile: String, scope: DeploymentScope) async throws {
        let problems = try await Self.matrix(profile).roundTrip(scope: scope)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test("drift: modified, outdated, missing", arguments: profiles, DeploymentScope.allCases)
    func drift(profile: String, scope: DeploymentScope) async throws {
        let problems = try await Self.matrix(profile).drift(scope: scope)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test("discover reads every deployment back as managed; adopt takes them back without rewriting anything", arguments: profiles)
    func discoverAndAdopt(profile: String) async throws {
        let problems = try await Self.matrix(profile).discoverAndAdopt()
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test("names and links that leave the target are refused, nothing written outside", arguments: profiles)
    func escapes(profile: String) async throws {
        let problems = try await Self.matrix(profile).escapes()
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }
}
