import Foundation
import Logging
import SkillMeatPluginAPI
import Testing

@Suite struct IdentifierTests {
    @Test("artifact types read every spelling users and older files use", arguments: [
        ("skill", ArtifactType.skill), ("Skills", .skill), ("command", .command), ("agent", .agent),
        ("subagent", .agent), ("mcp", .mcpServer), ("mcp-server", .mcpServer), ("mcp_server", .mcpServer),
        ("MCP", .mcpServer), ("hook", .hook), ("hooks", .hook),
    ])
    func artifactTypes(text: String, expected: ArtifactType) {
        #expect(ArtifactType(parsing: text) == expected)
    }

    @Test("unknown artifact types are refused")
    func unknownType() throws {
        #expect(ArtifactType(parsing: "workflow") == nil)
        let data = Data("\"workflow\"".utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ArtifactType.self, from: data) }
    }

    @Test("artifact ids are type:name")
    func artifactIDs() throws {
        let id = try #require(ArtifactID(parsing: "mcp:github"))
        #expect(id.type == .mcpServer && id.name == "github")
        #expect(id.description == "mcp_server:github")
        #expect(ArtifactID(parsing: "skill:") == nil)
        #expect(ArtifactID(parsing: "pdf") == nil)
        #expect(ArtifactID(parsing: "skill:a:b")?.name == "a:b")
    }

    @Test("plugin ids are kind/name")
    func pluginIDs() {
        #expect(PluginID(parsing: "deployer/codex") == PluginID(kind: .deployer, name: "codex"))
        #expect(PluginID(parsing: "conflict_strategy/rename")?.kind == .conflictStrategy)
        #expect(PluginID(parsing: "widget/x") == nil)
        #expect(PluginID(parsing: "source/") == nil)
        #expect(PluginID(parsing: "source/a/b") == nil)
    }

    @Test("a plugin's cache folder is its own")
    func cacheDirectory() {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let context = PluginContext(id: "source/git", logger: logger, homeDirectory: URL(fileURLWithPath: "/home/u/.skillmeat"))
        #expect(context.cacheDirectory.path == "/home/u/.skillmeat/cache/plugins/source/git")
        #expect(context.logger[metadataKey: "plugin.id"] == "source/git")
    }
}
