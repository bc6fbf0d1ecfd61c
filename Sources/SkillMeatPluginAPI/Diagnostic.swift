/// Something a plugin noticed but could work around: a file it could not parse, a declaration that
/// points nowhere. Partial failure is data; the command decides what it means for the exit code.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Codable, Comparable {
        case info
        case warning
        case error

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            let order: [Severity] = [.info, .warning, .error]
            return order.firstIndex(of: lhs)! < order.firstIndex(of: rhs)!
        }
    }

    public var severity: Severity
    /// The file concerned, relative to the source root, when there is one.
    public var path: String?
    public var message: String
    /// The plugin that reported it.
    public var pluginID: PluginID?

    public init(_ severity: Severity, path: String? = nil, _ message: String, pluginID: PluginID? = nil) {
        self.severity = severity
        self.path = path
        self.message = message
        self.pluginID = pluginID
    }

    public var description: String {
        "\(severity.rawValue): " + (path.map { "\($0): " } ?? "") + message
    }
}
