public import Foundation

/// The package's built executables and build folder, found beside the running test bundle (both
/// live in `.build/<configuration>/`), so tests run the real binary.
public enum BuiltProduct {
    /// A product that is not built.
    public struct Missing: Error, CustomStringConvertible {
        public var path: String
        public var description: String { "build the products first (swift build --build-tests): \(path) is missing" }
    }

    /// The folder of the running test bundle, `.build/<configuration>`.
    public static var directory: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    }

    /// The executable `name` of this build.
    public static func executable(_ name: String) throws -> URL {
        let candidate = directory.appending(path: name)
        guard FileManager.default.isExecutableFile(atPath: candidate.path) else { throw Missing(path: candidate.path) }
        return candidate
    }
}
