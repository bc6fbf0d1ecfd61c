import SkillMeatCore
import SkillMeatPluginAPI

/// A core hint worded for the command line: a sentence naming the command (and flags) to use.
extension Hint {
    /// What to run or pass next, as one sentence.
    var command: String {
        switch self {
        case .setUpHome: "Run 'skillmeat init' first."
        case .rebuildCache: "Run 'skillmeat cache rebuild': it rebuilds the cache from the files (a damaged database is moved aside first)."
        case .createCollection(let name): "Create it with 'skillmeat collection create \(Self.shellWord(name))'."
        case .listArtifacts(let collection): "'skillmeat list\(Self.collectionFlag(collection))' shows what it has."
        case .chooseType(let types): "Add --type (\(types.map(\.rawValue).joined(separator: ", "))) to choose one."
        case .chooseName(let suggestion): suggestion.map { "Try --name \($0)." } ?? "Choose another name with --name."
        case .chooseArtifactOrAddSource(let location):
            "Choose one with --type and --name, or add the whole source with 'skillmeat source add \(Self.shellWord(location))'."
        case .useStrategy(let strategy): "Use --strategy \(strategy.rawValue)."
        case .chooseProject: "Pass another --project."
        case .listDeployments(let project): "'skillmeat status --project \(Self.shellWord(project))' lists what is deployed there."
        case .discoverProject(let project): "'skillmeat discover --project \(Self.shellWord(project))' lists what is there."
        case .nameOrAdoptAll(let project): "Pass --all, or name them; 'skillmeat discover --project \(Self.shellWord(project))' lists them."
        case .listSources: "'skillmeat source list' shows them."
        case .addSource: "Add one with 'skillmeat source add'."
        case .rescanSource(let id): "Rescan it with 'skillmeat source scan \(Self.shellWord(id))'."
        case .listCatalog: "'skillmeat catalog list' shows them."
        case .importEntry(let id): "Import it with 'skillmeat import \(Self.shellWord(id))'."
        case .restoreEntry(let id): "Restore it with 'skillmeat catalog restore \(Self.shellWord(id))'."
        case .listSnapshots(let collection): "'skillmeat snapshot list\(Self.collectionFlag(collection))' shows them."
        case .setServerToken: "Give a token with --token or server.token in config.toml."
        case .acceptCommands: "Review them with --dry-run and pass --yes to accept."
        case .updateArtifact(let name, let type, let collection):
            "skillmeat update \(Self.shellWord(name))\(Self.typeFlag(name, type))\(Self.collectionFlag(collection))"
        case .redeploy(let name, let type, let project, let profile, let scope, let collection):
            "skillmeat deploy \(Self.shellWord(name))\(Self.typeFlag(name, type)) --project \(Self.shellWord(project)) --profile \(Self.shellWord(profile))"
                + (scope == .user ? " --scope user" : "") + Self.collectionFlag(collection)
        case .syncProject(let project): "skillmeat sync --project \(Self.shellWord(project))"
        case .installCollection(let collection): "skillmeat install\(Self.collectionFlag(collection))"
        }
    }

    private static func typeFlag(_ name: String, _ type: ArtifactType) -> String {
        " --type \(type.rawValue)"
    }

    private static func collectionFlag(_ collection: String) -> String {
        " -c \(shellWord(collection))"
    }

    /// `text` as one shell word: as it is when it is plain, else in double quotes.
    static func shellWord(_ text: String) -> String {
        let plain = text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0.properties.numericType != nil || "/._-:@+=,".unicodeScalars.contains($0) }
        guard !plain || text.isEmpty else { return text }
        var quoted = "\""
        for character in text {
            if "\\\"$`".contains(character) { quoted.append("\\") }
            quoted.append(character)
        }
        return quoted + "\""
    }
}

extension SkillMeatError {
    /// The error as the CLI prints it: what happened, then what to run.
    var cliMessage: String {
        hint.map { description + " " + $0.command } ?? description
    }
}
