import Foundation
public import SkillMeatPluginAPI

extension CodexDeployer {
    /// A `.codex/mcp.json`, which Codex never reads: left out of what discover sees.
    static let serversFile = RelativePath.root.appendingComponent(".codex").appendingComponent("mcp.json")

    /// Codex's agent TOML in the form the detectors read: each `.codex/agents/<n>.toml` also as
    /// `.codex/agents/<n>.md` (an agent file with frontmatter). `.codex/config.toml` stays as it is: the
    /// detectors read its `[mcp_servers.*]` and `[[hooks.*]]` tables themselves (`CodexConfig`), as they
    /// do in a scanned repository, so a server is reported once, at its real file and key. A TOML file
    /// that does not parse is skipped with a warning.
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
        return ProfileReadBack(files: files, translations: translations, diagnostics: diagnostics)
    }
}
