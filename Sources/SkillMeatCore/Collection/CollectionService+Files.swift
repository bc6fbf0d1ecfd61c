public import Foundation
public import SkillMeatPluginAPI

extension CollectionService {
    /// One file of an artifact in the collection, as `ArtifactDetail.files` names it: text as UTF-8,
    /// other bytes as base64, cut at `maxBytes`. `entry_id` of the output is the artifact's id. Only
    /// files inside the artifact's own folder are read, whatever links it holds.
    public func file(_ path: String, of name: String, type: ArtifactType?, maxBytes: Int) async throws(SkillMeatError) -> EntryFileOutput {
        let artifact = try await find(name, type: type)
        let location = try store.location(of: artifact)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: location.path, isDirectory: &isDirectory) else {
            throw .notFound("The files of \(artifact.id) are missing from the collection.")
        }
        let url: URL
        if isDirectory.boolValue {
            let relative: RelativePath
            do {
                relative = try RelativePath(validating: path)
            } catch {
                throw .invalidArgument("The path '\(path)' is unsafe: \(error.description)")
            }
            do {
                url = try PathSafety.resolveContained(relative, in: location)
            } catch {
                throw .plugin(nil, .unsafePath(error))
            }
        } else {
            guard path == location.lastPathComponent else {
                throw .notFound("'\(path)' is not a file of \(artifact.id); it has one file, \(location.lastPathComponent).")
            }
            url = location
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .notFound("'\(path)' is not a file of \(artifact.id).")
        }
        return EntryFileOutput(entryID: artifact.id.description, path: path, data: data, maxBytes: maxBytes)
    }
}
