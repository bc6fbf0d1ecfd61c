public import Foundation
public import SkillMeatPluginAPI

/// The `source/gitlab` plugin: reads projects on gitlab.com or a self-managed GitLab through the
/// REST API v4. A scan costs two requests (the ref resolved to a commit, the commit's archive, from
/// which the tree and every file are read); a rescan of an unchanged ref one revalidation.
public struct GitLabSourceProvider: HostedArchiveProvider {
    public let id: PluginID
    public let configuration: GitLabConfiguration
    public let source: HostedArchiveSource

    public init(context: PluginContext, clock: HostClock, retryPolicy: HostRetryPolicy = HostRetryPolicy()) throws {
        let configuration = try GitLabConfiguration.resolve(settings: context.settings, environment: context.environment)
        self.id = context.id
        self.configuration = configuration
        self.source = try HostedArchiveSource(
            context: context,
            api: configuration.api,
            tokens: HostTokenResolver(configured: configuration.token, environment: context.environment, program: configuration.tokenProgram),
            clock: clock,
            retry: retryPolicy
        )
    }

    public var originLabel: String { "gitlab" }

    /// Upstream addresses are `https://HOST/group/project/-/tree/<commit>/<path>`.
    public var commitPage: String { "/-/tree/" }

    public func locate(_ reference: SourceReference) throws -> HostedLocation? {
        if case .notGitLab = GitLabReference.parse(reference.location, webRoot: configuration.webRoot, explicitRef: reference.ref) { return nil }
        let project = try GitLabReference.resolve(reference, webRoot: configuration.webRoot)
        return HostedLocation(repository: repository(project), webAddress: configuration.webAddress(project.projectPath))
    }

    /// The project as the shared reading steps address it: `/projects/<group%2Fproject>`, whose
    /// `repository/commits/<ref>` answers `{"id": …}` and `repository/archive.tar.gz?sha=` the archive.
    func repository(_ project: GitLabReference) -> HostedArchiveSource.Repository {
        let base = "/projects/" + HostAPIClient.encodeComponent(project.projectPath)
        return HostedArchiveSource.Repository(
            name: project.projectPath,
            ref: project.ref,
            root: project.subpath,
            apiPath: base,
            commitRequest: { ref in (base + "/repository/commits/" + HostAPIClient.encodeComponent(ref), []) },
            commitField: "id",
            archiveRequest: { commit in (base + "/repository/archive.tar.gz", [URLQueryItem(name: "sha", value: commit)]) },
            cacheFolders: [project.projectPath.replacingOccurrences(of: "/", with: "~")]
        )
    }
}
