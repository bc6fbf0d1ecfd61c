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
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw SkillMeatError.io(staging, error)
        }
        var claimed = try Self.claim(in: staging, prefix: prefix)
        // A sweep may take a claim in the instant before it is locked; then claim another.
        for _ in 0..<8 where claimed == nil { claimed = try Self.claim(in: staging, prefix: prefix) }
        guard let (url, descriptor) = claimed else {
            throw .io(path: staging.path, reason: "no scratch folder could be claimed")
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

    /// Locks an owner file for a new folder name; nil when a sweep removed the claim first. The owner
    /// file appears already locked (locked under a claim name, then renamed), so a sweep never sees it
    /// unlocked while its process lives; it exists before the folder and goes after it.
    private static func claim(in staging: URL, prefix: String) throws(SkillMeatError) -> (URL, Int32)? {
        let url = staging.appending(path: "\(prefix)-\(UUID().uuidString)", directoryHint: .isDirectory)
        let claim = staging.appending(path: url.lastPathComponent + ".claim", directoryHint: .notDirectory)
        let descriptor = open(claim.path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw AtomicFile.posixError(claim) }
        guard flock(descriptor, LOCK_EX) == 0, rename(claim.path, ownerFile(of: url).path) == 0 else {
            close(descriptor)
            return nil
        }
        return (url, descriptor)
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
        let scratch = names.filter { name in prefixes.contains(where: name.hasPrefix) && !name.hasSuffix(".owner") && !name.hasSuffix(".claim") }
        for name in scratch {
            let folder = staging.appending(path: name, directoryHint: .isDirectory)
            let owner = ownerFile(of: folder)
            if FileManager.default.fileExists(atPath: owner.path) {
                // Held: its process is alive and still working in it.
                guard unlinkIfUnlocked(owner, then: { try? FileManager.default.removeItem(at: folder) }) else { continue }
            } else {
                // The owner file comes before the folder and goes after it: none means a process of an
                // older version, which recorded no owner, left the folder.
                try? FileManager.default.removeItem(at: folder)
            }
            removed.append(folder)
        }
        // Owner files whose folder is already gone, and claims never renamed (killed in between).
        for name in names where name.hasSuffix(".claim") || (name.hasSuffix(".owner") && !scratch.contains(String(name.dropLast(".owner".count)))) {
            _ = unlinkIfUnlocked(staging.appending(path: name, directoryHint: .notDirectory), then: {})
        }
        return removed
    }

    /// If nobody holds `file`'s lock: runs `body` (while holding it) and deletes the file; returns whether it did.
    private static func unlinkIfUnlocked(_ file: URL, then body: () -> Void) -> Bool {
        let descriptor = open(file.path, O_RDWR | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else { return false }
        body()
        unlink(file.path)
        return true
    }
}
