import Foundation
public import SkillMeatPluginAPI

extension OpenCodeDeployer {
    /// OpenCode's files in the forms the detectors read. The `mcp` entries of `opencode.json` (at the
    /// project root; `~/.config/opencode/opencode.json` for the user) are offered as the Claude-style
    /// `mcpServers` of an `mcp.json` beside the profile's folder (`.opencode/mcp.json`,
    /// `~/.config/opencode/mcp.json`), mapped back to `mcp.<n>` of the real file; a real such `mcp.json`,
    /// which OpenCode never reads, is left out. Agents (`agents/` and the older `agent/`) take their name
    /// from the file, so `name: <n>` is added where the detectors need it. Commands and skills are read
    /// as they are. A config that is not JSON (JSONC with comments) is skipped with a warning.
    public func readBack(_ input: ProfileFiles) -> ProfileReadBack {
        var files = input.files
        var translations: [RelativePath: ProfileReadBack.Translation] = [:]
        var diagnostics: [Diagnostic] = []
        let folder = OpenCodePaths.folder(for: input.scope)
        let config = OpenCodePaths.config(for: input.scope)
        let servers = folder.appendingComponent("mcp.json")
        files[servers] = nil
        if let data = input.files[config] {
            if let parsed = try? JSONValue.parse(data) {
                var claude: [String: JSONValue] = [:]
                for (name, entry) in parsed["mcp"]?.objectValue ?? [:] {
                    if let server = OpenCodeTranslation.claudeServer(entry) { claude[name] = server }
                }
                if !claude.isEmpty {
                    var translated = JSONValue.object(["mcpServers": .object(claude)]).prettyData()
                    translated.append(0x0A)
                    files[servers] = translated
                    translations[servers] = .init(source: config, containers: ["mcpServers": ["mcp"]])
                }
            } else {
                diagnostics.append(Diagnostic(.warning, path: config.string, "is not plain JSON; its MCP servers were not read"))
            }
        }
        for (path, data) in input.files where path.fileExtension == "md" && path.components.count == folder.components.count + 2 {
            guard let kind = path.parent?.lastComponent, kind == "agents" || kind == "agent", path.parent?.parent == folder,
                  let stem = path.stem else { continue }
            let named = Frontmatter.adding("name", stem, to: data)
            guard named != data else { continue }
            files[path] = named
            translations[path] = .init(source: path)
        }
        return ProfileReadBack(files: files, translations: translations, diagnostics: diagnostics)
    }
}
