/// Where each agent platform loads project components from, so every detector agrees on which folder
/// makes a file an artifact. A folder named `commands` or `agents` proves little by itself: many tools
/// keep their own prompts and templates in such folders. What counts is a place a platform reads.
///
/// Documented places (checked November 2026; cited in the detectors' READMEs):
/// - Claude Code: `.claude/commands/**/*.md`, `.claude/agents/**/*.md`, `.claude/skills/*/SKILL.md`;
///   plugins' `commands/`, `agents/`, `skills/` at the plugin root (`PluginLayout`).
/// - Cursor: `.cursor/commands/*.md` (plain markdown), `.cursor/skills/`; rules (`.cursor/rules`) are
///   not one of our types.
/// - Gemini CLI: `.gemini/commands/**/*.toml` (`prompt` required, `description` optional), and an
///   extension's `commands/` beside its `gemini-extension.json`.
/// - Codex: `.agents/skills/`; custom prompts only from `$CODEX_HOME/prompts` (user scope), so a project's
///   `.codex/prompts/` loads only when `CODEX_HOME` points at it.
/// - GitHub Copilot (`.github/prompts/*.prompt.md`, `.github/agents/*.agent.md`) and OpenCode
///   (`.opencode/command/`, `.opencode/agent/`): their deployers are off by default, so a file there
///   is weaker evidence than one where a default platform loads it.
public enum PlatformFolders {
    /// What a platform makes of a component folder.
    public enum Standing: Sendable, Hashable {
        /// A platform we deploy to loads components from here.
        case loaded
        /// A platform loads them, but not one SkillMeat deploys to by default, or only from the user's home.
        case elsewhere
    }

    /// One documented place: the folders below a project root and what is loaded from them.
    public struct Place: Sendable, Hashable {
        public var platform: String
        /// Folder names from the project root, e.g. `[".claude", "commands"]`.
        public var folders: [String]
        public var type: ArtifactType
        /// The file extension of its components (`md`, `toml`).
        public var fileExtension: String
        public var standing: Standing
        /// Why it counts, for a detection's reasons.
        public var note: String
    }

    /// Every documented place, per type.
    public static let places: [Place] = [
        Place(platform: "Claude Code", folders: [".claude", "commands"], type: .command, fileExtension: "md", standing: .loaded,
              note: "where Claude Code loads project slash commands"),
        Place(platform: "Cursor", folders: [".cursor", "commands"], type: .command, fileExtension: "md", standing: .loaded,
              note: "where Cursor loads project commands"),
        Place(platform: "Gemini CLI", folders: [".gemini", "commands"], type: .command, fileExtension: "toml", standing: .loaded,
              note: "where Gemini CLI loads project commands"),
        Place(platform: "Codex", folders: [".codex", "prompts"], type: .command, fileExtension: "md", standing: .elsewhere,
              note: "a Codex custom prompt, which Codex reads only from $CODEX_HOME/prompts"),
        Place(platform: "OpenCode", folders: [".opencode", "command"], type: .command, fileExtension: "md", standing: .elsewhere,
              note: "an OpenCode command (SkillMeat deploys to OpenCode only when deployer/opencode is enabled)"),
        Place(platform: "OpenCode", folders: [".opencode", "commands"], type: .command, fileExtension: "md", standing: .elsewhere,
              note: "an OpenCode command (SkillMeat deploys to OpenCode only when deployer/opencode is enabled)"),
        Place(platform: "GitHub Copilot", folders: [".github", "prompts"], type: .command, fileExtension: "md", standing: .elsewhere,
              note: "a Copilot prompt file (SkillMeat deploys to Copilot only when deployer/copilot is enabled)"),
        Place(platform: "Claude Code", folders: [".claude", "agents"], type: .agent, fileExtension: "md", standing: .loaded,
              note: "where Claude Code loads project subagents"),
        Place(platform: "GitHub Copilot", folders: [".github", "agents"], type: .agent, fileExtension: "md", standing: .elsewhere,
              note: "a Copilot custom agent (SkillMeat deploys to Copilot only when deployer/copilot is enabled)"),
        Place(platform: "OpenCode", folders: [".opencode", "agent"], type: .agent, fileExtension: "md", standing: .elsewhere,
              note: "an OpenCode agent (SkillMeat deploys to OpenCode only when deployer/opencode is enabled)"),
        Place(platform: "OpenCode", folders: [".opencode", "agents"], type: .agent, fileExtension: "md", standing: .elsewhere,
              note: "an OpenCode agent (SkillMeat deploys to OpenCode only when deployer/opencode is enabled)"),
    ]

    /// Dot-folders of the platforms above and of plugin manifests. Any other dot-folder belongs to some
    /// other tool (a workflow engine, an editor, an agent we do not know) whose prompts and templates
    /// are not artifacts, whatever their frontmatter says.
    public static let platformFolderNames: Set<String> = [
        ".claude", ".cursor", ".gemini", ".codex", ".agents", ".github", ".opencode",
        ".claude-plugin", ".codex-plugin", ".cursor-plugin",
    ]

    /// A file's documented place for `type`: the place, and the component folder it found (the file may
    /// sit in namespaced subfolders below it). Nil when no platform loads `type` from where it is.
    public static func place(of path: RelativePath, for type: ArtifactType) -> (place: Place, folder: RelativePath)? {
        let components = path.components
        // Every place starts with a dot-folder: most paths have none and stop here.
        guard components.count >= 3, components.dropLast(2).contains(where: { $0.utf8.first == UInt8(ascii: ".") }) else { return nil }
        let fileExtension = path.fileExtension
        for place in places where place.type == type {
            guard fileExtension == place.fileExtension else { continue }
            // The nearest `<dot-folder>/<name>` pair above the file.
            for index in stride(from: components.count - 3, through: 0, by: -1)
            where components[index] == place.folders[0] && components[index + 1] == place.folders[1] {
                return (place, RelativePath(trusted: Array(components[...(index + 1)])))
            }
        }
        return nil
    }

    /// The first dot-folder of `path` (file name excluded) that is not among `known` (by default the
    /// platforms above): another tool's own folder (`.specify`, `.taskmaster`, `.kiro`, `.qwen`, …), or nil.
    public static func foreignToolFolder(in path: RelativePath, known: Set<String> = platformFolderNames) -> String? {
        path.components.dropLast().first { $0.hasPrefix(".") && !known.contains($0) }
    }
}
