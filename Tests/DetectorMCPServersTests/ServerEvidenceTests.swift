import DetectorMCPServers
import SkillMeatPluginAPI
import SkillMeatTestSupport
import Testing

/// A package that uses an MCP SDK is a server only when it shows that it serves.
@Suite struct ServerEvidenceTests {
    static func detect(_ files: [String: String]) async throws -> [String: DetectedArtifact] {
        let result = await MCPServerDetector(context: .testing("detector/mcp_servers")).detect(DetectionInput(tree: try .inMemory(files)))
        return Dictionary(uniqueKeysWithValues: result.artifacts.map { ("\($0.path.string)#\($0.name)", $0) })
    }

    @Test("SDK clients, evaluation harnesses and libraries are not servers")
    func notServers() async throws {
        let found = try await Self.detect([
            "packages/eval/package.json": #"{"name": "eval-harness", "private": true, "dependencies": {"@modelcontextprotocol/sdk": "1"}}"#,
            "packages/eval/src/run.ts": "const client = new Client(); await client.connect(new StdioClientTransport({}))\n",
            "packages/lib/package.json": #"{"name": "mcp-core", "dependencies": {"@modelcontextprotocol/sdk": "1"}, "main": "dist/index.js"}"#,
            "packages/lib/src/index.ts": "export class Tools {}\n",
            "apps/extension/package.json": #"{"name": "extension", "devDependencies": {"@modelcontextprotocol/sdk": "1"}}"#,
            "package.json": #"{"name": "monorepo", "private": true, "workspaces": ["packages/*"], "devDependencies": {"@modelcontextprotocol/sdk": "1"}}"#,
        ])
        #expect(found.isEmpty)
    }

    @Test("each kind of evidence makes a server", arguments: [
        // An MCP registry name (the SDK bundled as a dev dependency).
        ["pkg/package.json": #"{"name": "db-mcp", "mcpName": "io.github.x/db-mcp", "devDependencies": {"@modelcontextprotocol/sdk": "1"}}"#],
        // server.json beside it.
        ["pkg/package.json": #"{"name": "db-mcp", "dependencies": {"@modelcontextprotocol/sdk": "1"}}"#, "pkg/server.json": "{}"],
        // An executable that runs the SDK.
        ["pkg/package.json": #"{"name": "db-mcp", "bin": {"db-mcp": "dist/index.js"}, "dependencies": {"@modelcontextprotocol/sdk": "1"}}"#],
        // An entry point that starts a server transport (its source, the build output not committed).
        ["pkg/package.json": #"{"name": "db", "main": "dist/index.js", "dependencies": {"@modelcontextprotocol/sdk": "1"}}"#,
         "pkg/src/index.ts": "const server = new McpServer({name: 'db'});\nawait server.connect(new StdioServerTransport());\n"],
        // A Python console script.
        ["pkg/pyproject.toml": "[project]\nname = \"db-mcp\"\ndependencies = [\n  \"fastmcp>=2\",\n]\n\n[project.scripts]\ndb-mcp = \"db_mcp:main\"\n"],
    ])
    func evidence(files: [String: String]) async throws {
        let found = try await Self.detect(files)
        let server = try #require(found.values.first { $0.path.string == "pkg" })
        #expect(server.confidence == DetectionConfidence.servingPackage)
        #expect(server.reasons.count >= 2, "the SDK and the evidence: \(server.reasons)")
    }

    @Test("a server package at the root of its monorepo, launched by the config beside it")
    func monorepoRoot() async throws {
        let found = try await Self.detect([
            "package.json": #"{"name": "task-server", "workspaces": ["apps/*"], "dependencies": {"fastmcp": "3"}}"#,
            ".mcp.json": #"{"mcpServers": {"tasks": {"command": "npx", "args": ["-y", "task-server"]}}}"#,
            "apps/mcp/package.json": #"{"name": "@x/mcp-tools", "private": true, "dependencies": {"fastmcp": "3"}}"#,
        ])
        #expect(found.keys.sorted() == ["#task-server", ".mcp.json#tasks"])
        #expect(found["#task-server"]?.reasons.contains { $0.contains(".mcp.json launches it") } == true)
    }

    @Test("a Python server whose config beside it reaches it on this machine")
    func localConfig() async throws {
        let found = try await Self.detect([
            "pyproject.toml": "[project]\nname = \"mail\"\ndependencies = [\"fastmcp>=2\"]\n",
            ".mcp.json": #"{"mcpServers": {"mail": {"type": "http", "url": "http://127.0.0.1:8765/api/"}}}"#,
        ])
        #expect(found["#mail"] != nil)
    }

    @Test("Codex config.toml [mcp_servers.<name>] tables are servers, in Claude's form; notify is nothing")
    func codexConfig() async throws {
        let found = try await Self.detect([
            ".codex/config.toml": """
                model = "o3"
                notify = ["notify-send", "done"]

                [mcp_servers.files]
                command = "files-server"
                args = ["--root", "."]

                [mcp_servers.remote]
                url = "https://x.example/mcp"
                bearer_token_env_var = "TOKEN"
                """,
        ])
        #expect(found.keys.sorted() == [".codex/config.toml#files", ".codex/config.toml#remote"])
        #expect(found[".codex/config.toml#files"]?.declaration?["command"]?.stringValue == "files-server")
        #expect(found[".codex/config.toml#remote"]?.declaration?["headers"]?["Authorization"]?.stringValue == "Bearer ${TOKEN}")
        #expect(found[".codex/config.toml#files"]?.confidence == DetectionConfidence.platformFolder)
    }

    @Test("Gemini CLI's project settings declare servers in mcpServers; the rest of the file is not read as servers")
    func geminiSettings() async throws {
        let found = try await Self.detect([
            ".gemini/settings.json": #"{"theme": "Dracula", "telemetry": {"type": "local"}, "mcpServers": {"git": {"command": "uvx", "args": ["mcp-server-git"]}}}"#,
            "examples/.gemini/settings.json": #"{"mcpServers": {"x": {"command": "x"}}}"#,
        ])
        #expect(found.keys.sorted() == [".gemini/settings.json#git"])
    }

    @Test("a config.toml that is not TOML is a diagnostic, and the rest goes on")
    func brokenCodexConfig() async throws {
        let result = await MCPServerDetector(context: .testing("detector/mcp_servers")).detect(DetectionInput(tree: try .inMemory([
            ".codex/config.toml": "[mcp_servers.files\n",
            ".mcp.json": #"{"mcpServers": {"a": {"command": "a"}}}"#,
        ])))
        #expect(result.artifacts.map(\.name) == ["a"])
        #expect(result.diagnostics.contains { $0.path == ".codex/config.toml" && $0.message.contains("line") })
    }
}
