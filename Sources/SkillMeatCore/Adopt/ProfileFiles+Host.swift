public import Foundation
public import SkillMeatPluginAPI

extension ProfileFiles {
    /// Files read back with the host's TOML reader (`TOMLCodec`), whose errors name file and line.
    public init(scope: DeploymentScope, files: [RelativePath: Data]) {
        self.init(scope: scope, files: files) { text, path throws(PluginError) in
            do throws(SkillMeatError) {
                return try TOMLCodec.parse(text, path: path)
            } catch {
                if case .malformedFile(let file, let line, let reason) = error {
                    throw .malformed(path: file + (line.map { ", line \($0)" } ?? ""), reason: reason)
                }
                throw .malformed(path: path, reason: error.description)
            }
        }
    }
}
