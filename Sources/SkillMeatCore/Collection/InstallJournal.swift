public import Foundation
import SkillMeatPluginAPI

/// What one `CollectionInstaller.installAll` is moving into a collection, written under the collection's
/// lock before each move (`.staging/install-<uuid>.jsonl`): the manifest and lock as they were, then one
/// line per placement (staged folder, destination, where an existing artifact is set aside). The
/// installer removes it, still under the lock, once the manifest is written or the moves are undone; one
/// found by the next holder of the lock was left by a killed process, and `recover` finishes it: the
/// moves are undone when the manifest is the one it started from (nothing was committed), else only the
/// set-aside copies are deleted. It never touches a path the journal does not name.
struct InstallJournal {
    /// The state the install started from: the manifest's content hash and the lock's text.
    struct Header: Codable {
        var manifest: String
        var lock: String?
    }

    struct Placement: Codable {
        var staged: String
        var destination: String
        var aside: String?
    }

    let url: URL
    private let handle: FileHandle

    static let prefix = "install-"

    /// Starts a journal for `store`, remembering its manifest and lock as they are on disk now.
    init(store: CollectionStore) throws(SkillMeatError) {
        url = store.stagingDirectory.appending(path: "\(Self.prefix)\(UUID().uuidString).jsonl", directoryHint: .notDirectory)
        do {
            try FileManager.default.createDirectory(at: store.stagingDirectory, withIntermediateDirectories: true)
            let manifest = try Data(contentsOf: store.manifestURL)
            let lock = try? String(contentsOf: store.lockURL, encoding: .utf8)
            // Written whole before any move: a reader sees the header or no journal.
            try AtomicFile.write(try Self.line(Header(manifest: ContentHash.of(manifest), lock: lock)), to: url)
            handle = try FileHandle(forWritingTo: url)
            try handle.seekToEnd()
        } catch {
            throw (error as? SkillMeatError) ?? .io(url, error)
        }
    }

    /// Records a move before it happens. A process killed after `write` still leaves the line (the
    /// kernel has it), which is all a killed process must leave.
    func record(_ placement: Placement) throws(SkillMeatError) {
        do {
            try handle.write(contentsOf: try Self.line(placement))
        } catch {
            throw .io(url, error)
        }
    }

    /// Closes and deletes the journal: the install committed or was undone.
    func finish() {
        try? handle.close()
        try? FileManager.default.removeItem(at: url)
    }

    static func line(_ value: some Encodable) throws -> Data {
        var data = try JSONEncoder().encode(value)
        data.append(0x0A)
        return data
    }

    /// Finishes every journal a killed install left in `store`; call with the collection's lock held.
    static func recover(in store: CollectionStore) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: store.stagingDirectory.path)) ?? []
        for name in names.sorted() where name.hasPrefix(prefix) && name.hasSuffix(".jsonl") {
            let url = store.stagingDirectory.appending(path: name, directoryHint: .notDirectory)
            recover(url, in: store)
            try? FileManager.default.removeItem(at: url)
        }
    }

    private static func recover(_ url: URL, in store: CollectionStore) {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return }
        let lines = text.split(separator: "\n")
        guard let first = lines.first, let header = try? JSONDecoder().decode(Header.self, from: Data(first.utf8)) else { return }
        // A torn last line was never followed by its move.
        let placements = lines.dropFirst().compactMap { try? JSONDecoder().decode(Placement.self, from: Data($0.utf8)) }
        let manager = FileManager.default
        let manifest = (try? Data(contentsOf: store.manifestURL)).map(ContentHash.of)
        let committed = manifest != header.manifest
        for placement in placements.reversed() {
            let destination = URL(fileURLWithPath: placement.destination)
            let aside = placement.aside.map { URL(fileURLWithPath: $0) }
            // Only paths inside the collection are ever touched.
            guard store.owns(destination), aside.map(store.owns) ?? true else { continue }
            if committed {
                if let aside, manager.fileExists(atPath: aside.path) { try? manager.removeItem(at: aside.deletingLastPathComponent()) }
                continue
            }
            // The staged folder is gone exactly when the rename into the collection happened.
            let moved = !manager.fileExists(atPath: placement.staged)
            if let aside, manager.fileExists(atPath: aside.path) {
                if moved { try? manager.removeItem(at: destination) }
                try? manager.moveItem(at: aside, to: destination)
                try? manager.removeItem(at: aside.deletingLastPathComponent())
            } else if moved {
                try? manager.removeItem(at: destination)
            }
        }
        // The lock is written before the manifest: put back entries written for an install that did not commit.
        if !committed, let lock = header.lock, (try? String(contentsOf: store.lockURL, encoding: .utf8)) != lock {
            try? AtomicFile.write(lock, to: store.lockURL)
        }
    }
}
