public import SkillMeatStore
public import SkillMeatPluginAPI

/// The name each entry of a source is imported under (`import_name`), computed from the source's
/// entries alone, so the catalog can show it before import and import uses the same one.
///
/// An entry whose type and name no other live entry of the source shares keeps its name (spelled
/// validly first where the collection would refuse it: `zoho_books` → `zoho-books`). Entries that
/// collide are told apart by what distinguishes their paths: after the folders they all share, the
/// first folder that is not a component folder (`commands`, `hooks`, `plugins`, …) — the plugin they
/// belong to, or the platform folder of a hooks file (`.cursor` → `cursor`). The qualifier joins the
/// name with `:` for commands (the platforms' own `plugin:command` spelling, which the Claude Code
/// deployer turns into a command subfolder) and `-` for every other type (valid skill, server and
/// file names alike). What still collides gets `-2`, `-3`… in path order. Removed and excluded
/// entries take no name from live ones; each is named as if it joined them.
public enum CatalogNaming {
    /// Folder names that say what a folder holds, not whose it is, so they never qualify a name.
    static let componentFolders: Set<String> = [
        "commands", "agents", "skills", "hooks", "plugins", "prompts", "mcp", "servers",
        ".claude-plugin", ".codex-plugin", ".github", "src",
    ]

    /// Entry id → import name, for every entry of one source.
    /// An entry the user named (rename) is imported under that name, which the others avoid.
    public static func importNames(of entries: [CatalogEntryRecord]) -> [String: String] {
        importNames(of: entries.map(\.nameFields))
    }

    /// Entry id → import name, from the naming fields of every entry of one source.
    public static func importNames(of entries: [CatalogNameFields]) -> [String: String] {
        var names: [String: String] = [:]
        var used: [String: Set<String>] = [:]
        var given: Set<Key> = []
        for entry in entries {
            guard let userName = entry.userName else { continue }
            names[entry.id] = userName
            if isLive(entry) {
                used[entry.type.rawValue, default: []].insert(userName)
                given.insert(Key(type: entry.type.rawValue, name: userName))
            }
        }
        let live = entries.filter { isLive($0) && $0.userName == nil }
        let groups = Dictionary(grouping: live) { Key(type: $0.type.rawValue, name: validName($0)) }
        for key in groups.keys { used[key.type, default: []].insert(key.name) }
        for key in groups.keys.sorted(by: { ($0.type, $0.name) < ($1.type, $1.name) }) {
            names.merge(
                distinctNames(groups[key]!, base: key.name, used: &used[key.type, default: []], baseTaken: given.contains(key)),
                uniquingKeysWith: { first, _ in first }
            )
        }
        for entry in entries where names[entry.id] == nil {
            let key = Key(type: entry.type.rawValue, name: validName(entry))
            var taken = used[entry.type.rawValue] ?? []
            let group = (groups[key] ?? []) + [entry]
            taken.subtract(group.compactMap { names[$0.id] })
            names[entry.id] = distinctNames(group, base: key.name, used: &taken)[entry.id]
        }
        return names
    }

    /// The entry's name, or where the collection would refuse it (`zoho_books`, `@scope/server`) its
    /// valid spelling, so every entry can be imported as the catalog shows it.
    static func validName(_ entry: CatalogNameFields) -> String {
        let type = entry.type
        guard (try? ArtifactNaming.validate(entry.name, type: type)) == nil else { return entry.name }
        if let suggestion = ArtifactNaming.suggestion(entry.name) { return suggestion }
        // Nothing of the name can be kept: the file or folder it came from names it.
        let stem = entry.path.split(separator: "/").last.map { String($0.split(separator: ".").first ?? $0) } ?? ""
        let fromPath = ArtifactNaming.suggestion(stem) ?? stem
        return fromPath.isEmpty ? ArtifactNaming.slug(type.rawValue) : fromPath
    }

    /// Whether an entry holds its name: it is still in the source and not set aside.
    static func isLive(_ entry: CatalogEntryRecord) -> Bool {
        isLive(entry.status)
    }

    static func isLive(_ entry: CatalogNameFields) -> Bool {
        isLive(entry.status)
    }

    static func isLive(_ status: CatalogStatus) -> Bool {
        status.holdsName
    }

    struct Key: Hashable {
        var type: String
        var name: String
    }

    /// Names for entries of one type that share one name. `used` holds the names of the type already
    /// given out (and every entry's own name); a made-up name avoids them and is added to them.
    /// `baseTaken`: another entry was given `base` by the user, so none of these may keep it.
    static func distinctNames(_ group: [CatalogNameFields], base: String, used: inout Set<String>, baseTaken: Bool = false) -> [String: String] {
        guard group.count > 1 || baseTaken else { return group.first.map { [$0.id: base] } ?? [:] }
        let ordered = group.sorted { ($0.path, $0.id) < ($1.path, $1.id) }
        let contexts = ordered.map { context(of: $0.path) }
        let shared = commonPrefixLength(contexts)
        let qualifiers = contexts.map { Array($0.dropFirst(shared)).compactMap(qualifier) }
        let separator = ordered[0].type == .command ? ":" : "-"
        func spelled(_ parts: [String]) -> String {
            parts.isEmpty ? base : parts.joined(separator: "-") + separator + base
        }
        // The outermost distinguishing folder first; all of them where that is not enough.
        var proposed = qualifiers.map { spelled(Array($0.prefix(1))) }
        let counts = Dictionary(proposed.map { ($0, 1) }, uniquingKeysWith: +)
        for index in proposed.indices where counts[proposed[index]]! > 1 {
            proposed[index] = spelled(qualifiers[index])
        }
        var baseFree = !baseTaken
        var names: [String: String] = [:]
        for (entry, candidate) in zip(ordered, proposed) {
            var name = candidate
            if name == base, baseFree {
                baseFree = false
            } else {
                var suffix = 2
                while name == base || used.contains(name) {
                    name = "\(candidate)-\(suffix)"
                    suffix += 1
                }
            }
            used.insert(name)
            names[entry.id] = name
        }
        return names
    }

    /// The folders an entry sits in: its path without the artifact's own file or folder.
    static func context(of path: String) -> [String] {
        Array(path.split(separator: "/").map(String.init).dropLast())
    }

    static func commonPrefixLength(_ lists: [[String]]) -> Int {
        guard let first = lists.first else { return 0 }
        var length = 0
        while length < first.count, lists.allSatisfy({ $0.count > length && $0[length] == first[length] }) {
            length += 1
        }
        return length
    }

    /// A folder name as a name qualifier: nil for component folders, a platform folder without its
    /// dot (`.cursor` → `cursor`), anything else in lowercase letters, digits and single hyphens.
    static func qualifier(_ folder: String) -> String? {
        guard !componentFolders.contains(folder.lowercased()) else { return nil }
        let slug = ArtifactNaming.slug(folder)
        return slug.isEmpty ? nil : slug
    }
}
