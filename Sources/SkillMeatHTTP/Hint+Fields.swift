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
        case .updateArtifact(let name, let type, let collection):
            object["artifact"] = .string(ArtifactID(type: type, name: name).description)
            object["collection"] = .string(collection)
        case .redeploy(let name, let type, let project, let profile, let scope, let collection):
            object["artifact"] = .string(ArtifactID(type: type, name: name).description)
            object["project_path"] = .string(project)
            object["profile"] = .string(profile)
            object["scope"] = .string(scope.rawValue)
            object["collection"] = .string(collection)
        case .syncProject(let project): object["project_path"] = .string(project)
        case .installCollection(let collection): object["collection"] = .string(collection)
        }
        if let endpoint { object["endpoint"] = .string(endpoint) }
        return .object(object)
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
        case .redeploy: "POST /api/v1/deploy"
        case .syncProject(let project): "POST /api/v1/projects/\(ProjectRegistry.id(of: project))/sync"
        case .importEntry, .restoreEntry, .listCatalog, .createCollection, .listSnapshots, .setUpHome, .chooseType, .chooseName,
             .useStrategy, .chooseProject, .setServerToken, .acceptCommands, .updateArtifact, .installCollection:
            nil
        }
    }

    /// The `Hint` schema of the OpenAPI document.
    /// Only `action` is always there; the other fields come with the actions that carry them.
    static let schema = Schema.object([
        "action": Schema.enumeration(allActions),
        "endpoint": Schema.string, "collection": Schema.string, "types": Schema.strings, "suggestion": Schema.nullableString,
        "location": Schema.string, "strategy": Schema.string, "project_path": Schema.string, "source_id": Schema.string,
        "entry_id": Schema.string, "commands": Schema.strings, "field": Schema.string, "artifact": Schema.string, "profile": Schema.string,
        "scope": Schema.string,
    ], required: ["action"])

    /// Every action a hint can name (for the schema).
    static let allActions: [String] = [
        Hint.setUpHome, .rebuildCache, .createCollection(""), .listArtifacts(collection: ""), .chooseType([]), .chooseName(suggestion: nil),
        .chooseArtifactOrAddSource(location: ""), .useStrategy(.skip), .chooseProject, .listDeployments(project: ""),
        .discoverProject(project: ""), .nameOrAdoptAll(project: ""), .listSources, .addSource, .rescanSource(id: ""), .listCatalog,
        .importEntry(id: ""), .restoreEntry(id: ""), .listSnapshots(collection: ""), .setServerToken, .acceptCommands([]),
        .updateArtifact(name: "", type: .skill, collection: ""), .redeploy(name: "", type: .skill, project: "", profile: "", scope: .project, collection: ""),
        .syncProject(project: ""), .installCollection(collection: ""),
    ].map(\.action)
}
