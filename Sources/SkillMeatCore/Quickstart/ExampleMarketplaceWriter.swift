public import Foundation
import SkillMeatPluginAPI

/// Writes the example marketplace (compiled in from `examples/marketplace`) to a folder, for the
/// quick start and for tests that want a small source of every kind.
public enum ExampleMarketplaceWriter {
    /// Writes every example file below `folder`; returns how many.
    @discardableResult
    public static func write(to folder: URL) throws(SkillMeatError) -> Int {
        for file in ExampleMarketplace.files {
            do {
                let destination = try PathSafety.resolveContained(try RelativePath(validating: file.path), in: folder)
                try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.text.utf8).write(to: destination)
                if file.executable {
                    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: destination.path)
                }
            } catch let error as SkillMeatError {
                throw error
            } catch {
                throw SkillMeatError.io(folder.appending(path: file.path), error)
            }
        }
        return ExampleMarketplace.files.count
    }
}
