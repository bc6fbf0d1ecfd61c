public import Foundation
public import SkillMeatPluginAPI

extension DeploymentService {
    /// What to deploy, where, how conflicts are decided, and whether the commands hooks and MCP servers
    /// would run are accepted: the one request every front end builds for `deploy`.
    public struct Request: Sendable {
        public var names: [String]
        /// Every artifact of the collection (of `type`, when given) instead of `names`.
        public var all: Bool
        public var type: ArtifactType?
        public var projectRoot: URL
        public var scope: DeploymentScope
        /// The profiles to deploy to; none means the configured defaults (`PluginCatalog.deploymentProfiles`).
        public var profiles: [String]
        /// Every enabled profile, whatever `profiles` says.
        public var allProfiles: Bool
        public var strategy: ConflictStrategyName
        /// Plan, report, and write nothing.
        public var dryRun: Bool
        public var commandConsent: CommandConsent

        public init(
            names: [String], type: ArtifactType? = nil, projectRoot: URL, scope: DeploymentScope, profiles: [String] = [],
            allProfiles: Bool = false, strategy: ConflictStrategyName = .skip, dryRun: Bool = false, commandConsent: CommandConsent = .refuse,
            all: Bool = false
        ) {
            self.names = names
            self.all = all
            self.type = type
            self.projectRoot = projectRoot
            self.scope = scope
            self.profiles = profiles
            self.allProfiles = allProfiles
            self.strategy = strategy
            self.dryRun = dryRun
            self.commandConsent = commandConsent
        }
    }

    /// Whether a deployment may write hooks and MCP servers, which make the machine run commands.
    public enum CommandConsent: Sendable {
        /// Refuse a plan that has commands (nothing is written).
        case refuse
        /// Accept them.
        case accept
        /// Ask: the front end shows the commands to a person and answers whether they are accepted.
        case ask(@Sendable (_ commands: [String]) -> Bool)
    }

    /// Runs a deploy request: plans it (handing the plan to `planned`, e.g. to show it), stops there on a
    /// dry run, obtains consent for the commands the plan would write, then applies it. A plan the
    /// consent turns down writes nothing and throws a conflict.
    ///
    /// An interruption (`Interruption`) before the plan is applied stops it with nothing written; once
    /// applying has begun, the deployment is finished (it is one change of the project).
    public func deploy(
        _ request: Request, now: Date = Date(), planned: (DeploymentPreview) -> Void = { _ in }
    ) async throws(SkillMeatError) -> DeploymentReport {
        try await Interruption.observing { () async throws(SkillMeatError) -> DeploymentReport in
            try await deployObserved(request, now: now, planned: planned)
        }
    }

    /// The artifacts a request names: its names, or with `all` every artifact of the collection (of its
    /// type, when given) as `type:name` ids, in id order.
    func selectedNames(_ request: Request) async throws(SkillMeatError) -> [String] {
        guard request.all else { return request.names }
        let manifest = try collection.store.read().0
        let ids = manifest.artifacts.map(\.id).filter { request.type == nil || $0.type == request.type }
        guard !ids.isEmpty else {
            throw .notFound(
                "The collection '\(collection.store.name)' has no \(request.type.map { "\($0.rawValue) artifacts" } ?? "artifacts") to deploy.",
                hint: .listArtifacts(collection: collection.store.name)
            )
        }
        return ids.sorted().map(\.description)
    }

    private func deployObserved(
        _ request: Request, now: Date, planned: (DeploymentPreview) -> Void
    ) async throws(SkillMeatError) -> DeploymentReport {
        let preview = try await preview(request)
        planned(preview)
        if request.dryRun {
            return DeploymentReport(collection: preview.collection, items: preview.items, dryRun: true)
        }
        let commands = preview.commandsToAccept
        if !commands.isEmpty {
            switch request.commandConsent {
            case .accept:
                break
            case .refuse:
                throw .conflict(
                    "The deployment would write hooks or MCP servers that run these commands on this machine: "
                        + commands.joined(separator: "; ") + ". Nothing was written.",
                    hint: .acceptCommands(commands)
                )
            case .ask(let accepts):
                guard accepts(commands) else { throw .conflict("The commands were not accepted; nothing was written.") }
            }
        }
        if Interruption.shouldStop(at: "deploy.apply") {
            throw .conflict("The deployment was interrupted before anything was written.")
        }
        return try await apply(preview, now: now)
    }
}
