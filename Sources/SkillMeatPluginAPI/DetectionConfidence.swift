/// The confidence levels every detector uses, so a number means the same whatever reported it. A
/// detection's reasons say which level applied and why.
///
/// | level | evidence |
/// |---:|---|
/// | 95 | a manifest declares it (plugin or marketplace entry, a plugin root's default folder) |
/// | 90 | a documented place of a platform SkillMeat deploys to (`.claude/commands`, `.mcp.json`, `.codex/config.toml`, …) |
/// | 80 | a server package that shows it serves (`mcpName`, `server.json`, a config beside it launching it) |
/// | 70 | a convention alone: markdown with frontmatter in a folder named `commands`/`agents` that no manifest or platform vouches for |
/// | 65 | a loose prompt whose frontmatter and `$ARGUMENTS` only make sense for a command |
/// | 55 | weaker conventions: a loose file among such files, a component folder file without frontmatter |
/// | 40 | a platform loads it, but not one SkillMeat deploys to by default (OpenCode, Copilot) or only from the user's home |
/// | 30 | a copy-me scaffold: unfilled placeholders in a folder its README or manifest calls a template |
///
/// `import --all` takes entries at or above `importDefault` unless told otherwise.
public enum DetectionConfidence {
    public static let declared = 95
    public static let platformFolder = 90
    public static let servingPackage = 80
    public static let convention = 70
    public static let looseCommand = 65
    public static let weakConvention = 55
    public static let otherPlatform = 40
    public static let scaffold = 30
    /// What `import --all` takes by default: conventions and better, not other platforms' files or scaffolds.
    public static let importDefault = 60
}
