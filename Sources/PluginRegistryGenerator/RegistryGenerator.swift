public import Foundation
import TOMLKit

/// Renders the files generated from `config/`: the built-in plugin registry from `plugins.toml`
/// and the compiled-in defaults from `skillmeat.toml`. Used by `generate-plugin-registry` to write
/// them and by a test to prove the checked-in copies are current.
public struct RegistryGenerator: Sendable {
    /// One `[[plugin]]` table of the manifest.
    public struct ManifestEntry: Sendable, Hashable {
        public var id: String
        public var kind: String
        public var module: String
        public var type: String
        public var summary: String
        public var defaultEnabled: Bool
        /// Why the plugin is off by default, for `plugins list` (only with `default_enabled = false`).
        public var disabledReason: String?
    }

    /// A generated file: where it goes, relative to the package root, and its text.
    public struct GeneratedFile: Sendable, Hashable {
        public var path: String
        public var contents: String
    }

    public static let registryPath = "Sources/SkillMeatRegistry/BuiltinPlugins+Generated.swift"
    public static let defaultsPath = "Sources/SkillMeatCore/Configuration/DefaultConfiguration+Generated.swift"
    public static let examplesPath = "Sources/SkillMeatCore/Quickstart/ExampleMarketplace+Generated.swift"
    public static let examplesSourcePath = "examples/marketplace"
    public static let webPath = "Sources/SkillMeatWeb/WebAssets+Generated.swift"
    public static let webSourcePath = "web"
    public static let manifestPath = "config/plugins.toml"
    public static let defaultsSourcePath = "config/skillmeat.toml"

    /// The kinds the manifest may use, with the registration case and protocol each maps to.
    static let kinds: [String: (registrationCase: String, protocolName: String)] = [
        "source": ("source", "SourceProvider"),
        "detector": ("detector", "ArtifactDetector"),
        "conflict_strategy": ("conflictStrategy", "ConflictStrategy"),
        "deployer": ("deployer", "PlatformDeployer"),
    ]

    public let packageRoot: URL

    public init(packageRoot: URL) {
        self.packageRoot = packageRoot
    }

    /// Both generated files, rendered from the current `config/` files.
    public func render() throws -> [GeneratedFile] {
        let manifest = try String(contentsOf: packageRoot.appending(path: Self.manifestPath), encoding: .utf8)
        let defaults = try String(contentsOf: packageRoot.appending(path: Self.defaultsSourcePath), encoding: .utf8)
        return [
            GeneratedFile(path: Self.registryPath, contents: try Self.renderRegistry(Self.parseManifest(manifest))),
            GeneratedFile(path: Self.defaultsPath, contents: try Self.renderDefaults(defaults)),
            GeneratedFile(path: Self.examplesPath, contents: try Self.renderExamples(packageRoot.appending(path: Self.examplesSourcePath))),
            GeneratedFile(path: Self.webPath, contents: try Self.renderWebAssets(packageRoot.appending(path: Self.webSourcePath))),
        ]
    }

    /// The files whose checked-in contents differ from a fresh rendering.
    public func staleFiles() throws -> [String] {
        try render().filter { file in
            let current = try? String(contentsOf: packageRoot.appending(path: file.path), encoding: .utf8)
            return current != file.contents
        }.map(\.path)
    }

    /// Writes every generated file that changed; returns their paths.
    @discardableResult
    public func write() throws -> [String] {
        var written: [String] = []
        for file in try render() {
            let url = packageRoot.appending(path: file.path)
            if (try? String(contentsOf: url, encoding: .utf8)) == file.contents { continue }
            try Data(file.contents.utf8).write(to: url, options: .atomic)
            written.append(file.path)
        }
        return written
    }

    /// Reads and validates the manifest's `[[plugin]]` tables.
    public static func parseManifest(_ text: String) throws -> [ManifestEntry] {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw GeneratorError("\(manifestPath), line \(error.source.begin.line): \(error.description)")
        }
        guard let plugins = table["plugin"]?.array else {
            throw GeneratorError("\(manifestPath) has no [[plugin]] tables")
        }
        var entries: [ManifestEntry] = []
        var seen = Set<String>()
        for (index, value) in plugins.enumerated() {
            guard let plugin = value.table else { throw GeneratorError("\(manifestPath): plugin #\(index + 1) is not a table") }
            func field(_ key: String) throws -> String {
                guard let text = plugin[key]?.string, !text.isEmpty else {
                    throw GeneratorError("\(manifestPath): plugin #\(index + 1) lacks '\(key)'")
                }
                return text
            }
            let entry = ManifestEntry(
                id: try field("id"),
                kind: try field("kind"),
                module: try field("module"),
                type: try field("type"),
                summary: try field("summary"),
                defaultEnabled: plugin["default_enabled"]?.bool ?? true,
                disabledReason: plugin["disabled_reason"]?.string
            )
            guard kinds[entry.kind] != nil else {
                throw GeneratorError("\(entry.id): unknown kind '\(entry.kind)'; use one of \(kinds.keys.sorted().joined(separator: ", "))")
            }
            let parts = entry.id.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0] == entry.kind, !parts[1].isEmpty else {
                throw GeneratorError("\(entry.id): an id is '<kind>/<name>' and its kind must be '\(entry.kind)'")
            }
            guard isIdentifier(entry.module), isIdentifier(entry.type) else {
                throw GeneratorError("\(entry.id): module and type must be Swift identifiers")
            }
            if plugin["disabled_reason"] != nil {
                guard let reason = entry.disabledReason, !reason.isEmpty else {
                    throw GeneratorError("\(entry.id): disabled_reason must be non-empty text")
                }
                guard !entry.defaultEnabled else {
                    throw GeneratorError("\(entry.id): disabled_reason says why a plugin is off by default; it needs default_enabled = false")
                }
            }
            guard seen.insert(entry.id).inserted else { throw GeneratorError("\(entry.id) is listed twice") }
            entries.append(entry)
        }
        return entries
    }

    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first == "_" || CharacterSet.letters.contains(first) else { return false }
        return text.unicodeScalars.allSatisfy { $0 == "_" || CharacterSet.alphanumerics.contains($0) }
    }

    static let header = "// Generated by `swift run generate-plugin-registry`. Do not edit: change the source named below and rerun.\n"

    static func renderRegistry(_ entries: [ManifestEntry]) throws -> String {
        let modules = Set(entries.map(\.module)).sorted()
        var text = header + "// Source: \(manifestPath)\n\n"
        for module in modules { text += "import \(module)\n" }
        text += "public import SkillMeatCore\nimport SkillMeatPluginAPI\n\n"
        text += "extension BuiltinPlugins {\n"
        text += "    /// Every built-in plugin, in manifest order.\n"
        text += "    public static let registrations: [PluginRegistration] = [\n"
        for entry in entries {
            let kind = kinds[entry.kind]!
            text += "        .\(kind.registrationCase)(\n"
            text += "            PluginDescriptor(\n"
            text += "                id: \(literal(entry.id)),\n"
            text += "                module: \(literal(entry.module)),\n"
            text += "                typeName: \(literal(entry.type)),\n"
            text += "                summary: \(literal(entry.summary)),\n"
            if let reason = entry.disabledReason {
                text += "                defaultEnabled: \(entry.defaultEnabled),\n"
                text += "                disabledReason: \(literal(reason))\n"
            } else {
                text += "                defaultEnabled: \(entry.defaultEnabled)\n"
            }
            text += "            ),\n"
            text += "            factory(\(entry.module).\(entry.type).self)\n"
            text += "        ),\n"
        }
        text += "    ]\n}\n"
        return text
    }

    static func renderDefaults(_ toml: String) throws -> String {
        do {
            _ = try TOMLTable(string: toml)
        } catch let error as TOMLParseError {
            throw GeneratorError("\(defaultsSourcePath), line \(error.source.begin.line): \(error.description)")
        }
        var delimiter = "#"
        while toml.contains("\"\"\"" + delimiter) { delimiter += "#" }
        var text = header + "// Source: \(defaultsSourcePath)\n\n"
        text += "/// The built-in defaults every configuration starts from.\n"
        text += "enum DefaultConfiguration {\n"
        text += "    static let toml = \(delimiter)\"\"\"\n"
        for line in toml.split(separator: "\n", omittingEmptySubsequences: false).dropLast(toml.hasSuffix("\n") ? 1 : 0) {
            text += line.isEmpty ? "\n" : "    \(line)\n"
        }
        text += "    \"\"\"\(delimiter)\n}\n"
        return text
    }

    /// The example marketplace as data, so `skillmeat quickstart` works from any installed binary.
    static func renderExamples(_ folder: URL) throws -> String {
        try renderFiles(in: folder, named: examplesSourcePath, source: examplesSourcePath, declaration: """
            /// The example marketplace written for the quick start: path, text and whether it is executable.
            enum ExampleMarketplace {
                static let files: [(path: String, text: String, executable: Bool)] = [
            """) { "(\(literal($0.path)), \(literal($0.text)), \($0.executable))" }
    }

    /// The web UI's files as data, so `skillmeat serve` needs nothing beside the binary.
    static func renderWebAssets(_ folder: URL) throws -> String {
        try renderFiles(in: folder, named: webSourcePath, source: webSourcePath + "/", declaration: """
            extension WebAssets {
                /// Every file of the web UI by its path under `\(webSourcePath)/`, as written there.
                static let sources: [String: String] = [
            """) { "\(literal($0.path)): \(literal($0.text))" }
    }

    /// A generated file holding every text file of `folder` in one Swift collection literal: `declaration`
    /// opens it (up to the literal's `[`), and `element` writes one file as an element of it.
    static func renderFiles(
        in folder: URL, named name: String, source: String, declaration: String,
        element: ((path: String, text: String, executable: Bool)) -> String
    ) throws -> String {
        var text = header + "// Source: \(source)\n\n" + declaration + "\n"
        for file in try textFiles(in: folder, named: name) {
            text += "        \(element(file)),\n"
        }
        text += "    ]\n}\n"
        return text
    }

    /// Every regular file under `folder`, sorted by path; `name` is how errors
    /// call the folder.
    static func textFiles(in folder: URL, named name: String) throws -> [(path: String, text: String, executable: Bool)] {
        var files: [(path: String, text: String, executable: Bool)] = []
        let base = folder.standardizedFileURL.path
        guard FileManager.default.fileExists(atPath: base),
              let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        else {
            throw GeneratorError("\(name) is missing")
        }
        for case let url as URL in enumerator {
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            let path = String(url.standardizedFileURL.path.dropFirst(base.count + 1))
            guard let text = String(data: try Data(contentsOf: url), encoding: .utf8) else {
                throw GeneratorError("\(name)/\(path) is not UTF-8 text")
            }
            files.append((path, text, FileManager.default.isExecutableFile(atPath: url.path)))
        }
        return files.sorted { $0.path < $1.path }
    }

    static func literal(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}

/// A manifest or defaults file that cannot be turned into code.
public struct GeneratorError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
