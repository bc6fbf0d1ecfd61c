/// What an artifact says about itself, usually in its frontmatter.
public struct ArtifactMetadata: Sendable, Hashable, Codable {
    public var title: String?
    public var description: String?
    public var author: String?
    public var license: String?
    public var version: String?
    public var tags: [String]
    public var tools: [String]

    public init(
        title: String? = nil,
        description: String? = nil,
        author: String? = nil,
        license: String? = nil,
        version: String? = nil,
        tags: [String] = [],
        tools: [String] = []
    ) {
        self.title = title
        self.description = description
        self.author = author
        self.license = license
        self.version = version
        self.tags = tags
        self.tools = tools
    }

    /// Reads the fields SkillMeat knows from frontmatter (`tools` or `allowed-tools`; `author` as a
    /// string or as an object with a `name`).
    public init(frontmatter: Frontmatter) {
        let author: String? = frontmatter.string("author") ?? frontmatter["author"]?["name"]?.stringValue
        self.init(
            title: frontmatter.string("title"),
            description: frontmatter.string("description"),
            author: author,
            license: frontmatter.string("license"),
            version: frontmatter.string("version") ?? frontmatter["metadata"]?["version"]?.stringValue,
            tags: frontmatter["tags"]?.stringList ?? [],
            tools: (frontmatter["tools"] ?? frontmatter["allowed-tools"] ?? frontmatter["allowed_tools"])?.stringList ?? []
        )
    }
}
