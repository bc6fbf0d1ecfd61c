/// One plugin's own settings table (`[plugins."kind/name"]` in the configuration), and nothing else.
public struct PluginSettings: Sendable, Hashable {
    /// The raw table; keys are the TOML keys as written.
    public let values: [String: JSONValue]

    public init(_ values: [String: JSONValue] = [:]) {
        self.values = values
    }

    public subscript(key: String) -> JSONValue? { values[key] }

    public func string(_ key: String) -> String? { values[key]?.stringValue }
    public func bool(_ key: String) -> Bool? { values[key]?.boolValue }
    public func int(_ key: String) -> Int? { values[key]?.intValue }
    public func strings(_ key: String) -> [String] { values[key]?.stringList ?? [] }
}
