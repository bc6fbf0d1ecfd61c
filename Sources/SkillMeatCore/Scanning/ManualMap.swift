public import SkillMeatPluginAPI

/// Paths of a source whose artifact type the user decided, overriding detection: typed values, so
/// each front end reads its own syntax (the CLI `PATH=TYPE`, HTTP a JSON object) straight into it.
public struct ManualMap: Sendable, Hashable, Decodable {
    public var types: [RelativePath: ArtifactType]

    public init(_ types: [RelativePath: ArtifactType] = [:]) {
        self.types = types
    }

    /// One path and the type it is.
    public struct Entry: Sendable, Hashable {
        public var path: RelativePath
        public var type: ArtifactType

        public init(path: RelativePath, type: ArtifactType) {
            self.path = path
            self.type = type
        }

        /// Validates a path and a type as a user spelled them.
        public init(path rawPath: String, type rawType: String) throws(SkillMeatError) {
            guard let type = ArtifactType(parsing: rawType) else {
                throw .invalidArgument("'\(rawType)' (for '\(rawPath)') is not an artifact type; use one of \(ArtifactType.validNames).")
            }
            do {
                self.path = try RelativePath(validating: rawPath)
            } catch {
                throw .invalidArgument("The mapped path '\(rawPath)' is unsafe: \(error.description)")
            }
            self.type = type
        }
    }

    /// The map of `entries`; a path given twice takes its last type.
    public init(_ entries: [Entry]) {
        types = Dictionary(entries.map { ($0.path, $0.type) }) { _, last in last }
    }

    /// Validates `{path: type}` as a user wrote it.
    public init(validating map: [String: String]) throws(SkillMeatError) {
        var types: [RelativePath: ArtifactType] = [:]
        for (path, type) in map {
            let entry = try Entry(path: path, type: type)
            types[entry.path] = entry.type
        }
        self.types = types
    }

    /// A map as stored with a source; entries that no longer validate are dropped rather than
    /// failing every scan of the source.
    public init(stored map: [String: String]) {
        types = Dictionary(uniqueKeysWithValues: map.compactMap { path, type in
            guard let entry = try? Entry(path: path, type: type) else { return nil }
            return (entry.path, entry.type)
        })
    }

    /// Decodes a JSON object `{"path": "type"}`, or SkillMeat's `{"type": ["path", …]}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        var map: [String: String] = [:]
        if let byPath = try? container.decode([String: String].self) {
            map = byPath
        } else {
            for (type, paths) in try container.decode([String: [String]].self) {
                for path in paths { map[path] = type }
            }
        }
        do {
            try self.init(validating: map)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    /// The form a source record stores: `{path: type raw value}`.
    public var stored: [String: String] {
        Dictionary(uniqueKeysWithValues: types.map { ($0.key.string, $0.value.rawValue) })
    }

    public var isEmpty: Bool { types.isEmpty }
}
