import DeployerOpenCode
import Foundation
import SkillMeatPluginAPI
import SkillMeatTestSupport
import Testing

@Suite struct OpenCodeReadBackTests {
    @Test("opencode.json mcp entries are offered as Claude-style servers mapped to mcp.<n>; agents get their file name")
    func translates() throws {
        let readBack = OpenCodeDeployerTests.deployer().readBack(try .hosted([
            "opencode.json": #"{"$schema": "https://opencode.ai/config.json", "mcp": {"docs": {"type": "local", "command": ["npx", "-y", "x"], "environment": {"T": "{env:T}"}, "enabled": true}, "api": {"type": "remote", "url": "https://x/mcp"}}}"#,
            ".opencode/mcp.json": #"{"mcpServers": {"stray": {"command": "x"}}}"#,
            ".opencode/agents/reviewer.md": "---\ndescription: Reviews\nmode: subagent\n---\nReview.\n",
            ".opencode/commands/todo.md": "Find $ARGUMENTS.\n",
        ]))
        let servers = try RelativePath(validating: ".opencode/mcp.json")
        let value = try JSONValue.parse(try #require(readBack.files[servers]))
        #expect(value == .object(["mcpServers": .object([
            "docs": .object(["command": .string("npx"), "args": .array([.string("-y"), .string("x")]), "env": .object(["T": .string("${T}")])]),
            "api": .object(["type": .string("http"), "url": .string("https://x/mcp")]),
        ])]))
        #expect(readBack.realPath(of: servers).string == "opencode.json")
        #expect(readBack.realKeyPath(["mcpServers", "docs"], in: servers) == ["mcp", "docs"])
        let agent = try RelativePath(validating: ".opencode/agents/reviewer.md")
        #expect(String(decoding: try #require(readBack.files[agent]), as: UTF8.self) == "---\nname: \"reviewer\"\ndescription: Reviews\nmode: subagent\n---\nReview.\n")
        #expect(readBack.files[try RelativePath(validating: ".opencode/commands/todo.md")] == Data("Find $ARGUMENTS.\n".utf8))
        #expect(readBack.diagnostics.isEmpty)
    }

    @Test("a config with comments is skipped with a warning")
    func jsonc() throws {
        let readBack = OpenCodeDeployerTests.deployer().readBack(try .hosted(["opencode.json": "{\n  // mine\n  \"mcp\": {}\n}\n"]))
        #expect(readBack.diagnostics.count == 1)
        #expect(readBack.files[try RelativePath(validating: ".opencode/mcp.json")] == nil)
    }
}
