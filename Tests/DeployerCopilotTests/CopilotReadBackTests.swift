import DeployerCopilot
import Foundation
import SkillMeatPluginAPI
import SkillMeatTestSupport
import Testing

@Suite struct CopilotReadBackTests {
    @Test("prompt files and custom agents are offered as commands and agents the detectors read, mapped back to their files")
    func translates() throws {
        let readBack = CopilotDeployerTests.deployer().readBack(try .hosted([
            ".github/prompts/todo.prompt.md": "---\ndescription: \"List\"\n---\n\nFind ${input:arguments} and ${input:arg2}.\n",
            ".github/agents/reviewer.agent.md": "---\ndescription: Reviews\ntools: ['search']\n---\nReview.\n",
            ".github/agents/named.md": "---\nname: named\ndescription: Has a name\n---\nBody\n",
            ".github/skills/pdf/SKILL.md": "---\nname: pdf\ndescription: PDFs\n---\n",
            ".vscode/mcp.json": #"{"servers": {"docs": {"type": "stdio", "command": "npx"}}}"#,
        ]))
        let command = try RelativePath(validating: ".github/prompts/todo.md")
        #expect(String(decoding: try #require(readBack.files[command]), as: UTF8.self) == "---\ndescription: \"List\"\n---\n\nFind $ARGUMENTS and $2.\n")
        #expect(readBack.realPath(of: command).string == ".github/prompts/todo.prompt.md")
        let agent = try RelativePath(validating: ".github/agents/reviewer.md")
        #expect(String(decoding: try #require(readBack.files[agent]), as: UTF8.self) == "---\nname: \"reviewer\"\ndescription: Reviews\ntools: ['search']\n---\nReview.\n")
        #expect(readBack.realPath(of: agent).string == ".github/agents/reviewer.agent.md")
        #expect(readBack.files.keys.map(\.string).sorted() == [
            ".github/agents/named.md", ".github/agents/reviewer.md", ".github/prompts/todo.md", ".github/skills/pdf/SKILL.md", ".vscode/mcp.json",
        ])
        #expect(readBack.translations.count == 2, "a file the detectors read as it is needs no translation")
    }
}
