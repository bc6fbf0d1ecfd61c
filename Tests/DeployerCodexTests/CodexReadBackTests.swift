import DeployerCodex
import Foundation
import SkillMeatPluginAPI
import SkillMeatTestSupport
import Testing

@Suite struct CodexReadBackTests {
    @Test("agent TOML is offered as markdown mapped back to its file; config.toml stays as it is for the detectors")
    func translates() throws {
        let config = "model = \"o3\"\n\n[mcp_servers.files]\ncommand = \"files-server\"\n"
        let readBack = CodexDeployerTests.deployer().readBack(try .hosted([
            ".codex/agents/helper.toml": "name = \"helper\"\ndescription = \"Helps.\"\nmodel = \"o3\"\ndeveloper_instructions = \"\"\"\nHelp out.\n\"\"\"\n",
            ".codex/config.toml": config,
            ".codex/mcp.json": #"{"mcpServers": {"stray": {"command": "x"}}}"#,
            ".agents/skills/beta/SKILL.md": "---\nname: beta\ndescription: B.\n---\n",
        ]))
        let agent = try RelativePath(validating: ".codex/agents/helper.md")
        #expect(String(decoding: try #require(readBack.files[agent]), as: UTF8.self) == "---\nname: \"helper\"\ndescription: \"Helps.\"\nmodel: \"o3\"\n---\n\nHelp out.\n")
        #expect(readBack.realPath(of: agent).string == ".codex/agents/helper.toml")
        #expect(readBack.files[try RelativePath(validating: ".codex/mcp.json")] == nil, "a real .codex/mcp.json is nothing Codex reads")
        #expect(readBack.files[try RelativePath(validating: ".codex/config.toml")] == Data(config.utf8))
        #expect(readBack.translations.count == 1)
        #expect(readBack.files[try RelativePath(validating: ".agents/skills/beta/SKILL.md")] != nil)
        #expect(readBack.diagnostics.isEmpty)
    }

    @Test("config.toml servers in Claude's form: stdio as it is, a bearer variable as an Authorization header")
    func servers() throws {
        let table = try TOMLReader.parse("[mcp_servers.files]\ncommand = \"files-server\"\n\n[mcp_servers.remote]\nurl = \"https://x.example/mcp\"\nbearer_token_env_var = \"TOKEN\"\n")
        let servers = Dictionary(uniqueKeysWithValues: CodexConfig.mcpServers(in: table).map { ($0.name, $0.server) })
        #expect(servers["files"]?["command"]?.stringValue == "files-server")
        #expect(servers["remote"]?["type"]?.stringValue == "http")
        #expect(servers["remote"]?["headers"]?["Authorization"]?.stringValue == "Bearer ${TOKEN}")
        #expect(servers["remote"]?["bearer_token_env_var"] == nil)
    }

    @Test("TOML that does not parse is skipped with a warning naming the file and line")
    func malformed() throws {
        let readBack = CodexDeployerTests.deployer().readBack(try .hosted([
            ".codex/agents/broken.toml": "name = \n",
            ".codex/config.toml": "model = \"o3\"\n[mcp_servers.files\n",
        ]))
        #expect(readBack.files.keys.map(\.string).sorted() == [".codex/agents/broken.toml", ".codex/config.toml"])
        // config.toml is not parsed here any more: the detectors read it and report it themselves.
        #expect(readBack.diagnostics.count == 1)
        #expect(readBack.diagnostics.allSatisfy { $0.severity == .warning && $0.message.contains("line ") })
    }
}
