import Foundation

/// What a setup step (`init`, `collection create`) creates where nothing is, existing folders and
/// files kept as they are; `paths` lists what it created, in order, for its report.
struct CreatedPaths {
    var paths: [String] = []

    /// Creates the folder `url`, and its parents, unless it exists.
    mutating func folder(_ url: URL) throws(SkillMeatError) {
        guard !FileManager.default.fileExists(atPath: url.path) else { return }
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw SkillMeatError.io(url, error)
        }
        paths.append(url.path)
    }

    /// Writes `text` to `url` (atomically) unless something is there.
    mutating func file(_ url: URL, _ text: @autoclosure () -> String) throws(SkillMeatError) {
        guard !FileManager.default.fileExists(atPath: url.path) else { return }
        try AtomicFile.write(text(), to: url)
        paths.append(url.path)
    }
}
