public import Foundation
public import SkillMeatPluginAPI

/// Builds a synthetic repository of about `fileCount` files for benchmarks: a marketplace of plugins,
/// each with commands, agents, a skill with resources, hooks and an MCP config, padded with the noise
/// real repositories carry (sources, docs, READMEs, templates). Deterministic for a given count.
public enum SyntheticTree {
    /// Files per generated plugin, noise included.
    public static let filesPerPlugin = 40

    /// The files, path → text, and how many artifacts of each type they hold.
    public static func files(count fileCount: Int) -> (files: [String: String], expected: [ArtifactType: Int]) {
        var files: [String: String] = [:]
        var expected: [ArtifactType: Int] = [:]
        let pluginCount = max(1, fileCount / filesPerPlugin)
        var entries: [String] = []
        for index in 0..<pluginCount {
            let name = "plugin-\(index)"
            let root = "plugins/\(name)"
            let before = files.count
            entries.append(#"{"name": "\#(name)", "source": "./\#(root)"}"#)
            files["\(root)/.claude-plugin/plugin.json"] = #"{"name": "\#(name)", "version": "1.0.0"}"#
            files["\(root)/README.md"] = "# \(name)\n\nDocumentation.\n"
            for command in 0..<3 {
                files["\(root)/commands/cmd-\(command).md"] = "---\ndescription: Command \(command)\nargument-hint: <file>\n---\nDo $ARGUMENTS.\n"
            }
            files["\(root)/commands/README.md"] = "# Commands\n"
            for agent in 0..<2 {
                files["\(root)/agents/agent-\(agent).md"] = "---\nname: \(name)-agent-\(agent)\ndescription: Agent \(agent)\ntools: Read, Grep\n---\nYou are an agent.\n"
            }
            let skill = "\(root)/skills/skill-\(index)"
            files["\(skill)/SKILL.md"] = "---\nname: skill-\(index)\ndescription: Skill \(index)\n---\nUse it.\n"
            files["\(skill)/references/guide.md"] = "---\ntitle: Guide\n---\nReference.\n"
            files["\(skill)/agents/prompt.md"] = "Prompt body.\n"
            files["\(skill)/scripts/run.py"] = "print('run')\n"
            files["\(root)/hooks/hooks.json"] = #"{"hooks": {"PreToolUse": [{"matcher": "Bash", "hooks": [{"type": "command", "command": "node ${CLAUDE_PLUGIN_ROOT}/hooks/guard.js"}]}]}}"#
            files["\(root)/hooks/guard.js"] = "process.exit(0)\n"
            files["\(root)/.mcp.json"] = #"{"mcpServers": {"server-a": {"command": "npx", "args": ["a"]}, "server-b": {"url": "https://example.com/mcp"}}}"#
            files["\(root)/templates/command-template.md"] = "---\ndescription: Template\n---\n$ARGUMENTS\n"
            files["\(root)/docs/usage.md"] = "---\ntitle: Usage\n---\nHow to use.\n"
            // Noise: source files and assets that no detector should read, filling the plugin to
            // `filesPerPlugin` files so that a tree has the file count asked for.
            let written = files.count - before
            for noise in 0..<max(0, filesPerPlugin - written) {
                files["\(root)/src/module\(noise / 6)/file-\(noise).ts"] = "export const value = \(noise)\n"
            }
            expected[.command, default: 0] += 3
            expected[.agent, default: 0] += 2
            expected[.skill, default: 0] += 1
            expected[.hook, default: 0] += 1
            expected[.mcpServer, default: 0] += 2
        }
        files[".claude-plugin/marketplace.json"] = #"{"name": "synthetic", "plugins": [\#(entries.joined(separator: ","))]}"#
        files["README.md"] = "# Synthetic marketplace\n"
        return (files, expected)
    }

    /// The synthetic repository as an in-memory tree.
    public static func tree(fileCount: Int) throws -> SourceTree {
        try SourceTree.inMemory(files(count: fileCount).files, location: "synthetic://\(fileCount)")
    }
}
