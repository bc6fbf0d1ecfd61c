import Foundation

/// An MCP server that runs code shipped beside its configuration — a plugin's `.mcp.json` entry such
/// as `node ${CLAUDE_PLUGIN_ROOT}/server.js` or `bun run --cwd ${CLAUDE_PLUGIN_ROOT} start`. At import
/// `references(of:)` says which files of the declaring folder (the plugin root) it needs, and they are
/// stored under `bundle/` beside `server.json`; at deploy `prepare` places them under a folder of the
/// target and rewrites the configuration to run them from there. Both deployers use it, as they use
/// `HookBundle` for hooks, so the plugin root is rewritten one way only.
public struct MCPServerBundle: Sendable, Hashable {
    /// The server's configuration, paths rewritten to where its files are deployed.
    public var configuration: [String: JSONValue]
    /// The files it runs, under the deployment folder.
    public var files: [PlannedFileWrite]

    /// The folder of a stored MCP server (beside `server.json`) that holds the files it runs, at the
    /// paths they had under the declaring folder.
    public static let folder = "bundle"

    /// What a configuration refers to beside it, relative to the folder that declares it.
    public struct References: Sendable, Hashable {
        /// It runs in or names the whole folder (`--cwd ${CLAUDE_PLUGIN_ROOT}`, `cwd: "."`).
        public var wholeFolder = false
        /// Paths it names for certain (`${CLAUDE_PLUGIN_ROOT}/dist/index.js`, `./server.js`).
        public var paths: [RelativePath] = []
        /// Relative words that look like files (`server.js`, `dist/index.js`): needed only if they exist.
        public var candidates: [RelativePath] = []
        /// References that would leave the folder (`${CLAUDE_PLUGIN_ROOT}/../x`): never followed.
        public var refused: [String] = []

        /// A server that needs nothing beside it (`npx -y pkg`, a URL) stays a bare configuration.
        public var isEmpty: Bool { !wholeFolder && paths.isEmpty && candidates.isEmpty }
    }

    /// The files a server configuration needs beside it: every plugin-root reference in its command,
    /// arguments, working folder and environment, and the relative paths of its command, arguments and
    /// working folder.
    public static func references(of server: JSONValue) -> References {
        var references = References()
        for text in pathFields(of: server) {
            scanVariables(in: text, into: &references)
            if text == "." || text == "./" {
                references.wholeFolder = true
            } else if text.hasPrefix("./") {
                add(String(text.dropFirst(2)), to: &references.paths, refused: &references.refused)
            } else if looksLikeFile(text), let path = try? RelativePath(validating: text) {
                references.candidates.append(path)
            }
        }
        for value in (server["env"]?.objectValue ?? [:]).values.compactMap(\.stringValue) {
            scanVariables(in: value, into: &references)
        }
        return references
    }

    /// The stored server `artifact` (`server.json`, and `bundle/` when it runs files beside it) made
    /// ready for a platform: its bundled files placed under `folder`, and plugin-root references and
    /// paths into the bundle rewritten to `rootPrefix` followed by that folder (`rootPrefix` is how the
    /// platform's configuration spells the target root: a variable it expands, or an absolute path).
    public static func prepare(_ artifact: DeployableArtifact, folder: RelativePath, rootPrefix: String) throws(PluginError) -> MCPServerBundle {
        let server = try artifact.serverConfiguration()
        var bundled: [RelativePath: RelativePath] = [:]
        for path in artifact.files.keys where path.components.first == Self.folder && path.components.count > 1 {
            bundled[RelativePath(trusted: Array(path.components.dropFirst()))] = path
        }
        guard !bundled.isEmpty else { return MCPServerBundle(configuration: server, files: []) }
        let files = bundled.keys.sorted().map { placed in
            let stored = bundled[placed]!
            return PlannedFileWrite(
                path: folder.appending(placed), contents: artifact.files[stored] ?? Data(),
                isExecutable: artifact.executableFiles.contains(stored) || placed.fileExtension == "sh"
            )
        }
        let deployed = rootPrefix + "/" + folder.string
        // Folders of the bundle, so an argument naming one (`dist`) is rewritten like a file.
        var known = Set(bundled.keys.map(\.string))
        for path in bundled.keys {
            var parent = path.parent
            while let folder = parent, !folder.isRoot {
                known.insert(folder.string)
                parent = folder.parent
            }
        }
        func rewritePath(_ text: String) -> String {
            var text = HookBundle.replacingPluginRoot(in: text, with: deployed)
            if text == "." || text == "./" {
                text = deployed
            } else if text.hasPrefix("./") {
                text = deployed + "/" + text.dropFirst(2)
            } else if known.contains(text) {
                text = deployed + "/" + text
            }
            return text
        }
        var configuration = server
        if let command = server["command"]?.stringValue { configuration["command"] = .string(rewritePath(command)) }
        if let cwd = server["cwd"]?.stringValue { configuration["cwd"] = .string(rewritePath(cwd)) }
        if let args = server["args"]?.arrayValue {
            configuration["args"] = .array(args.map { $0.stringValue.map { .string(rewritePath($0)) } ?? $0 })
        }
        if let env = server["env"]?.objectValue {
            configuration["env"] = .object(env.mapValues { value in
                value.stringValue.map { .string(HookBundle.replacingPluginRoot(in: $0, with: deployed)) } ?? value
            })
        }
        return MCPServerBundle(configuration: configuration, files: files)
    }

    // MARK: Reading references

    /// The fields of a stdio server that name programs and paths.
    static func pathFields(of server: JSONValue) -> [String] {
        var fields: [String] = []
        if let command = server["command"]?.stringValue { fields.append(command) }
        fields += (server["args"]?.arrayValue ?? []).compactMap(\.stringValue)
        if let cwd = server["cwd"]?.stringValue { fields.append(cwd) }
        return fields
    }

    /// Every plugin-root reference in `text`: the path after it, or the whole folder when none follows.
    static func scanVariables(in text: String, into references: inout References) {
        var rest = Substring(text)
        while let range = HookBundle.pluginRootVariables.lazy.compactMap({ rest.range(of: $0) }).min(by: { $0.lowerBound < $1.lowerBound }) {
            rest = rest[range.upperBound...]
            let path = rest.prefix { !$0.isWhitespace && !"\"';&|)(`<>,=".contains($0) }
            if path.isEmpty || path == "/" {
                references.wholeFolder = true
            } else if path.hasPrefix("/") {
                add(String(path.dropFirst()), to: &references.paths, refused: &references.refused)
            } else {
                references.wholeFolder = true
            }
        }
    }

    static func add(_ text: String, to paths: inout [RelativePath], refused: inout [String]) {
        let trimmed = text.hasSuffix("/") ? String(text.dropLast()) : text
        guard let path = try? RelativePath(validating: trimmed) else {
            refused.append(text)
            return
        }
        if path.isRoot { return }
        paths.append(path)
    }

    /// A relative word that names a file: no variable, flag or URL, and a path separator or a file
    /// extension (`server.js`, `dist/index.js`; not `-y`, `@scope/pkg`, `mcp-server`).
    static func looksLikeFile(_ text: String) -> Bool {
        guard !text.isEmpty, !text.hasPrefix("-"), !text.hasPrefix("/"), !text.hasPrefix("@"), !text.hasPrefix("~"),
              !text.contains("$"), !text.contains("://"), !text.contains(where: \.isWhitespace)
        else { return false }
        if text.contains("/") { return true }
        guard let dot = text.lastIndex(of: "."), dot != text.startIndex else { return false }
        let fileExtension = text[text.index(after: dot)...]
        return !fileExtension.isEmpty && fileExtension.count <= 4 && fileExtension.allSatisfy { $0.isLetter }
    }
}
