/// `GET /repos/{owner}/{repo}/git/trees/{sha}`: the fields SkillMeat reads.
struct GitHubTreeResponse: Decodable, Sendable {
    struct Item: Decodable, Sendable {
        var path: String
        /// Git's octal mode: `100644`, `100755`, `120000`, `040000` (tree), `160000` (submodule).
        var mode: String
        /// `blob`, `tree` or `commit` (a submodule).
        var type: String
        var sha: String
        /// Present for blobs only.
        var size: Int64?
    }

    var sha: String
    var tree: [Item]
    /// True when GitHub left entries out (more than 100,000 entries or 7 MB).
    var truncated: Bool?
}

/// `GET /repos/{owner}/{repo}`: the fields SkillMeat reads.
struct GitHubRepositoryResponse: Decodable, Sendable {
    var fullName: String?
    var defaultBranch: String?
    var isPrivate: Bool?
    var topics: [String]?
    var description: String?

    enum CodingKeys: String, CodingKey {
        case fullName = "full_name"
        case defaultBranch = "default_branch"
        case isPrivate = "private"
        case topics
        case description
    }
}

/// `GET /repos/{owner}/{repo}/commits/{ref}` as JSON (when the `sha` media type is not honoured).
struct GitHubCommitResponse: Decodable, Sendable {
    var sha: String
}

/// `GET /repos/{owner}/{repo}/topics`.
struct GitHubTopicsResponse: Decodable, Sendable {
    var names: [String]
}
