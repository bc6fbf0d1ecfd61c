public import Foundation

/// What the host read from a profile's roots (`DeploymentProfile.roots(for:)`) under one project or
/// home: every regular file, SkillMeat's own record files left out. Handed to
/// `PlatformDeployer.readBack`, so a deployer never touches the disk itself.
public struct ProfileFiles: Sendable {
    /// Parses TOML text into a table; `path` names the file in errors.
    public typealias TOMLParser = @Sendable (_ text: String, _ path: String) throws(PluginError) -> [String: JSONValue]

    public var scope: DeploymentScope
    /// Every file under the roots, keyed by its path under the project (or home) root.
    public var files: [RelativePath: Data]
    private let parseTOML: TOMLParser

    /// `parseTOML` is the host's TOML reader, so deployers that read TOML back need no TOML library.
    public init(scope: DeploymentScope, files: [RelativePath: Data], parseTOML: @escaping TOMLParser) {
        self.scope = scope
        self.files = files
        self.parseTOML = parseTOML
    }

    /// The file at `path` read as a TOML table; nil when there is no such file.
    public func table(at path: RelativePath) throws(PluginError) -> [String: JSONValue]? {
        guard let data = files[path] else { return nil }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .malformed(path: path.string, reason: "it is not UTF-8 text")
        }
        return try parseTOML(text, path.string)
    }
}
