import DetectorMCPServers
import SkillMeatPluginAPI
import SkillMeatTestSupport
import Testing

@Suite struct MCPServerDetectorTests {
    static func detect(_ files: [String: String]) async throws -> DetectionResult {
        await MCPServerDetector(context: .testing("detector/mcp_servers")).detect(DetectionInput(tree: try .inMemory(files)))
    }

    @Test("every server of every config shape is one artifact", arguments: [
        ([".mcp.json": #"{"mcpServers": {"a": {"command": "x"}, "b": {"url": "https://b"}}}"#], [".mcp.json a", ".mcp.json b"]),
        (["cursor/mcp.json": #"{"context7": {"url": "https://c"}}"#], ["cursor/mcp.json context7"]),
        ([".vscode/mcp.json": #"{"servers": {"gh": {"type": "http", "url": "https://g"}}}"#], [".vscode/mcp.json gh"]),
        (["gemini-extension.json": #"{"name": "g", "mcpServers": {"c7": {"command": "npx"}}}"#], ["gemini-extension.json c7"]),
        (["p/.claude-plugin/plugin.json": #"{"name": "p", "mcpServers": {"db": {"command": "db"}}}"#], ["p/.claude-plugin/plugin.json db"]),
        ([".mcp.json.sample": #"{"mcpServers": {"a": {"command": "x"}}}"#, "components.json": #"{"style": "x"}"#], []),
        (["packages/mcp/package.json": #"{"name": "@x/mcp", "bin": {"x-mcp": "dist/index.js"}, "dependencies": {"@modelcontextprotocol/sdk": "1"}}"#,
          "packages/cli/package.json": #"{"name": "@x/cli", "devDependencies": {"@modelcontextprotocol/sdk": "1"}}"#],
         ["packages/mcp @x/mcp"]),
        (["server/pyproject.toml": "[project]\nname = \"weather-mcp\"\ndependencies = [\n  \"mcp[cli]>=1.2\",\n]\n\n[project.scripts]\nweather-mcp = \"weather:main\"\n"], ["server weather-mcp"]),
    ])
    func servers(files: [String: String], expected: [String]) async throws {
        let result = try await Self.detect(files)
        #expect(result.artifacts.map { "\($0.path) \($0.name)" } == expected)
    }

    @Test("a broken config is a diagnostic and the other configs are still read")
    func brokenJSON() async throws {
        let result = try await Self.detect([
            "a/.mcp.json": "{ \"mcpServers\": ",
            "b/.mcp.json": #"{"mcpServers": {"ok": {"command": "ok", "description": "Fine"}}}"#,
        ])
        #expect(result.artifacts.map(\.name) == ["ok"])
        #expect(result.artifacts.first?.declaration == .object(["command": .string("ok"), "description": .string("Fine")]))
        #expect(result.diagnostics.map(\.path) == ["a/.mcp.json"])
    }
}
