public import Foundation

/// Every file, folder and symbolic link under a folder, for byte-for-byte before/after comparisons:
/// files with their bytes, folders as nil (so an emptied folder left behind counts), links as their
/// destination.
public enum FolderTree {
    /// The tree under `root` keyed by relative path; empty when `root` does not exist.
    public static func snapshot(_ root: URL) throws -> [String: Data?] {
        var result: [String: Data?] = [:]
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isDirectoryKey, .isSymbolicLinkKey]) else { return [:] }
        for case let url as URL in enumerator {
            let relative = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
            let values = try url.resourceValues(forKeys: [.isDirectoryKey, .isSymbolicLinkKey])
            if values.isSymbolicLink == true {
                result[relative] = Data(try FileManager.default.destinationOfSymbolicLink(atPath: url.path).utf8)
            } else {
                result[relative] = values.isDirectory == true ? nil : try Data(contentsOf: url)
            }
        }
        return result
    }

    /// The paths whose presence or bytes differ between two snapshots, sorted.
    public static func differences(_ before: [String: Data?], _ after: [String: Data?]) -> [String] {
        Set(before.keys).union(after.keys).filter { path in
            guard let old = before[path], let new = after[path] else { return true }
            return old != new
        }.sorted()
    }
}
