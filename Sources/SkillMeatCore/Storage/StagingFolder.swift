public import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A scratch folder under a collection's `.staging` that one process owns while it works: its owner
/// file (`<folder>.owner`) is locked (`flock`) from before the folder exists until it is removed, so a
/// process killed half way leaves a folder whose lock nobody holds, and `sweep` removes exactly those.
/// A live process's folder, in this process or another, is never touched.
public final class StagingFolder: Sendable {
    public let url: URL
    /// The locked owner file, until `release`.
    private let descriptor: Mutex<Int32?>

    /// Claims a new folder `<prefix>-<uuid>` under `staging` (created, with its owner file locked).
    public init(in staging: URL, prefix: String) throws(SkillMeatError) {
        let url = staging.appending(path: "\(prefix)-\(UUID().uuidString)", directoryHint: .isDirectory)
        let owner = Self.ownerFile(of: url)
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw SkillMeatError.io(staging, error)
        }
        let descriptor = open(owner.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw AtomicFile.posixError(owner) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw AtomicFile.posixError(owner)
        }
        self.url = url
        self.descriptor = Mutex(descriptor)
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            release()
            throw SkillMeatError.io(url, error)
        }
    }

    /// Removes the folder and gives up ownership.
    public func release() {
        guard let descriptor = descriptor.withLock({ held in defer { held = nil }; return held }) else { return }
        try? FileManager.default.removeItem(at: url)
        unlink(Self.ownerFile(of: url).path)
        close(descriptor)
    }

    deinit {
        // A folder whose owner forgot it goes with the owner.
        release()
    }

    static func ownerFile(of folder: URL) -> URL {
        folder.deletingLastPathComponent().appending(path: folder.lastPathComponent + ".owner", directoryHint: .notDirectory)
    }

    /// The prefixes of scratch folders SkillMeat's commands create; a folder with one of them and no
    /// owner file was left by an older version that did not record owners.
    static let prefixes = ["import-", "add-", "adopt-"]

    /// Removes every scratch folder under `staging` whose owner is gone (its owner file is not locked,
    /// or it has none); returns what it removed. Other files (journals, folders set aside by an
    /// install) are not its business.
    @discardableResult
    public static func sweep(_ staging: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: staging.path)) ?? []
        var removed: [URL] = []
        for name in names where prefixes.contains(where: name.hasPrefix) && !name.hasSuffix(".owner") {
            let folder = staging.appending(path: name, directoryHint: .isDirectory)
            let owner = ownerFile(of: folder)
            if names.contains(owner.lastPathComponent) {
                let descriptor = open(owner.path, O_RDWR | O_CLOEXEC)
                guard descriptor >= 0 else { continue }
                defer { close(descriptor) }
                // Held: its process is alive and still working in it.
                guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else { continue }
                try? FileManager.default.removeItem(at: folder)
                unlink(owner.path)
            } else {
                try? FileManager.default.removeItem(at: folder)
            }
            removed.append(folder)
        }
        // Owner files whose folder is already gone (killed between the two removals).
        for name in names where name.hasSuffix(".owner") && !names.contains(String(name.dropLast(".owner".count))) {
            let owner = staging.appending(path: name, directoryHint: .notDirectory)
            let descriptor = open(owner.path, O_RDWR | O_CLOEXEC)
            guard descriptor >= 0 else { continue }
            if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { unlink(owner.path) }
            close(descriptor)
        }
        return removed
    }
}
