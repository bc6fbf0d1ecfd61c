import DeployerCodex
import Foundation
import SkillMeatPluginAPI
import SkillMeatTestSupport
import Testing

@Suite struct CodexReadBackTests {
    @Test("agent TOML and config.toml servers are offered as markdown and JSON, mapped back to the real files")
    func translates() throws {
        let readBack = CodexDeployerTests.deployer().readBack(try .hosted([
            ".codex/agents/helper.toml": "name = \"helper\"\ndescription = \"Helps.\"\nmodel = \"o3\"\ndeveloper_instructions = \"\"\"\nHelp out.\n\"\"\"\n",
            ".codex/config.toml": "model = \"o3\"\n\n[mcp_servers.files]\ncommand = \"files-server\"\n\n[mcp_servers.remote]\nurl = \"https://x.example/mcp\"\nbearer_token_env_var = \"TOKEN\"\n",
            ".codex/mcp.json": #"{"mcpServers": {"stray": {"command": "x"}}}"#,
            ".agents/skills/beta/SKILL.md": "---\nname: beta\ndescription: B.\n---\n",
        ]))
        let agent = try RelativePath(validating: ".codex/agents/helper.md")
        let servers = try RelativePath(validating: ".codex/mcp.json")
        #expect(String(decoding: try #require(readBack.files[agent]), as: UTF8.self) == "---\nname: \"helper\"\ndescription: \"Helps.\"\nmodel: \"o3\"\n---\n\nHelp out.\n")
        #expect(readBack.realPath(of: agent).string == ".codex/agents/helper.toml")
        let json = try JSONValue.parse(try #require(readBack.files[servers]))
        #expect(json["mcpServers"]?["stray"] == nil, "a real .codex/mcp.json is nothing Codex reads")
        #expect(json["mcpServers"]?["files"]?["command"]?.stringValue == "files-server")
        #expect(json["mcpServers"]?["remote"]?["headers"]?["Authorization"]?.stringValue == "Bearer ${TOKEN}")
        #expect(readBack.realPath(of: servers).string == ".codex/config.toml")
        #expect(readBack.realKeyPath(["mcpServers", "files"], in: servers) == ["mcp_servers", "files"])
        #expect(readBack.files[try RelativePath(validating: ".agents/skills/beta/SKILL.md")] != nil)
        #expect(readBack.diagnostics.isEmpty)
    }

    @Test("TOML that does not parse is skipped with a warning naming the file and line")
    func malformed() throws {
        let readBack = CodexDeployerTests.deployer().readBack(try .hosted([
            ".codex/agents/broken.toml": "name = \n",
            ".codex/config.toml": "model = \"o3\"\n[mcp_servers.files\n",
        ]))
        #expect(readBack.files.keys.map(\.string).sorted() == [".codex/agents/broken.toml", ".codex/config.toml"])
        #expect(readBack.diagnostics.count == 2)
        #expect(readBack.diagnostics.allSatisfy { $0.severity == .warning && $0.message.contains("line ") })
    }
}
