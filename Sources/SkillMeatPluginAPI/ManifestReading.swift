public import Foundation

/// Reads the JSON and markdown files detectors look at, turning every failure into a `Diagnostic`
/// instead of an error, so one broken file never stops a scan.
public enum ManifestReading {
    /// The outcome of reading one JSON file.
    public enum JSONOutcome: Sendable {
        case value(JSONValue)
        case failed(Diagnostic)
    }

    /// A file read whole within the size bound, or the warning that says why it was skipped.
    static func boundedFile(at path: RelativePath, in tree: SourceTree, pluginID: PluginID?, purpose: String) async -> Result<Data, SkippedFile> {
        do {
            guard let whole = try await wholeFile(path, in: tree) else {
                return .failure(SkippedFile(Diagnostic(.warning, path: path.string, "is larger than \(maximumFileBytes >> 20) MiB; \(purpose) was skipped", pluginID: pluginID)))
            }
            return .success(whole)
        } catch {
            return .failure(SkippedFile(Diagnostic(.warning, path: path.string, "could not be read (\(error)); \(purpose) was skipped", pluginID: pluginID)))
        }
    }

    /// Why a file was not read, as an error so it can travel in a `Result`.
    struct SkippedFile: Error {
        let diagnostic: Diagnostic
        init(_ diagnostic: Diagnostic) { self.diagnostic = diagnostic }
    }

    /// Parses the JSON file at `path` of `tree`; a missing, unreadable or malformed file yields a
    /// warning that names the file and says what was skipped.
    public static func json(at path: RelativePath, in tree: SourceTree, pluginID: PluginID?, purpose: String) async -> JSONOutcome {
        let data: Data
        switch await boundedFile(at: path, in: tree, pluginID: pluginID, purpose: purpose) {
        case .success(let whole): data = whole
        case .failure(let diagnostic): return .failed(diagnostic.diagnostic)
        }
        do {
            return .value(try parseJSON(data))
        } catch {
            return .failed(Diagnostic(.warning, path: path.string, "is not valid JSON (\(shortReason(error))); \(purpose) was skipped", pluginID: pluginID))
        }
    }

    /// Parses the TOML file at `path` of `tree` (through `TOMLReader`, bounded); a missing, unreadable or
    /// malformed file yields a warning that names the file and line and says what was skipped.
    public static func toml(at path: RelativePath, in tree: SourceTree, pluginID: PluginID?, purpose: String) async -> TOMLOutcome {
        let data: Data
        switch await boundedFile(at: path, in: tree, pluginID: pluginID, purpose: purpose) {
        case .success(let whole): data = whole
        case .failure(let diagnostic): return .failed(diagnostic.diagnostic)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failed(Diagnostic(.warning, path: path.string, "is not UTF-8 text; \(purpose) was skipped", pluginID: pluginID))
        }
        do throws(TOMLReader.Failure) {
            return .table(try TOMLReader.parse(text))
        } catch {
            return .failed(Diagnostic(.warning, path: path.string, "is not valid TOML (\(error.description)); \(purpose) was skipped", pluginID: pluginID))
        }
    }

    /// `json(at:in:pluginID:purpose:)` for a detector: the value, or nil with the warning added to
    /// `diagnostics`.
    public static func json(at path: RelativePath, in tree: SourceTree, pluginID: PluginID?, purpose: String, diagnostics: inout [Diagnostic]) async -> JSONValue? {
        switch await json(at: path, in: tree, pluginID: pluginID, purpose: purpose) {
        case .value(let value): return value
        case .failed(let diagnostic):
            diagnostics.append(diagnostic)
            return nil
        }
    }

    /// `toml(at:in:pluginID:purpose:)` for a detector: the table, or nil with the warning added to
    /// `diagnostics`.
    public static func toml(at path: RelativePath, in tree: SourceTree, pluginID: PluginID?, purpose: String, diagnostics: inout [Diagnostic]) async -> [String: JSONValue]? {
        switch await toml(at: path, in: tree, pluginID: pluginID, purpose: purpose) {
        case .table(let table): return table
        case .failed(let diagnostic):
            diagnostics.append(diagnostic)
            return nil
        }
    }

    /// The outcome of reading one TOML file.
    public enum TOMLOutcome: Sendable {
        case table([String: JSONValue])
        case failed(Diagnostic)
    }

    /// Parses JSON bytes, tolerating a UTF-8 byte-order mark (the same reader as `JSONValue.parse`).
    public static func parseJSON(_ data: Data) throws -> JSONValue {
        try JSONValue.parse(data)
    }

    /// The largest manifest, config or markdown file read whole. The largest of the detection corpus is
    /// 54 KiB; a repository's file beyond this is skipped with a diagnostic rather than held in memory.
    public static let maximumFileBytes = 8 << 20

    /// The bytes of the file at `path`, or nil when it is larger than `maximumFileBytes` (known from the
    /// tree's listing when it has sizes, else from reading one byte past the bound).
    static func wholeFile(_ path: RelativePath, in tree: SourceTree) async throws -> Data? {
        if let size = tree.entry(at: path)?.size, size > Int64(maximumFileBytes) { return nil }
        let data = try await tree.prefix(of: path, maxBytes: maximumFileBytes + 1)
        return data.count > maximumFileBytes ? nil : data
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
            guard let read = try await read(path, in: tree, includingBody: includingBody) else {
                return (nil, Diagnostic(.warning, path: path.string, "is larger than \(maximumFileBytes >> 20) MiB; it was skipped", pluginID: pluginID))
            }
            frontmatter = read
        } catch {
            return (nil, Diagnostic(.warning, path: path.string, "could not be read (\(error)); it was skipped", pluginID: pluginID))
        }
        let diagnostic = frontmatter.diagnostic.map { Diagnostic(.info, path: path.string, $0, pluginID: pluginID) }
        return (frontmatter, diagnostic)
    }

    private static func read(_ path: RelativePath, in tree: SourceTree, includingBody: Bool) async throws -> Frontmatter? {
        guard !includingBody else {
            guard let data = try await wholeFile(path, in: tree) else { return nil }
            return Frontmatter.read(data, scan: FrontmatterBlock.scan(data), flatFastPath: true, includingBody: true)
        }
        var data = try await tree.prefix(of: path, maxBytes: frontmatterHeadBytes)
        var scan = FrontmatterBlock.scan(data)
        if data.count >= frontmatterHeadBytes, ArtifactConventions.startsWithFrontmatter(data) {
            // The head may have cut the block (or its closing fence) short: only a whole fence counts.
            // A block that is to be read at all ends within `FrontmatterBlock.maximumBytes` (after a
            // byte-order mark), its line end included; twice that covers CRLF text, whose line ends are
            // normalised first. So this many bytes decide as the whole file would.
            if case .closed(let block) = scan, block.fenceTerminated {} else {
                data = try await tree.prefix(of: path, maxBytes: 2 * FrontmatterBlock.maximumBytes + 8)
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
