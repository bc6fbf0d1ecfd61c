public import Foundation
public import SkillMeatPluginAPI

/// `skillmeat.toml` in a project: what the project wants from SkillMeat, committed with it. One table
/// per artifact, under its type's collection folder name (`[skills.pdf]`, `[commands.deploy]`,
/// `[mcp.github]`), written in sorted order so two people adding different artifacts touch different
/// lines. `[project]` holds the defaults (profiles, scope) every artifact takes unless it says otherwise.
public struct ProjectManifest: Sendable, Hashable {
    public static let fileName = "skillmeat.toml"

    /// One wanted artifact.
    public struct Entry: Sendable, Hashable {
        public var id: ArtifactID
        /// Where it comes from (a source reference: `owner/repo`, a git URL, a folder); nil takes the
        /// collection's copy as it is.
        public var source: String?
        /// A branch or tag to follow (floating: the lock pins the commit), or a commit; nil follows
        /// the default branch.
        public var ref: String?
        /// Its path in the source.
        public var path: String?
        /// Profiles to deploy for; nil takes `[project] profiles`.
        public var profiles: [String]?
        /// nil takes `[project] scope`.
        public var scope: DeploymentScope?
        /// Keys this version does not know, written back unchanged.
        public var extra: [String: JSONValue]

        public init(id: ArtifactID, source: String? = nil, ref: String? = nil, path: String? = nil, profiles: [String]? = nil, scope: DeploymentScope? = nil, extra: [String: JSONValue] = [:]) {
            self.id = id
            self.source = source
            self.ref = ref
            self.path = path
            self.profiles = profiles
            self.scope = scope
            self.extra = extra
        }
    }

    /// `[project] profiles`: the profiles of artifacts that name none; nil takes `deploy.default_profiles`.
    public var profiles: [String]?
    /// `[project] scope`, `project` by default.
    public var scope: DeploymentScope
    public var entries: [Entry]
    /// Keys of `[project]` and top-level tables this version does not know.
    public var extraProject: [String: JSONValue]
    public var extra: [String: JSONValue]

    public init(profiles: [String]? = nil, scope: DeploymentScope = .project, entries: [Entry] = [], extraProject: [String: JSONValue] = [:], extra: [String: JSONValue] = [:]) {
        self.profiles = profiles
        self.scope = scope
        self.entries = entries
        self.extraProject = extraProject
        self.extra = extra
    }

    public static func url(in project: URL) -> URL {
        project.appending(path: fileName, directoryHint: .notDirectory)
    }

    /// Whether the project has a manifest.
    public static func exists(in project: URL) -> Bool {
        FileManager.default.fileExists(atPath: url(in: project).path)
    }
}

extension ProjectManifest {
    static let entryKeys: Set<String> = ["source", "ref", "path", "profiles", "scope"]
    static let projectKeys: Set<String> = ["profiles", "scope"]

    /// The artifact type whose collection folder name (`skills`, `commands`, `agents`, `hooks`, `mcp`) is `key`.
    static func type(ofTable key: String) -> ArtifactType? {
        ArtifactType.allCases.first { $0.collectionFolder == key }
    }

    /// Reads the project's manifest; a missing file is an empty manifest.
    public static func read(in project: URL) throws(SkillMeatError) -> ProjectManifest {
        let url = url(in: project)
        let table = try TOMLCodec.read(url)
        var manifest = ProjectManifest()
        let projectTable = table["project"]?.objectValue ?? [:]
        manifest.profiles = projectTable["profiles"]?.stringList
        if let text = projectTable["scope"]?.stringValue {
            guard let scope = DeploymentScope(rawValue: text) else {
                throw .malformedFile(path: url.path, line: nil, reason: "[project] scope is '\(text)'; expected project or user")
            }
            manifest.scope = scope
        }
        manifest.extraProject = TOMLCodec.extra(of: projectTable, known: projectKeys)
        for (key, value) in table where key != "project" {
            guard let type = type(ofTable: key) else {
                manifest.extra[key] = value
                continue
            }
            guard let artifacts = value.objectValue else {
                throw .malformedFile(path: url.path, line: nil, reason: "'\(key)' must be a table of artifacts ([\(key).<name>])")
            }
            for (name, item) in artifacts {
                guard let fields = item.objectValue else {
                    throw .malformedFile(path: url.path, line: nil, reason: "'\(key).\(name)' must be a table")
                }
                var scope: DeploymentScope?
                if let text = fields["scope"]?.stringValue {
                    guard let parsed = DeploymentScope(rawValue: text) else {
                        throw .malformedFile(path: url.path, line: nil, reason: "'\(key).\(name)' has scope '\(text)'; expected project or user")
                    }
                    scope = parsed
                }
                manifest.entries.append(Entry(
                    id: ArtifactID(type: type, name: name), source: fields["source"]?.stringValue, ref: fields["ref"]?.stringValue,
                    path: fields["path"]?.stringValue, profiles: fields["profiles"]?.stringList, scope: scope,
                    extra: TOMLCodec.extra(of: fields, known: entryKeys)
                ))
            }
        }
        manifest.entries.sort { ($0.id.type.rawValue, $0.id.name) < ($1.id.type.rawValue, $1.id.name) }
        return manifest
    }

    /// The manifest as TOML text: `[project]`, then one table per artifact in sorted order.
    public func serialized() -> String {
        var table = extra
        var project = extraProject
        if let profiles { project["profiles"] = .array(profiles.map(JSONValue.string)) }
        project["scope"] = .string(scope.rawValue)
        table["project"] = .object(project)
        for entry in entries {
            var fields = entry.extra
            fields.setText("source", entry.source)
            fields.setText("ref", entry.ref)
            fields.setText("path", entry.path)
            if let profiles = entry.profiles { fields["profiles"] = .array(profiles.map(JSONValue.string)) }
            if let scope = entry.scope { fields["scope"] = .string(scope.rawValue) }
            var group = table[entry.id.type.collectionFolder]?.objectValue ?? [:]
            group[entry.id.name] = .object(fields)
            table[entry.id.type.collectionFolder] = .object(group)
        }
        let header = "# What this project wants from SkillMeat; commit it with skillmeat.lock. SkillMeat's sync makes the project match.\n"
        return header + TOMLCodec(priorityKeys: ["project", "source", "ref", "path", "profiles", "scope"]).serialize(table)
    }

    /// The entry for `id`, if the manifest lists it.
    public func entry(_ id: ArtifactID) -> Entry? {
        entries.first { $0.id == id }
    }

    /// Adds or replaces the entry for its artifact.
    public mutating func put(_ entry: Entry) {
        entries.removeAll { $0.id == entry.id }
        entries.append(entry)
        entries.sort { ($0.id.type.rawValue, $0.id.name) < ($1.id.type.rawValue, $1.id.name) }
    }

    /// The profiles `entry` deploys for, given the configured defaults.
    public func profiles(of entry: Entry, defaults: [String]) -> [String] {
        (entry.profiles ?? profiles ?? defaults).sorted()
    }

    /// Reads, changes and writes the project's manifest under its lock (atomically); returns what `body` returns.
    public static func update<T>(in project: URL, home: SkillMeatHome, _ body: (inout ProjectManifest) throws -> T) throws -> T {
        try FileLock(home: home, name: "project-" + ProjectRegistry.id(of: PathSafety.canonical(project).path)).withLock {
            var manifest = try read(in: project)
            let before = manifest
            let result = try body(&manifest)
            if manifest != before || !exists(in: project) { try AtomicFile.write(manifest.serialized(), to: url(in: project)) }
            return result
        }
    }
}
