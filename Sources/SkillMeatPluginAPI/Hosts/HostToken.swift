import Foundation

/// An access token for a source host. Its text is reachable only where a request header is built;
/// every way of printing or dumping the value shows a mask, so a token cannot end up in a log line
/// or an error.
public struct HostToken: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Where a token was found, safe to log ("the plugin setting 'token'", "GITLAB_TOKEN", …).
    public struct Source: Sendable, Hashable, CustomStringConvertible {
        public let description: String

        public init(_ description: String) {
            self.description = description
        }

        /// The plugin's own `token` setting.
        public static let setting = Source("the plugin setting 'token'")

        /// An environment variable.
        public static func environment(_ name: String) -> Source { Source(name) }

        /// What a program printed (`gh auth token`).
        public static func program(_ command: String) -> Source { Source("`\(command)`") }
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

    /// A header value carrying the token after `prefix` (`"Bearer "`, `"token "`, or `""`).
    public func headerValue(prefix: String) -> String { prefix + secret }

    public var description: String { "<token from \(source), hidden>" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["source": source], displayStyle: .struct) }

    /// The first token among the plugin setting `token` and the environment `variables`, in order.
    public static func configured(setting: String?, environment: [String: String], variables: [String]) -> HostToken? {
        if let setting, let token = HostToken(setting, source: .setting) { return token }
        for name in variables {
            if let value = environment[name], let token = HostToken(value, source: .environment(name)) { return token }
        }
        return nil
    }
}

extension String {
    /// Guards a message against ever carrying a token's text (e.g. echoed back by a server).
    public func redacting(_ token: HostToken?) -> String {
        guard let token else { return self }
        return replacingOccurrences(of: token.secret, with: "<hidden>")
    }
}
