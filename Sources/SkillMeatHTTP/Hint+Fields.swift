import SkillMeatCore
import SkillMeatPluginAPI

/// A core hint as the API returns it: `{"action": "...", ...}` with the data a client needs to act,
/// and the endpoint that does it when there is one. Never CLI text.
extension Hint {
    /// The hint's JSON object.
    var fields: JSONValue {
        var object: [String: JSONValue] = ["action": .string(action)]
        switch self {
        case .setUpHome, .chooseProject, .listSources, .listCatalog, .setServerToken, .addSource, .rebuildCache:
            break
        case .createCollection(let name): object["collection"] = .string(name)
        case .listArtifacts(let collection), .listSnapshots(let collection): object["collection"] = .string(collection)
        case .chooseType(let types): object["types"] = .array(types.map { .string($0.rawValue) })
        case .chooseName(let suggestion): object["suggestion"] = suggestion.map(JSONValue.string) ?? .null
        case .chooseArtifactOrAddSource(let location): object["location"] = .string(location)
        case .useStrategy(let strategy): object["strategy"] = .string(strategy.rawValue)
        case .listDeployments(let project), .discoverProject(let project), .nameOrAdoptAll(let project): object["project_path"] = .string(project)
        case .rescanSource(let id): object["source_id"] = .string(id)
        case .importEntry(let id), .restoreEntry(let id): object["entry_id"] = .string(id)
        case .acceptCommands(let commands):
            object["commands"] = .array(commands.map(JSONValue.string))
            object["field"] = .string("accept_commands")
        }
        if let endpoint { object["endpoint"] = .string(endpoint) }
        return .object(object)
    }

    /// The snake_case name of what to do.
    var action: String {
        switch self {
        case .setUpHome: "set_up_home"
        case .rebuildCache: "rebuild_cache"
        case .createCollection: "create_collection"
        case .listArtifacts: "list_artifacts"
        case .chooseType: "choose_type"
        case .chooseName: "choose_name"
        case .chooseArtifactOrAddSource: "choose_artifact_or_add_source"
        case .useStrategy: "use_strategy"
        case .chooseProject: "choose_project"
        case .listDeployments: "list_deployments"
        case .discoverProject: "discover_project"
        case .nameOrAdoptAll: "name_or_adopt_all"
        case .listSources: "list_sources"
        case .addSource: "add_source"
        case .rescanSource: "rescan_source"
        case .listCatalog: "list_catalog"
        case .importEntry: "import_entry"
        case .restoreEntry: "restore_entry"
        case .listSnapshots: "list_snapshots"
        case .setServerToken: "set_server_token"
        case .acceptCommands: "accept_commands"
        }
    }

    /// The API call that does it, when the API has one.
    var endpoint: String? {
        switch self {
        case .rebuildCache: "POST /api/v1/cache/refresh"
        case .listArtifacts: "GET /api/v1/artifacts"
        case .listDeployments: "GET /api/v1/deploy"
        case .discoverProject: "POST /api/v1/artifacts/discover"
        case .nameOrAdoptAll: "POST /api/v1/artifacts/discover/import"
        case .listSources: "GET /api/v1/marketplace/sources"
        case .addSource, .chooseArtifactOrAddSource: "POST /api/v1/marketplace/sources"
        case .rescanSource(let id): "POST /api/v1/marketplace/sources/\(id)/rescan"
        case .importEntry, .restoreEntry, .listCatalog, .createCollection, .listSnapshots, .setUpHome, .chooseType, .chooseName,
             .useStrategy, .chooseProject, .setServerToken, .acceptCommands:
            nil
        }
    }

    /// The `Hint` schema of the OpenAPI document.
    /// Only `action` is always there; the other fields come with the actions that carry them.
    static let schema = Schema.object([
        "action": Schema.enumeration(allActions),
        "endpoint": Schema.string, "collection": Schema.string, "types": Schema.strings, "suggestion": Schema.nullableString,
        "location": Schema.string, "strategy": Schema.string, "project_path": Schema.string, "source_id": Schema.string,
        "entry_id": Schema.string, "commands": Schema.strings, "field": Schema.string,
    ], required: ["action"])

    /// Every action a hint can name (for the schema).
    static let allActions: [String] = [
        Hint.setUpHome, .rebuildCache, .createCollection(""), .listArtifacts(collection: ""), .chooseType([]), .chooseName(suggestion: nil),
        .chooseArtifactOrAddSource(location: ""), .useStrategy(.skip), .chooseProject, .listDeployments(project: ""),
        .discoverProject(project: ""), .nameOrAdoptAll(project: ""), .listSources, .addSource, .rescanSource(id: ""), .listCatalog,
        .importEntry(id: ""), .restoreEntry(id: ""), .listSnapshots(collection: ""), .setServerToken, .acceptCommands([]),
    ].map(\.action)
}
