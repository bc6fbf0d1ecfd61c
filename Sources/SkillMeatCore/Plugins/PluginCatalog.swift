import Foundation
public import Logging
public import SkillMeatPluginAPI

/// The plugins of one run: every compiled-in plugin with its status, and the enabled ones built once,
/// immutably, from their contexts. Deployers are looked up by profile id and strategies by name in
/// dictionaries; a miss is an error that lists what exists.
public struct PluginCatalog: Sendable {
    /// One compiled-in plugin and whether it runs.
    public struct Entry: Sendable, Hashable, Codable {
        public var descriptor: PluginDescriptor
        public var status: PluginStatus
    }

    /// Every compiled-in plugin, in manifest order.
    public let entries: [Entry]
    /// Enabled source providers, in manifest order (the first that accepts a reference reads it).
    public let sourceProviders: [(id: PluginID, provider: any SourceProvider)]
    /// Enabled detectors, in manifest order.
    public let detectors: [(id: PluginID, detector: any ArtifactDetector)]
    private let strategies: [String: any ConflictStrategy]
    private let deployers: [String: any PlatformDeployer]
    /// The profiles a deployment goes to when it names none, as configured (checked when used).
    public let defaultProfiles: [String]

    /// `scan`: the enabled providers and detectors over one source.
    public var sourceScan: SourceScan { SourceScan(plugins: self) }

    /// Resolves enablement and builds each enabled plugin with a context holding only its own settings.
    public init(
        registrations: [PluginRegistration],
        configuration: PluginsConfiguration,
        deploy: DeploySettings = DeploySettings(),
        home: SkillMeatHome,
        environment: [String: String],
        logger: Logger
    ) throws(SkillMeatError) {
        let statuses = try PluginEnablement.resolve(registrations.map(\.descriptor), configuration: configuration)
        var entries: [Entry] = []
        var sources: [(PluginID, any SourceProvider)] = []
        var detectors: [(PluginID, any ArtifactDetector)] = []
        var strategies: [String: any ConflictStrategy] = [:]
        var deployers: [String: any PlatformDeployer] = [:]
        for registration in registrations {
            let descriptor = registration.descriptor
            let status = statuses[descriptor.id] ?? PluginStatus(enabled: false, reason: "unknown")
            entries.append(Entry(descriptor: descriptor, status: status))
            guard status.enabled else { continue }
            let context = PluginContext(
                id: descriptor.id,
                settings: PluginSettings(configuration.settings[descriptor.id.description] ?? [:]),
                logger: logger,
                homeDirectory: home.root,
                environment: environment
            )
            do {
                switch registration {
                case .source(_, let make): sources.append((descriptor.id, try make(context)))
                case .detector(_, let make): detectors.append((descriptor.id, try make(context)))
                case .conflictStrategy(_, let make): strategies[descriptor.id.name] = try make(context)
                case .deployer(_, let make): deployers[descriptor.id.name] = try make(context)
                }
            } catch let error as PluginError {
                throw .plugin(descriptor.id, error)
            } catch {
                throw .invalidConfiguration("\(descriptor.id) could not start: \(error)")
            }
        }
        self.entries = entries
        self.sourceProviders = sources
        self.detectors = detectors
        self.strategies = strategies
        self.deployers = deployers
        self.defaultProfiles = deploy.defaultProfiles
    }

    /// The enabled conflict strategy called `name` (`skip`, `overwrite`, `rename`).
    public func conflictStrategy(named name: String) throws(SkillMeatError) -> any ConflictStrategy {
        if let strategy = strategies[name] { return strategy }
        throw .invalidArgument(missMessage("conflict strategy", name, kind: .conflictStrategy, enabled: strategies.keys))
    }

    /// The enabled conflict strategy a request chose.
    public func conflictStrategy(_ choice: ConflictStrategyName) throws(SkillMeatError) -> any ConflictStrategy {
        try conflictStrategy(named: choice.rawValue)
    }

    /// The enabled deployer for profile `id` (`claude_code`, `codex`).
    public func deployer(profile id: String) throws(SkillMeatError) -> any PlatformDeployer {
        if let deployer = deployers[id] { return deployer }
        throw .invalidArgument(missMessage("deployment profile", id, kind: .deployer, enabled: deployers.keys))
    }

    /// The manifest entry of the deployer of profile `id` (its summary, whether it is on by default),
    /// whether or not it is enabled; nil for a profile no compiled-in deployer has.
    public func descriptor(ofProfile id: String) -> PluginDescriptor? {
        entries.first { $0.descriptor.id.kind == .deployer && $0.descriptor.id.name == id }?.descriptor
    }

    /// The profiles a deployment goes to: `requested`, or the configured defaults when it names
    /// none — each an enabled profile, else an error that names the enabled ones.
    public func deploymentProfiles(_ requested: [String]) throws(SkillMeatError) -> [String] {
        guard requested.isEmpty else { return requested }
        let enabled = deployerProfiles
        let list = enabled.isEmpty ? "none is enabled" : "enabled: " + enabled.joined(separator: ", ")
        guard !defaultProfiles.isEmpty else {
            throw .invalidConfiguration("No deployment profile was named and deploy.default_profiles is empty (\(list)); name a profile or set deploy.default_profiles in config.toml.")
        }
        for id in defaultProfiles where deployers[id] == nil {
            throw .invalidConfiguration(
                "deploy.default_profiles names '\(id)', which is not an enabled deployment profile (\(list)); change deploy.default_profiles in config.toml or name a profile."
            )
        }
        return defaultProfiles
    }

    /// The names of the enabled conflict strategies, sorted.
    public var conflictStrategyNames: [String] { strategies.keys.sorted() }
    /// The ids of the enabled deployment profiles, sorted.
    public var deployerProfiles: [String] { deployers.keys.sorted() }
    /// The enabled deployers, sorted by profile id.
    public var enabledDeployers: [any PlatformDeployer] { deployers.sorted { $0.key < $1.key }.map(\.value) }

    /// A scanner over the enabled detectors that also counts the folders every enabled deployer's
    /// profile declares (`.testagent/`, say) as a platform's, not some other tool's.
    public var scanner: ArtifactScanner {
        var folders: Set<String> = []
        for deployer in deployers.values {
            for scope in [DeploymentScope.project, .user] {
                for root in deployer.profile.roots(for: scope) {
                    if let first = root.components.first, first.hasPrefix(".") { folders.insert(first) }
                }
            }
        }
        return ArtifactScanner(detectors: detectors.map(\.detector), platformFolders: folders)
    }

    /// The enabled provider `id`, if it is one (the one that read a tree: `SourceTree.providerID`).
    public func sourceProvider(id: PluginID) -> (any SourceProvider)? {
        sourceProviders.first { $0.id == id }?.provider
    }

    /// The origin label the provider `id` declares; its plugin name when it is not enabled.
    public func originLabel(of id: PluginID) -> String {
        sourceProvider(id: id)?.originLabel ?? id.name
    }

    /// The first enabled provider that accepts `reference`.
    public func sourceProvider(for reference: SourceReference) throws(SkillMeatError) -> (id: PluginID, provider: any SourceProvider) {
        if let match = sourceProviders.first(where: { $0.provider.accepts(reference) }) { return match }
        // A location written as a path names a folder on this machine; say so when it is not there.
        let location = reference.location
        if location.hasPrefix("/") || location.hasPrefix("./") || location.hasPrefix("../") || location.hasPrefix("~") {
            let expanded = location.hasPrefix("~") ? FileManager.default.homeDirectoryForCurrentUser.path + location.dropFirst() : location
            if !FileManager.default.fileExists(atPath: expanded) {
                throw .notFound("'\(location)' does not exist; give a folder that does, a git URL or owner/repo.")
            }
        }
        let enabled = sourceProviders.map(\.id.description)
        throw .invalidArgument(
            "No enabled source provider accepts '\(reference.location)'"
                + (enabled.isEmpty ? "; no source provider is enabled." : " (enabled: \(enabled.joined(separator: ", "))).")
        )
    }

    private func missMessage(_ what: String, _ name: String, kind: PluginKind, enabled: Dictionary<String, some Any>.Keys) -> String {
        let disabled = entries.filter { $0.descriptor.id.kind == kind && $0.descriptor.id.name == name && !$0.status.enabled }
        if let entry = disabled.first {
            let hint = entry.status.enableHint ?? "enable \(entry.descriptor.id) in [plugins] of config.toml"
            return "The \(what) '\(name)' is disabled (\(entry.status.reason)); to use it, \(hint)."
        }
        let available = enabled.sorted()
        return "There is no \(what) '\(name)'; available: " + (available.isEmpty ? "none enabled" : available.joined(separator: ", ")) + "."
    }
}
