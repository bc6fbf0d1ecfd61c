public import SkillMeatPluginAPI

/// What a person can do next about an error or an outcome, as data. Each front end words it: the CLI
/// as a command to run, HTTP as fields (`{"action": …}`). Core never spells a command or a flag, so a
/// second front end gets the advice without parsing sentences.
public enum Hint: Sendable, Hashable {
    /// Set up the SkillMeat home first.
    case setUpHome
    /// Rebuild the cache rows from the files.
    case rebuildCache
    /// Create the collection with this name.
    case createCollection(String)
    /// See the artifacts the collection has.
    case listArtifacts(collection: String)
    /// Say which type is meant: the name is shared by artifacts of these types.
    case chooseType([ArtifactType])
    /// Give the artifact another name; `suggestion` is a valid one when there is one.
    case chooseName(suggestion: String?)
    /// Choose one of the artifacts a location holds (by type and name), or add the location as a source.
    case chooseArtifactOrAddSource(location: String)
    /// Decide the conflict with this strategy.
    case useStrategy(ConflictStrategyName)
    /// Use a project folder that exists.
    case chooseProject
    /// See what is deployed in the project.
    case listDeployments(project: String)
    /// See the artifacts the project has (managed, in the collection or unmanaged).
    case discoverProject(project: String)
    /// Name the artifacts to adopt, or adopt every unmanaged one.
    case nameOrAdoptAll(project: String)
    /// See the marketplace sources.
    case listSources
    /// Add a marketplace source (there is none yet).
    case addSource
    /// Rescan this source.
    case rescanSource(id: String)
    /// See the catalog entries.
    case listCatalog
    /// Import this catalog entry.
    case importEntry(id: String)
    /// Restore this excluded catalog entry.
    case restoreEntry(id: String)
    /// See the collection's snapshots.
    case listSnapshots(collection: String)
    /// Give the server a token (any address but loopback needs one).
    case setServerToken
    /// Review these commands and accept them: hooks and MCP servers run them on this machine.
    case acceptCommands([String])
    /// Bring this collection artifact up to date with its upstream.
    case updateArtifact(name: String, type: ArtifactType, collection: String)
    /// Deploy the artifact again into the project for the profile (its copy there is behind).
    case redeploy(name: String, type: ArtifactType, project: String, profile: String, scope: DeploymentScope, collection: String)
    /// Make the project match its manifest (`skillmeat.toml`).
    case syncProject(project: String)
    /// Install the collection's missing files from its lock.
    case installCollection(collection: String)

    /// The snake_case name of what to do, the same for every front end.
    public var action: String {
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
        case .updateArtifact: "update_artifact"
        case .redeploy: "redeploy"
        case .syncProject: "sync_project"
        case .installCollection: "install_collection"
        }
    }
}
