public import Foundation
public import SkillMeatPluginAPI

/// Reads what an artifact says about itself from its files: the frontmatter of a skill's `SKILL.md`
/// or of a command's or agent's markdown file, the `description` of an MCP server's `server.json`.
public enum ArtifactInspector {
    /// The metadata in the artifact at `location`; empty when its files say nothing.
    public static func metadata(type: ArtifactType, at location: URL) -> ArtifactMetadata {
        switch type {
        case .skill:
            guard let data = try? Data(contentsOf: location.appending(path: "SKILL.md")) else { return ArtifactMetadata() }
            return ArtifactMetadata(frontmatter: Frontmatter.parse(data))
        case .command, .agent:
            guard let data = try? Data(contentsOf: location) else { return ArtifactMetadata() }
            return ArtifactMetadata(frontmatter: Frontmatter.parse(data))
        case .mcpServer:
            guard let data = try? Data(contentsOf: location.appending(path: "server.json")),
                  let json = try? JSONValue.parse(data) else { return ArtifactMetadata() }
            return ArtifactMetadata(description: json["description"]?.stringValue, version: json["version"]?.stringValue)
        case .hook:
            guard let data = try? Data(contentsOf: location.appending(path: "hooks.json")),
                  let json = try? JSONValue.parse(data) else { return ArtifactMetadata() }
            return ArtifactMetadata(description: json["description"]?.stringValue)
        }
    }

    /// `current` with every field the files state replaced by what they state now; fields the files
    /// do not mention (set by hand or by the importer) are kept.
    public static func merge(_ current: ArtifactMetadata, with inspected: ArtifactMetadata) -> ArtifactMetadata {
        ArtifactMetadata(
            title: inspected.title ?? current.title,
            description: inspected.description ?? current.description,
            author: inspected.author ?? current.author,
            license: inspected.license ?? current.license,
            version: inspected.version ?? current.version,
            tags: inspected.tags.isEmpty ? current.tags : inspected.tags,
            tools: inspected.tools.isEmpty ? current.tools : inspected.tools
        )
    }
}
