public import Foundation
public import SkillMeatPluginAPI

/// A project's profile roots read as one `SourceTree`, so discovery runs the marketplace detectors
/// over it: `.claude/` and `.mcp.json` (Claude Code), `.agents/skills/` and `.codex/` (Codex).
///
/// The detectors read markdown and JSON only, so Codex's TOML is translated here into what they do
/// read: each `.codex/agents/<n>.toml` is also offered as `.codex/agents/<n>.md` (an agent file with
/// frontmatter), and the `[mcp_servers.*]` tables of `.codex/config.toml` as `.codex/mcp.json`. Such
/// translated paths map back to the real file through `realPath(of:)`.
public struct ProjectTree: Sendable {
    /// The folders and files read for each profile, relative to the project root.
    public static let profileRoots: [String: [String]] = [
        "claude_code": [".claude", ".mcp.json"],
        "codex": [".agents/skills", ".codex"],
    ]

    public let root: URL
    public let tree: SourceTree
    /// Translated path → the real file it was made from.
    public let translated: [RelativePath: RelativePath]
    /// Files that could not be read or parsed.
    public let diagnostics: [Diagnostic]

    static let codexMCP = RelativePath.root.appendingComponent(".codex").appendingComponent("mcp.json")
    static let codexConfig = RelativePath.root.appendingComponent(".codex").appendingComponent("config.toml")

    /// Reads the profile roots of `profiles` under `root`; missing roots are simply empty.
    public static func read(_ root: URL, profiles: [String]) throws(SkillMeatError) -> ProjectTree {
        let root = root.standardizedFileURL
        var files: [RelativePath: Data] = [:]
        var modes: [RelativePath: FileMode] = [:]
        var diagnostics: [Diagnostic] = []
        for start in profiles.flatMap({ profileRoots[$0] ?? [] }) {
            guard let path = try? RelativePath(validating: start) else { continue }
            collect(path, root: root, files: &files, modes: &modes, diagnostics: &diagnostics)
        }
        files = files.filter { $0.key.lastComponent != DeploymentRecordFile.fileName }
        var translated: [RelativePath: RelativePath] = [:]
        // Codex agents: TOML → an agent markdown file beside it.
        for (path, data) in files where path.fileExtension == "toml" && path.parent?.lastComponent == "agents"
            && path.components.first == ".codex" && path.components.count == 3 {
            guard let stem = path.stem, let markdown = try? path.parent?.appending(stem + ".md"), files[markdown] == nil else { continue }
            do {
                let table = try TOMLCodec.parse(String(decoding: data, as: UTF8.self), path: path.string)
                files[markdown] = CodexTranslation.agentMarkdown(table, name: stem)
                translated[markdown] = path
            } catch {
                diagnostics.append(Diagnostic(.warning, path: path.string, "is not valid TOML (\(error.description)); it was skipped"))
            }
        }
        // Codex MCP servers: config.toml [mcp_servers.*] → .codex/mcp.json (Codex itself never reads such a file).
        files[codexMCP] = nil
        if let data = files[codexConfig] {
            do {
                let table = try TOMLCodec.parse(String(decoding: data, as: UTF8.self), path: codexConfig.string)
                if let servers = table["mcp_servers"]?.objectValue, !servers.isEmpty {
                    let converted = servers.compactMapValues { $0.objectValue.map(CodexTranslation.claudeServer) }
                    files[codexMCP] = JSONValue.object(["mcpServers": .object(converted)]).prettyData()
                    translated[codexMCP] = codexConfig
                }
            } catch {
                diagnostics.append(Diagnostic(.warning, path: codexConfig.string, "is not valid TOML (\(error.description)); its MCP servers were skipped"))
            }
        }
        let entries = files.map { path, data in
            SourceTreeEntry(path: path, blobID: ContentHash.of(data), size: Int64(data.count), mode: modes[path] ?? .regular)
        }
        let tree = SourceTree(
            reference: SourceReference(location: root.path), commit: nil, providerID: PluginID(kind: .source, name: "project"),
            entries: entries, reader: MemoryReader(files: files)
        )
        return ProjectTree(root: root, tree: tree, translated: translated, diagnostics: diagnostics)
    }

    /// The file on disk that `path` of the tree stands for.
    public func realPath(of path: RelativePath) -> RelativePath {
        translated[path] ?? path
    }

    /// The profile whose roots hold `path`.
    public static func profile(of path: RelativePath) -> String? {
        profileRoots.first { _, roots in
            roots.contains { root in path.string == root || path.string.hasPrefix(root + "/") }
        }?.key
    }

    /// Reads every regular file at or below `path` (symbolic links are neither read nor followed).
    private static func collect(
        _ path: RelativePath, root: URL, files: inout [RelativePath: Data], modes: inout [RelativePath: FileMode], diagnostics: inout [Diagnostic]
    ) {
        let url = path.url(in: root)
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
              let type = attributes[.type] as? FileAttributeType else { return }
        switch type {
        case .typeDirectory:
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            for name in names.sorted() where name != ".git" {
                guard let child = try? path.appending(name) else { continue }
                collect(child, root: root, files: &files, modes: &modes, diagnostics: &diagnostics)
            }
        case .typeRegular:
            do {
                files[path] = try Data(contentsOf: url)
                let permissions = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? 0
                modes[path] = permissions & 0o111 != 0 ? .executable : .regular
            } catch {
                diagnostics.append(Diagnostic(.error, path: path.string, "could not be read: \(error.localizedDescription)"))
            }
        default:
            return
        }
    }

    /// Serves the files read above from memory.
    struct MemoryReader: SourceContentReader {
        let files: [RelativePath: Data]

        func contents(of path: RelativePath) async throws -> Data {
            guard let data = files[path] else { throw PluginError.notFound("'\(path)' is not a file of the project") }
            return data
        }
    }
}
