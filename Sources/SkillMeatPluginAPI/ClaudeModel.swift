/// Claude Code's model names as an agent's frontmatter gives them (`sonnet`, `opus`, `haiku`,
/// `inherit`, `claude-…`). Other platforms do not know them, so their deployers leave them out (or
/// use their own "inherit") rather than name a model the platform cannot run.
public enum ClaudeModel {
    /// Whether `model` is a Claude Code model alias or a Claude model id.
    public static func isClaudeModel(_ model: String) -> Bool {
        let lowered = model.lowercased()
        return ["sonnet", "opus", "haiku", "inherit"].contains(lowered) || lowered.hasPrefix("claude")
    }
}
