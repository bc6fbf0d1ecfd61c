import Foundation
public import SkillMeatPluginAPI

extension CopilotDeployer {
    /// Copilot's files in the forms the detectors read: each prompt file `.github/prompts/<n>.prompt.md`
    /// as the command `.github/prompts/<n>.md` (input variables back to `$ARGUMENTS`), and each custom
    /// agent `.github/agents/<n>.agent.md` (or `<n>.md`, which VS Code also reads) as `.github/agents/<n>.md`
    /// with `name: <n>` when it gives none, each mapped back to its real file. Skills and
    /// `.vscode/mcp.json` (its `servers`) and `.github/hooks/hooks.json` are read as they are.
    public func readBack(_ input: ProfileFiles) -> ProfileReadBack {
        var files = input.files
        var translations: [RelativePath: ProfileReadBack.Translation] = [:]
        let prompts = CopilotPaths.github.appendingComponent("prompts")
        let agents = CopilotPaths.github.appendingComponent("agents")
        for (path, data) in input.files {
            guard let fileName = path.lastComponent, path.components.count == 3 else { continue }
            if path.parent == prompts, fileName.hasSuffix(".prompt.md") {
                let stem = String(fileName.dropLast(".prompt.md".count))
                guard !stem.isEmpty, let command = try? prompts.appending(stem + ".md"), input.files[command] == nil else { continue }
                files[path] = nil
                files[command] = Data(CopilotTranslation.argumentPlaceholders(in: String(decoding: data, as: UTF8.self)).utf8)
                translations[command] = .init(source: path)
            } else if path.parent == agents, fileName.hasSuffix(".md") {
                let stem = fileName.hasSuffix(".agent.md") ? String(fileName.dropLast(".agent.md".count)) : String(fileName.dropLast(".md".count))
                guard !stem.isEmpty, let agent = try? agents.appending(stem + ".md") else { continue }
                if agent != path, input.files[agent] != nil { continue }
                let translated = Frontmatter.adding("name", stem, to: data)
                guard agent != path || translated != data else { continue }
                files[path] = nil
                files[agent] = translated
                translations[agent] = .init(source: path)
            }
        }
        return ProfileReadBack(files: files, translations: translations)
    }
}
