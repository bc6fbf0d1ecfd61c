public import Foundation

/// A profile's files in the forms the marketplace detectors read (markdown, JSON), with the way back
/// to the real files: what discover, adopt and status see of a platform. A deployer whose platform
/// uses other formats (Codex's TOML) adds translated files here and says where each came from.
public struct ProfileReadBack: Sendable {
    /// Where a translated file came from.
    public struct Translation: Sendable, Hashable {
        /// The real file, relative to the same root.
        public var source: RelativePath
        /// Where a member of a top-level container of the translated file lives in the real file
        /// (`mcpServers` → `["mcp_servers"]`); a container not listed has the same key path there.
        public var containers: [String: [String]]

        public init(source: RelativePath, containers: [String: [String]] = [:]) {
            self.source = source
            self.containers = containers
        }
    }

    /// The files detectors read: the profile's own files, translated ones added, and files the
    /// platform never reads itself left out.
    public var files: [RelativePath: Data]
    /// Translated path → where it came from.
    public var translations: [RelativePath: Translation]
    /// Files that could not be read back (a TOML file that does not parse), skipped.
    public var diagnostics: [Diagnostic]

    public init(files: [RelativePath: Data], translations: [RelativePath: Translation] = [:], diagnostics: [Diagnostic] = []) {
        self.files = files
        self.translations = translations
        self.diagnostics = diagnostics
    }

    /// The file on disk that `path` of `files` stands for.
    public func realPath(of path: RelativePath) -> RelativePath {
        translations[path]?.source ?? path
    }

    /// The key path in the real file of the member at `keyPath` of the file `path` of `files`.
    public func realKeyPath(_ keyPath: [String], in path: RelativePath) -> [String] {
        guard let first = keyPath.first, let container = translations[path]?.containers[first] else { return keyPath }
        return container + keyPath.dropFirst()
    }
}
