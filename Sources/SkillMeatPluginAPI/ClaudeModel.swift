/// Claude Code's model names as an agent's frontmatter gives them (`sonnet`, `opus`, `haiku`,
/// `inherit`, `claude-…`). Other platforms do not know them, so their deployers leave them out (or
/// use their own "inherit") rather than name a model the platform cannot run.
public enum ClaudeModel {
    /// Whether `model` is a Claude Code model alias or a Claude model id.
    public static func isClaudeModel(_ model: String) -> Bool {
        let lowered = model.lowercased()
        return ["sonnet", "opus", "haiku", "inherit"].contains(lowered) || lowered.hasPrefix("claude")
    }

    /// The model `model` names when a platform whose models are not Claude's can keep it; nil when there
    /// is none, or when it is a Claude model — then a note says what the agent uses instead (`instead`:
    /// "the agent uses Codex's default model").
    public static func kept(_ model: String?, instead: String, notes: inout [String]) -> String? {
        guard let model, isClaudeModel(model) else { return model }
        notes.append("the model '\(model)' is a Claude model; \(instead)")
        return nil
    }
}
