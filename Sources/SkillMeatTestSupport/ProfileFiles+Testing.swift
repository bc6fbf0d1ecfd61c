public import Foundation
public import SkillMeatCore
public import SkillMeatPluginAPI

extension ProfileFiles {
    /// Files as the host hands them to `PlatformDeployer.readBack`, TOML read by the host's reader,
    /// for deployer tests that cannot import the core.
    public static func hosted(_ files: [String: String], scope: DeploymentScope = .project) throws -> ProfileFiles {
        var data: [RelativePath: Data] = [:]
        for (path, text) in files { data[try RelativePath(validating: path)] = Data(text.utf8) }
        return ProfileFiles(scope: scope, files: data)
    }
}
