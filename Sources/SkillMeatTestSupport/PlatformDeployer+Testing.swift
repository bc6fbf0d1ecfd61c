public import Foundation
public import SkillMeatPluginAPI

extension PlatformDeployer {
    /// The plan item of one artifact built from `files` (path → text), planned into `root` in `scope`:
    /// the unit under test of a deployer's own tests.
    public func planItem(
        _ type: ArtifactType, _ name: String, _ files: [String: String], scope: DeploymentScope = .project, root: String = "/p"
    ) throws -> DeploymentPlan.Item {
        var contents: [RelativePath: Data] = [:]
        for (path, text) in files { contents[try RelativePath(validating: path)] = Data(text.utf8) }
        let artifact = DeployableArtifact(id: ArtifactID(type: type, name: name), metadata: ArtifactMetadata(), contentHash: "x", files: contents)
        let plan = try plan([artifact], into: DeploymentTarget(scope: scope, root: URL(fileURLWithPath: root)))
        guard let item = plan.items.first else { throw PluginError.notFound("a plan item for \(artifact.id)") }
        return item
    }
}

extension PlannedFileWrite {
    /// The contents as UTF-8 text.
    public var text: String { String(decoding: contents, as: UTF8.self) }
}
