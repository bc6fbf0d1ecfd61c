import Foundation
public import SkillMeatPluginAPI

extension CodexDeployer {
    static let configFile = RelativePath.root.appendingComponent(".codex").appendingComponent("config.toml")
    /// Where the `[mcp_servers.*]` of `config.toml` are offered as JSON; Codex itself never reads such a file.
    static let serversFile = RelativePath.root.appendingComponent(".codex").appendingComponent("mcp.json")

    /// Codex's TOML in the forms the detectors read: each `.codex/agents/<n>.toml` also as
    /// `.codex/agents/<n>.md` (an agent file with frontmatter), and the `[mcp_servers.*]` tables of
    /// `.codex/config.toml` as `.codex/mcp.json` with `mcpServers`. A TOML file that does not parse is
    /// skipped with a warning.
    public func readBack(_ input: ProfileFiles) -> ProfileReadBack {
        var files = input.files
        var translations: [RelativePath: ProfileReadBack.Translation] = [:]
        var diagnostics: [Diagnostic] = []
        files[Self.serversFile] = nil
        let agents = RelativePath.root.appendingComponent(".codex").appendingComponent("agents")
        for (path, _) in input.files where path.fileExtension == "toml" && path.parent == agents {
            guard let stem = path.stem, let markdown = try? agents.appending(stem + ".md"), input.files[markdown] == nil else { continue }
            do {
                guard let table = try input.table(at: path) else { continue }
                files[markdown] = CodexTranslation.agentMarkdown(table, name: stem)
                translations[markdown] = .init(source: path)
            } catch {
                diagnostics.append(Diagnostic(.warning, path: path.string, "is not valid TOML (\(error.description)); it was skipped"))
            }
        }
        do {
            if let servers = try input.table(at: Self.configFile)?["mcp_servers"]?.objectValue, !servers.isEmpty {
                let converted = servers.compactMapValues { $0.objectValue.map(CodexTranslation.claudeServer) }
                files[Self.serversFile] = JSONValue.object(["mcpServers": .object(converted)]).prettyData()
                translations[Self.serversFile] = .init(source: Self.configFile, containers: ["mcpServers": ["mcp_servers"]])
            }
        } catch {
            diagnostics.append(Diagnostic(.warning, path: Self.configFile.string, "is not valid TOML (\(error.description)); its MCP servers were skipped"))
        }
        return ProfileReadBack(files: files, translations: translations, diagnostics: diagnostics)
    }
}
