import Foundation
import Logging
import PluginRegistryGenerator
import SkillMeatCore
import SkillMeatPluginAPI
import SkillMeatRegistry
import SkillMeatTestSupport
import Testing

@Suite struct RegistryTests {
    /// The package root, found from this file's location.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("the generated registry and defaults match config/; run `swift run generate-plugin-registry` if not")
    func generatedFilesAreCurrent() throws {
        let stale = try RegistryGenerator(packageRoot: Self.packageRoot).staleFiles()
        #expect(stale.isEmpty, "stale: \(stale)")
    }

    @Test("every registration's case matches its id's kind, and ids are unique")
    func kindsMatch() {
        for registration in BuiltinPlugins.registrations {
            #expect(registration.kind == registration.descriptor.id.kind, "\(registration.descriptor.id)")
        }
        let ids = BuiltinPlugins.descriptors.map(\.id)
        #expect(Set(ids).count == ids.count)
    }

    @Test("every built-in plugin can be built from a context")
    func everyPluginBuilds() throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let only = BuiltinPlugins.descriptors.map(\.id.description)
        let configuration = Configuration(values: ["plugins": .object(["only": .array(only.map { .string($0) })])])
        let catalog = try BuiltinPlugins.catalog(
            configuration: configuration,
            home: SkillMeatHome(root: home.url),
            environment: [:],
            logger: Logger(label: "test")
        )
        #expect(catalog.entries.allSatisfy { $0.status.enabled })
        #expect(catalog.conflictStrategyNames == ["overwrite", "rename", "skip"])
    }

    @Test("the manifest parser refuses a kind that does not match the id")
    func manifestValidation() {
        let wrongKind = """
            [[plugin]]
            id = "detector/skip"
            kind = "conflict_strategy"
            module = "ConflictStrategies"
            type = "SkipConflictStrategy"
            summary = "x"
            """
        #expect(throws: GeneratorError.self) { try RegistryGenerator.parseManifest(wrongKind) }
        let git = """
            [[plugin]]
            id = "source/git"
            kind = "source"
            module = "SourceGit"
            type = "GitSourceProvider"
            summary = "x"

            """
        #expect(throws: GeneratorError.self) { try RegistryGenerator.parseManifest(git + git) }
    }

    @Test("disabled_reason is read from the manifest, and only for a plugin off by default")
    func disabledReason() throws {
        let off = """
            [[plugin]]
            id = "deployer/x"
            kind = "deployer"
            module = "DeployerX"
            type = "XDeployer"
            summary = "x"
            default_enabled = false
            disabled_reason = "writes .x/ only when asked"

            """
        #expect(try RegistryGenerator.parseManifest(off).first?.disabledReason == "writes .x/ only when asked")
        #expect(throws: GeneratorError.self) {
            try RegistryGenerator.parseManifest(off.replacingOccurrences(of: "default_enabled = false", with: "default_enabled = true"))
        }
        // What the registry says reaches `plugins list`: every descriptor carries its manifest's reason.
        let manifest = try String(contentsOf: Self.packageRoot.appending(path: "config/plugins.toml"), encoding: .utf8)
        let reasons = Dictionary(uniqueKeysWithValues: try RegistryGenerator.parseManifest(manifest).map { ($0.id, $0.disabledReason) })
        #expect(BuiltinPlugins.descriptors.allSatisfy { reasons[$0.id.description] == $0.disabledReason })
    }
}
