import Foundation

/// A dotted configuration key such as `server.port` or `plugins."source/github".token`.
public struct ConfigKeyPath: Sendable, Hashable, CustomStringConvertible {
    public let components: [String]

    public init(_ components: [String]) {
        self.components = components
    }

    /// Parses dotted TOML key syntax; parts containing dots or slashes may be double-quoted.
    public init(parsing text: String) throws(SkillMeatError) {
        var components: [String] = []
        var current = ""
        var inQuotes = false
        var wasQuoted = false
        for character in text {
            switch character {
            case "\"":
                inQuotes.toggle()
                wasQuoted = true
            case "." where !inQuotes:
                guard !current.isEmpty || wasQuoted else {
                    throw .invalidArgument("'\(text)' is not a configuration key; write it as section.key, e.g. server.port.")
                }
                components.append(current)
                current = ""
                wasQuoted = false
            default:
                current.append(character)
            }
        }
        guard !inQuotes, !current.isEmpty || wasQuoted else {
            throw .invalidArgument("'\(text)' is not a configuration key; write it as section.key, e.g. server.port.")
        }
        components.append(current)
        self.components = components.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    public var description: String {
        components.map { TOMLCodec.key($0) }.joined(separator: ".")
    }

    /// Whether the key names a secret whose value is never printed.
    public var isSecret: Bool {
        guard let last = components.last?.lowercased() else { return false }
        return ["token", "secret", "password", "api_key", "apikey"].contains { last == $0 || last.hasSuffix("_" + $0) }
    }
}
