import Foundation
import Logging
import SkillMeatCore
import SkillMeatPluginAPI
import SkillMeatTestSupport
import Testing

@Suite struct PluginEnablementTests {
    static let descriptors = [
        PluginDescriptor(id: "source/git", module: "M", typeName: "T", summary: "", defaultEnabled: true),
        PluginDescriptor(id: "deployer/codex", module: "M", typeName: "T", summary: "", defaultEnabled: true),
        PluginDescriptor(id: "deployer/experimental", module: "M", typeName: "T", summary: "", defaultEnabled: false),
    ]

    static func enabled(_ configuration: PluginsConfiguration) throws -> [String] {
        try PluginEnablement.resolve(descriptors, configuration: configuration)
            .filter(\.value.enabled).map(\.key.description).sorted()
    }

    @Test("defaults, enable, disable and only", arguments: [
        (PluginsConfiguration(), ["deployer/codex", "source/git"]),
        (PluginsConfiguration(enable: ["deployer/experimental"]), ["deployer/codex", "deployer/experimental", "source/git"]),
        (PluginsConfiguration(disable: ["deployer/codex"]), ["source/git"]),
        (PluginsConfiguration(enable: ["deployer/experimental"], disable: ["source/git"]), ["deployer/codex", "deployer/experimental"]),
        (PluginsConfiguration(only: ["deployer/experimental"]), ["deployer/experimental"]),
    ])
    func modes(configuration: PluginsConfiguration, expected: [String]) throws {
        #expect(try Self.enabled(configuration) == expected)
    }

    @Test("each status says why")
    func reasons() throws {
        let statuses = try PluginEnablement.resolve(Self.descriptors, configuration: PluginsConfiguration(disable: ["deployer/codex"]))
        #expect(statuses["deployer/codex"]?.reason == "disabled by plugins.disable")
        #expect(statuses["source/git"]?.reason == "enabled by default")
        #expect(statuses["deployer/experimental"]?.reason == "disabled by default")
        #expect(statuses["deployer/experimental"]?.enableHint == "add 'deployer/experimental' to plugins.enable in config.toml")
        #expect(statuses["deployer/codex"]?.enableHint == "remove 'deployer/codex' from plugins.disable in config.toml")
        #expect(statuses["source/git"]?.enableHint == nil)
        let only = try PluginEnablement.resolve(Self.descriptors, configuration: PluginsConfiguration(only: ["source/git"]))
        #expect(only["deployer/codex"]?.enableHint == "add 'deployer/codex' to plugins.only in config.toml")
    }

    @Test("a plugin off by default says why, in the words of its manifest")
    func disabledReason() throws {
        let descriptor = PluginDescriptor(
            id: "deployer/gemini", module: "M", typeName: "T", summary: "", defaultEnabled: false,
            disabledReason: "writes .gemini/ only for people who use Gemini CLI"
        )
        let status = try #require(try PluginEnablement.resolve([descriptor], configuration: PluginsConfiguration())["deployer/gemini"])
        #expect(status.reason == "disabled by default: writes .gemini/ only for people who use Gemini CLI")
        #expect(status.enableHint == "add 'deployer/gemini' to plugins.enable in config.toml")
        let on = try PluginEnablement.resolve([descriptor], configuration: PluginsConfiguration(enable: ["deployer/gemini"]))
        #expect(on["deployer/gemini"] == PluginStatus(enabled: true, reason: "enabled by plugins.enable"))
    }

    @Test("unknown ids and contradictions are errors that list the valid ids", arguments: [
        PluginsConfiguration(disable: ["deployer/nope"]),
        PluginsConfiguration(only: ["source/gti"]),
        PluginsConfiguration(enable: ["source/git"], disable: ["source/git"]),
        PluginsConfiguration(only: ["source/git"], disable: ["deployer/codex"]),
        PluginsConfiguration(settings: ["source/gitlab": ["token": .string("x")]]),
    ])
    func errors(configuration: PluginsConfiguration) {
        #expect {
            try PluginEnablement.resolve(Self.descriptors, configuration: configuration)
        } throws: { error in
            let message = (error as? SkillMeatError)?.description ?? ""
            let namesIDs = message.contains("source/git, deployer") || message.contains("valid ids") || message.contains("plugins.only cannot")
                || message.contains("both plugins.enable and plugins.disable")
            return namesIDs
        }
    }

    @Test("an unknown id's message names every valid id")
    func validIDsListed() {
        #expect {
            try PluginEnablement.resolve(Self.descriptors, configuration: PluginsConfiguration(disable: ["deployer/nope"]))
        } throws: { error in
            let message = (error as? SkillMeatError)?.description ?? ""
            return ["source/git", "deployer/codex", "deployer/experimental", "deployer/nope"].allSatisfy(message.contains)
        }
    }

    @Test("each plugin is built with its own settings table and nothing else")
    func ownSettingsOnly() throws {
        let recorder = ContextRecorder()
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let configuration = PluginsConfiguration(settings: [
            "source/fake": ["token": .string("s3cret"), "api_url": .string("http://127.0.0.1:9")],
            "deployer/fake_profile": ["mode": .string("x")],
        ])
        let catalog = try PluginCatalog(
            registrations: FakeRegistrations.all(recorder: recorder),
            configuration: configuration,
            home: SkillMeatHome(root: home.url),
            environment: [:],
            logger: Logger(label: "test")
        )
        #expect(recorder.context(for: "source/fake")?.settings.values == ["token": .string("s3cret"), "api_url": .string("http://127.0.0.1:9")])
        #expect(recorder.context(for: "deployer/fake_profile")?.settings.values == ["mode": .string("x")])
        #expect(recorder.context(for: "conflict_strategy/keep")?.settings.values == [:])
        #expect(recorder.context(for: "detector/skill")?.settings.values == [:])
        #expect(try catalog.deployer(profile: "fake_profile").profile.id == "fake_profile")
        #expect(try catalog.sourceProvider(for: SourceReference(location: "fake:x")).id == "source/fake")
    }

    @Test("disabled plugins are not built, and looking one up says how to enable it")
    func disabledLookup() throws {
        let recorder = ContextRecorder()
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let catalog = try PluginCatalog(
            registrations: FakeRegistrations.all(recorder: recorder),
            configuration: PluginsConfiguration(disable: ["conflict_strategy/keep"]),
            home: SkillMeatHome(root: home.url),
            environment: [:],
            logger: Logger(label: "test")
        )
        #expect(recorder.context(for: "conflict_strategy/keep") == nil)
        #expect {
            try catalog.conflictStrategy(named: "keep")
        } throws: { error in
            (error as? SkillMeatError)?.description.contains("disabled") == true
        }
        #expect {
            try catalog.deployer(profile: "nope")
        } throws: { error in
            (error as? SkillMeatError)?.description.contains("available: fake_profile") == true
        }
    }
}
