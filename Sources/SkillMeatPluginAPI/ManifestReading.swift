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

    /// How much of a markdown file is read first when only its frontmatter is wanted; a block that
    /// does not close within it is read again whole.
    static let frontmatterHeadBytes = 4096

    /// The frontmatter of the markdown file at `path`, or nil (with a diagnostic) when it cannot be read.
    /// Frontmatter that is not valid YAML still yields its lenient fields, plus an info diagnostic.
    /// Without `includingBody` only the file's head is read and `body` is left empty.
    public static func frontmatter(
        at path: RelativePath,
        in tree: SourceTree,
        pluginID: PluginID?,
        includingBody: Bool = true
    ) async -> (Frontmatter?, Diagnostic?) {
        let frontmatter: Frontmatter
        do {
            frontmatter = try await read(path, in: tree, includingBody: includingBody)
        } catch {
            return (nil, Diagnostic(.warning, path: path.string, "could not be read (\(error)); it was skipped", pluginID: pluginID))
        }
        let diagnostic = frontmatter.diagnostic.map { Diagnostic(.info, path: path.string, $0, pluginID: pluginID) }
        return (frontmatter, diagnostic)
    }

    private static func read(_ path: RelativePath, in tree: SourceTree, includingBody: Bool) async throws -> Frontmatter {
        guard !includingBody else {
            let data = try await tree.contents(of: path)
            return Frontmatter.read(data, scan: FrontmatterBlock.scan(data), flatFastPath: true, includingBody: true)
        }
        var data = try await tree.prefix(of: path, maxBytes: frontmatterHeadBytes)
        var scan = FrontmatterBlock.scan(data)
        if data.count >= frontmatterHeadBytes, ArtifactConventions.startsWithFrontmatter(data) {
            // The head may have cut the block (or its closing fence) short: only a whole fence counts.
            if case .closed(let block) = scan, block.fenceTerminated {} else {
                data = try await tree.contents(of: path)
                scan = FrontmatterBlock.scan(data)
            }
        }
        return Frontmatter.read(data, scan: scan, flatFastPath: true, includingBody: false)
    }

    /// The first line of an error's description.
    static func shortReason(_ error: any Error) -> String {
        String(describing: error).split(separator: "\n").first.map(String.init) ?? "unreadable"
    }
}
