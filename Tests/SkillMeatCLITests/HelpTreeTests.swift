import Foundation
import SkillMeatTestSupport
import Testing
@testable import SkillMeatCLI

@Suite struct HelpTreeTests {
    @Test("every command's help page has examples that parse, and every leaf takes the global options")
    func everyLeafHasExamples() {
        let nodes = CommandTree.all()
        #expect(nodes.filter(\.isLeaf).count >= 45)
        for node in nodes {
            let name = (["skillmeat"] + node.path).joined(separator: " ")
            #expect(node.help.contains("EXAMPLES:"), "\(name) has no examples")
            #expect(!node.examples.isEmpty, "\(name) has no examples")
            for example in node.examples {
                // The command line before any pipe or redirection.
                let words = CommandTree.words(example).prefix { !["|", ">", ">>"].contains($0) }
                #expect(words.first == "skillmeat", "\(name): \(example)")
                let ran = CommandTree.command(Array(words.dropFirst()))
                #expect(ran != nil, "\(name): '\(example)' does not parse")
                if node.isLeaf { #expect(ran == CommandTree.name(node), "\(name): '\(example)' runs \(ran ?? "nothing")") }
            }
            if node.isLeaf {
                for option in ["--quiet", "--home", "--no-color", "--log-level", "--verbose"] {
                    #expect(node.help.contains(option), "\(name) does not take \(option)")
                }
            }
        }
    }

    @Test("shell words split as a shell would")
    func words() {
        #expect(CommandTree.words(#"a 'b c' "d \"e\"" f"#) == ["a", "b c", #"d "e""#, "f"])
    }

    @Test("config path takes -v like every command")
    func configPathVerbose() async throws {
        let cli = try CLIHarness()
        defer { cli.home.remove() }
        let result = await cli.run("config", "path", "-v")
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.hasSuffix("config.toml\n"))
        let json = await cli.run("config", "path", "--json")
        #expect(try cli.json(json) as? [String: String] == ["path": cli.home.url.appending(path: "config.toml").path])
    }

    @Test("the man page is roff generated from the command tree: every command, its options and examples")
    func manPage() async throws {
        let cli = try CLIHarness()
        defer { cli.home.remove() }
        let result = await cli.run("generate-manpage")
        #expect(result.status == 0, "\(result.error)")
        let page = result.output
        #expect(page.hasPrefix(".TH SKILLMEAT 1 "))
        let ascii = page.unicodeScalars.allSatisfy { $0.isASCII }
        #expect(ascii, "any roff reads it")
        for section in [".SH NAME", ".SH SYNOPSIS", ".SH DESCRIPTION", ".SH COMMANDS", ".SH EXIT STATUS"] { #expect(page.contains(section)) }
        for node in CommandTree.all() where !node.path.isEmpty && !node.isHidden {
            let heading = ".SS \"" + (["skillmeat"] + node.path).joined(separator: " ").replacingOccurrences(of: "-", with: "\\-") + "\""
            #expect(page.contains(heading), "\(heading) missing")
        }
        #expect(page.contains("\\fB\\-\\-dry\\-run\\fR"))
        #expect(page.contains("skillmeat deploy \\-\\-all"))
        #expect(!page.split(separator: "\n").contains { $0.hasPrefix(".") && $0.hasPrefix(".\\") == false && $0.count > 1 && $0.dropFirst().first == " " })
        #expect(!(await cli.run("--help")).output.contains("generate-manpage"), "hidden from the command list")
    }

    @Test("completion scripts come from the command tree, with value completion for artifacts, sources, profiles and types")
    func completionScripts() async throws {
        let (cli, _) = try await DeployCommandTests.world()
        defer { cli.home.remove() }
        for shell in ["bash", "zsh", "fish"] {
            let script = await cli.run("--generate-completion-script", shell)
            #expect(script.status == 0, "\(shell): \(script.error)")
            #expect(script.output.contains("skillmeat"))
            #expect(script.output.contains("deploy"))
        }
        // What a shell asks the binary for while `skillmeat show <TAB>` is typed.
        let artifacts = await cli.run("---completion", "show", "--", "positional@0", "0", "0", "")
        #expect(artifacts.output.contains("todo"), "\(artifacts.output) \(artifacts.error)")
        #expect(artifacts.output.contains("command:todo"))
        let profiles = await cli.run("---completion", "deploy", "--", "--profile", "0", "0", "")
        #expect(profiles.output.contains("claude_code"), "\(profiles.output) \(profiles.error)")
        #expect(profiles.output.contains("codex"))
        let collections = await cli.run("---completion", "list", "--", "--collection", "0", "1", "d")
        #expect(collections.output.split(separator: "\n") == ["default"], "\(collections.output) \(collections.error)")
        #expect(await cli.run("source", "add", DeployCommandTests.marketplace.path, "--name", "examples").status == 0)
        let sources = await cli.run("---completion", "source", "show", "--", "positional@0", "0", "0", "")
        #expect(sources.output.split(separator: "\n") == ["examples"], "\(sources.output) \(sources.error)")
        // Types are a closed set, written into the scripts.
        let zsh = await cli.run("--generate-completion-script", "zsh")
        #expect(zsh.output.contains("mcp_server"))
    }
}
