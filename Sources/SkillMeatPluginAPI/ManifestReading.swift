public import Foundation

/// Reads the JSON and markdown files detectors look at, turning every failure into a `Diagnostic`
/// instead of an error, so one broken file never stops a scan.
public enum ManifestReading {
    /// The outcome of reading one JSON file.
    public enum JSONOutcome: Sendable {
        case value(JSONValue)
        case failed(Diagnostic)
    }

    /// Parses the JSON file at `path` of `tree`; a missing, unreadable or malformed file yields a
    /// warning that names the file and says what was skipped.
    public static func json(at path: RelativePath, in tree: SourceTree, pluginID: PluginID?, purpose: String) async -> JSONOutcome {
        let data: Data
        do {
            data = try await tree.contents(of: path)
        } catch {
            return .failed(Diagnostic(.warning, path: path.string, "could not be read (\(error)); \(purpose) was skipped", pluginID: pluginID))
        }
        do {
            return .value(try parseJSON(data))
        } catch {
            return .failed(Diagnostic(.warning, path: path.string, "is not valid JSON (\(shortReason(error))); \(purpose) was skipped", pluginID: pluginID))
        }
    }

    /// Parses JSON bytes, tolerating a UTF-8 byte-order mark (the same reader as `JSONValue.parse`).
    public static func parseJSON(_ data: Data) throws -> JSONValue {
        try JSONValue.parse(data)
    }

    /// The frontmatter of the markdown file at `path`, or nil (with a diagnostic) when it cannot be read.
    /// Frontmatter that is not valid YAML still yields its lenient fields, plus an info diagnostic.
    public static func frontmatter(at path: RelativePath, in tree: SourceTree, pluginID: PluginID?) async -> (Frontmatter?, Diagnostic?) {
        let data: Data
        do {
            data = try await tree.contents(of: path)
        } catch {
            return (nil, Diagnostic(.warning, path: path.string, "could not be read (\(error)); it was skipped", pluginID: pluginID))
        }
        guard ArtifactConventions.startsWithFrontmatter(data) else {
            return (Frontmatter(body: String(decoding: data, as: UTF8.self), isPresent: false), nil)
        }
        let frontmatter = SimpleFrontmatter.parse(data) ?? Frontmatter.parse(data)
        let diagnostic = frontmatter.diagnostic.map { Diagnostic(.info, path: path.string, $0, pluginID: pluginID) }
        return (frontmatter, diagnostic)
    }

    /// The first line of an error's description.
    static func shortReason(_ error: any Error) -> String {
        String(describing: error).split(separator: "\n").first.map(String.init) ?? "unreadable"
    }
}
