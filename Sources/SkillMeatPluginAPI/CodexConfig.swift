/// What a Codex `config.toml` declares, in the forms the detectors and the Codex deployer share: its
/// `[mcp_servers.<name>]` tables as Claude-style server objects, and its `[[hooks.<Event>]]` tables as a
/// hooks object of the `hooks.json` shape. One place, so scanning a repository, discovering a project
/// and reading back a deployment agree on what Codex's TOML means.
///
/// Documented by OpenAI: project configuration in `<repo>/.codex/config.toml` (trusted projects only),
/// MCP servers as `[mcp_servers.<name>]` (`command`/`args`/`env`/`cwd`, or `url` with
/// `bearer_token_env_var`/`http_headers`), and hooks either in `hooks.json` or as inline `[hooks]` tables
/// of `config.toml` (developers.openai.com/codex/mcp, /codex/hooks). The top-level `notify` program is a
/// turn-complete notification, not a hook.
public enum CodexConfig {
    /// Whether `path` is a project's (or home's) Codex configuration: `config.toml` directly in `.codex/`.
    public static func isConfigFile(_ path: RelativePath) -> Bool {
        path.lastComponent == "config.toml" && path.parent?.lastComponent == ".codex"
    }

    /// The project root a `.codex/config.toml` belongs to.
    public static func projectRoot(of path: RelativePath) -> RelativePath {
        path.parent?.parent ?? .root
    }

    /// Every `[mcp_servers.<name>]` table, as a Claude-style server object, in name order.
    public static func mcpServers(in table: [String: JSONValue]) -> [(name: String, server: JSONValue)] {
        guard let servers = table["mcp_servers"]?.objectValue else { return [] }
        return servers.keys.sorted().compactMap { name in
            servers[name]?.objectValue.map { (name: name, server: claudeServer($0)) }
        }
    }

    /// The `hooks` table when it declares at least one event (an array of matcher groups), in the
    /// `hooks.json` shape; nil for a file without hooks (a `notify` program is not one).
    public static func hooks(in table: [String: JSONValue]) -> JSONValue? {
        guard let hooks = table["hooks"]?.objectValue else { return nil }
        let events = hooks.filter { $0.value.arrayValue?.isEmpty == false }
        return events.isEmpty ? nil : .object(events)
    }

    /// One server table in Claude Code's form: `command`/`args`/`env`/`cwd` as they are; `url` with
    /// `http_headers` and `bearer_token_env_var` as `type: http`, `url` and `headers` (the reverse of
    /// what the Codex deployer writes).
    public static func claudeServer(_ table: [String: JSONValue]) -> JSONValue {
        var server = table
        if table["url"] != nil {
            server["type"] = .string("http")
            var headers = table["http_headers"]?.objectValue ?? [:]
            if let variable = table["bearer_token_env_var"]?.stringValue { headers["Authorization"] = .string("Bearer ${\(variable)}") }
            server["http_headers"] = nil
            server["bearer_token_env_var"] = nil
            if !headers.isEmpty { server["headers"] = .object(headers) }
        }
        return .object(server)
    }
}
