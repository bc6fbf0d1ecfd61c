public import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive advisory lock (`flock`) on a file, held for the duration of a closure, so that two
/// `skillmeat` processes changing the same manifest run one after the other instead of losing writes.
public struct FileLock: Sendable {
    public let url: URL

    public init(url: URL) {
        self.url = url
    }

    /// A lock for one named resource under the home's lock folder.
    public init(home: SkillMeatHome, name: String) {
        self.init(url: home.locksDirectory.appending(path: "\(name).lock", directoryHint: .notDirectory))
    }

    /// Runs `body` while holding the lock, waiting for another process to release it first.
    public func withLock<T>(_ body: () throws -> T) throws -> T {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw SkillMeatError.io(url.deletingLastPathComponent(), error)
        }
        let descriptor = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw AtomicFile.posixError(url) }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else { throw AtomicFile.posixError(url) }
        }
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }
}
