import Foundation

/// A GitHub access token. Its text is reachable only where a request header is built; every way of
/// printing or dumping the value shows a mask, so a token cannot end up in a log line or an error.
public struct GitHubToken: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Where a token was found, safe to log.
    public enum Source: String, Sendable, Hashable, CustomStringConvertible {
        case setting = "the plugin setting 'token'"
        case skillmeatEnvironment = "SKILLMEAT_GITHUB_TOKEN"
        case githubEnvironment = "GITHUB_TOKEN"
        case ghEnvironment = "GH_TOKEN"
        case ghCLI = "`gh auth token`"

        public var description: String { rawValue }
    }

    let secret: String
    public let source: Source

    /// Wraps `secret`; nil when it is empty or only whitespace.
    public init?(_ secret: String, source: Source) {
        let trimmed = secret.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        self.secret = trimmed
        self.source = source
    }

    /// The `Authorization` header value.
    var authorizationHeader: String { "Bearer \(secret)" }

    public var description: String { "<token from \(source), hidden>" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["source": source], displayStyle: .struct) }

    /// The first token among the plugin setting `token`, `SKILLMEAT_GITHUB_TOKEN`, `GITHUB_TOKEN` and
    /// `GH_TOKEN`; `gh auth token` is asked later, and only when none of these is set.
    public static func configured(setting: String?, environment: [String: String]) -> GitHubToken? {
        let candidates: [(String?, Source)] = [
            (setting, .setting),
            (environment["SKILLMEAT_GITHUB_TOKEN"], .skillmeatEnvironment),
            (environment["GITHUB_TOKEN"], .githubEnvironment),
            (environment["GH_TOKEN"], .ghEnvironment),
        ]
        for case let (value?, source) in candidates {
            if let token = GitHubToken(value, source: source) { return token }
        }
        return nil
    }
}

extension String {
    /// Guards a message against ever carrying a token's text (e.g. echoed back by a server).
    func redacting(_ token: GitHubToken?) -> String {
        guard let token else { return self }
        return replacingOccurrences(of: token.secret, with: "<hidden>")
    }
}
