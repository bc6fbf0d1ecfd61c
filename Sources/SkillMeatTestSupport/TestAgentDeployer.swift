public import Foundation
public import SkillMeatCore
public import SkillMeatPluginAPI

/// A made-up platform, "Test Agent", that exists only in tests: it proves the host deploys,
/// discovers, adopts, reports drift for and undeploys a profile it has no knowledge of. Its formats
/// differ from the built-in platforms on purpose: everything lives under `.testagent/`, agents are
/// TOML files (`agents/<n>.toml` with `name`, `description`, `prompt`), MCP servers are `[servers.<n>]`
/// tables of `settings.toml`, and names are at most 40 lowercase letters, digits and hyphens. It
/// takes no hooks.
public struct TestAgentDeployer: ItemPlanningDeployer {
    public static let id: PluginID = "deployer/test_agent"
    static let base = RelativePath.root.appendingComponent(".testagent")
    static let settings = base.appendingComponent("settings.toml")
    /// Where `settings.toml`'s servers are offered to the detectors.
    static let servers = base.appendingComponent("mcp.json")
    static let agents = base.appendingComponent("agents")
    static let nameRule = NameRule(maxLength: 40, characters: .lowercaseHyphenated)

    public let profile = DeploymentProfile(
        id: "test_agent",
        platform: "test-agent",
        recordFolder: base,
        supportedTypes: [.skill, .command, .agent, .mcpServer],
        nameRules: Dictionary(uniqueKeysWithValues: ArtifactType.allCases.map { ($0, nameRule) })
    )

    public init(context: PluginContext) {}

    /// The registration a test adds to its catalog.
    public static var registration: PluginRegistration {
        .deployer(
            PluginDescriptor(id: id, module: "SkillMeatTestSupport", typeName: "TestAgentDeployer", summary: "a made-up platform for tests", defaultEnabled: true),
            { TestAgentDeployer(context: $0) }
        )
    }

    public func item(for artifact: DeployableArtifact, into target: DeploymentTarget) throws(PluginError) -> DeploymentPlan.Item {
        let name = try artifact.pathComponent()
        guard Self.nameRule.permits(name.string) else {
            throw .unsupported("\(artifact.id) cannot go to Test Agent: a name must be \(Self.nameRule.summary).")
        }
        switch artifact.id.type {
        case .skill:
            return .init(artifact: artifact.id, writes: artifact.writes(under: Self.base.appendingComponent("skills").appending(name)))
        case .command:
            let path = Self.base.appendingComponent("commands").appending(name).appendingExtension("md")
            return .init(artifact: artifact.id, writes: [PlannedFileWrite(path: path, contents: try artifact.singleFile())])
        case .agent:
            let frontmatter = Frontmatter.parse(try artifact.singleFile())
            let text = [
                "name = \(TOMLText.quote(name.string))",
                "description = \(TOMLText.quote(frontmatter.string("description") ?? ""))",
                "prompt = \(TOMLText.multiline(frontmatter.body.trimmingCharacters(in: .whitespacesAndNewlines) + "\n"))",
            ].joined(separator: "\n") + "\n"
            let path = Self.agents.appending(name).appendingExtension("toml")
            return .init(artifact: artifact.id, writes: [PlannedFileWrite(path: path, contents: Data(text.utf8))])
        case .mcpServer:
            let server = try artifact.serverConfiguration()
            return .init(
                artifact: artifact.id,
                merges: [PlannedMerge(file: Self.settings, format: .toml, keyPath: ["servers", name.string], value: .object(server))],
                commands: JSONValue.serverCommands(server)
            )
        case .hook:
            return .init(artifact: artifact.id, unsupportedReason: "Test Agent has no hooks")
        }
    }

    /// Agent TOML back to agent markdown; `[servers.*]` back to an `mcpServers` JSON file.
    public func readBack(_ input: ProfileFiles) -> ProfileReadBack {
        var files = input.files
        var translations: [RelativePath: ProfileReadBack.Translation] = [:]
        var diagnostics: [Diagnostic] = []
        // A real `.testagent/mcp.json` is nothing Test Agent reads; the translated one takes its place.
        files[Self.servers] = nil
        for path in input.files.keys where path.parent == Self.agents && path.fileExtension == "toml" {
            guard let stem = path.stem, let markdown = try? Self.agents.appending(stem + ".md") else { continue }
            do {
                guard let table = try input.table(at: path) else { continue }
                let front = [
                    "name: \(JSONValue.string(table["name"]?.stringValue ?? stem).description)",
                    "description: \(JSONValue.string(table["description"]?.stringValue ?? "").description)",
                ]
                let body = table["prompt"]?.stringValue ?? ""
                files[markdown] = Data((["---"] + front + ["---", "", body]).joined(separator: "\n").utf8)
                translations[markdown] = .init(source: path)
            } catch {
                diagnostics.append(Diagnostic(.warning, path: path.string, error.description))
            }
        }
        do {
            if let servers = try input.table(at: Self.settings)?["servers"]?.objectValue, !servers.isEmpty {
                files[Self.servers] = JSONValue.object(["mcpServers": .object(servers)]).prettyData()
                translations[Self.servers] = .init(source: Self.settings, containers: ["mcpServers": ["servers"]])
            }
        } catch {
            diagnostics.append(Diagnostic(.warning, path: Self.settings.string, error.description))
        }
        return ProfileReadBack(files: files, translations: translations, diagnostics: diagnostics)
    }
}
