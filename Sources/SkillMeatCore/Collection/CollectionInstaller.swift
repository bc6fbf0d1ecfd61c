public import Foundation
public import SkillMeatPluginAPI
import SkillMeatStore

/// Moves a staged artifact into a collection: the one path `add`, marketplace import and adopt all
/// take. A name conflict is decided by the chosen strategy; the files, manifest entry, lock entry and
/// cache row change together, and a failure leaves the collection as it was.
public struct CollectionInstaller: Sendable {
    public let service: CollectionService


    /// What happened to one artifact.
    public struct Result: Sendable, Hashable, Codable {
        /// `added`, `overwritten`, `renamed` or `skipped`.
        public var status: String
        public var id: String
        public var name: String
        public var type: String
        public var path: String?
        public var contentHash: String?
        public var message: String
        public var warnings: [String]

        enum CodingKeys: String, CodingKey {
            case status, id, name, type, path, message, warnings
            case contentHash = "content_hash"
        }
    }

    /// One artifact to install: what was staged, the manifest entry to write for it (origin, upstream,
    /// tags and so on; name and path are set here) and its lock entry.
    public struct Item: Sendable {
        public var staged: StagedArtifact
        public var entry: CollectionArtifact
        public var lock: LockEntry
        /// Restoring what the manifest and lock already describe (`install`): the entry's dates, tags
        /// and the lock's `fetched` are kept as given, so only the files change.
        public var restoring: Bool

        public init(staged: StagedArtifact, entry: CollectionArtifact, lock: LockEntry, restoring: Bool = false) {
            self.staged = staged
            self.entry = entry
            self.lock = lock
            self.restoring = restoring
        }
    }

    /// Installs one staged artifact; `strategy` decides a taken name.
    public func install(
        _ staged: StagedArtifact,
        entry template: CollectionArtifact,
        lock lockTemplate: LockEntry,
        strategy: any ConflictStrategy,
        now: Date = Date()
    ) async throws(SkillMeatError) -> Result {
        let results = try await installAll([Item(staged: staged, entry: template, lock: lockTemplate)], strategy: strategy, now: now)
        if let failure = results.first(where: { $0.status == "failed" }) { throw .invalidArgument(failure.message) }
        return results[0]
    }

    /// Installs many staged artifacts in one update of the manifest and lock and one cache
    /// transaction: a batch of hundreds costs two file writes, not two per artifact. An item that
    /// cannot be placed fails alone; if the manifest cannot be written, every file is put back.
    ///
    /// `beforeCommit` sees the outcomes (one per item, in order) under the collection's lock just before
    /// the manifest is written, for a caller that must record its intent first; if it throws, nothing is
    /// committed. A cache write that fails after the commit is a warning: the files, manifest and lock are
    /// written, and the cache rows are rebuilt from them on the next read (the manifest's stamp moved on).
    public func installAll(
        _ items: [Item], strategy: any ConflictStrategy, now: Date = Date(),
        beforeCommit: (([Result]) throws -> Void)? = nil
    ) async throws(SkillMeatError) -> [Result] {
        let store = service.store
        let stamp = Timestamp.string(now)
        var results: [Result] = []
        var installed: [CollectionArtifact] = []
        var lockAfter = CollectionLock()
        var placed: [(destination: URL, aside: URL?)] = []
        var journal: InstallJournal?
        var write: ManifestWrite?
        // The write-through keeps the cache fresh only over rows that were fresh just before this write
        // (`CollectionCacheStore.upsert`): bring them up to date first, as the next read would anyway.
        _ = try? await service.cache.ensureFresh()
        do {
            write = try store.updateRecording({ manifest, lock in
                var index = Dictionary(manifest.artifacts.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
                var taken: [ArtifactType: Set<String>] = [:]
                for artifact in manifest.artifacts { taken[artifact.type, default: []].insert(artifact.name) }
                for item in items {
                    let staged = item.staged
                    let decision = strategy.decide(NameConflict(
                        type: staged.type,
                        requestedName: staged.name,
                        takenNames: taken[staged.type] ?? [],
                        maxNameLength: staged.type == .skill ? ArtifactNaming.maxSkillNameLength : ArtifactNaming.maxNameLength
                    ))
                    guard let finalName = decision.resultingName else {
                        let reason: String
                        if case .unresolved(let why) = decision { reason = why } else { reason = "'\(staged.name)' already exists and the strategy is to skip" }
                        results.append(Result(
                            status: "skipped", id: "\(staged.type.rawValue):\(staged.name)", name: staged.name, type: staged.type.rawValue,
                            path: nil, contentHash: nil, message: reason, warnings: staged.warnings
                        ))
                        continue
                    }
                    var entry = item.entry
                    entry.name = finalName
                    entry.type = staged.type
                    // A restore puts the files back where the manifest says they are (inside the collection).
                    if !item.restoring || entry.path.isEmpty || entry.path.hasPrefix("/") || item.entry.name != finalName {
                        entry.path = CollectionArtifact.defaultPath(type: staged.type, name: finalName)
                    }
                    entry.added = entry.added ?? stamp
                    if !item.restoring || entry.lastUpdated == nil { entry.lastUpdated = stamp }
                    do {
                        let destination = try PathSafety.resolveContained(try RelativePath(validating: entry.path), in: store.directory)
                        if let existing = index[entry.id], !item.restoring {
                            // Overwrite keeps what the user added by hand (tags, the date it first came in).
                            let previous = manifest.artifacts[existing]
                            entry.added = previous.added ?? entry.added
                            entry.tags = Array(Set(previous.tags + entry.tags)).sorted()
                        }
                        // Each move is journaled first, so a process killed among them leaves nothing the next lock holder cannot undo.
                        if journal == nil { journal = try InstallJournal(store: store) }
                        placed.append((destination, try Self.replace(destination, with: staged.location, inside: store, journal: journal)))
                        Interruption.reach("install.placed")
                    } catch {
                        results.append(Result(
                            status: "failed", id: "\(staged.type.rawValue):\(finalName)", name: finalName, type: staged.type.rawValue,
                            path: nil, contentHash: nil, message: Self.describe(error, store: store, name: finalName).description, warnings: staged.warnings
                        ))
                        continue
                    }
                    if let existing = index[entry.id] {
                        manifest.artifacts[existing] = entry
                    } else {
                        index[entry.id] = manifest.artifacts.endIndex
                        manifest.artifacts.append(entry)
                    }
                    taken[staged.type, default: []].insert(finalName)
                    var lockEntry = item.lock
                    lockEntry.contentHash = staged.contentHash
                    if !item.restoring || lockEntry.fetched == nil { lockEntry.fetched = stamp }
                    lock.entries[entry.lockKey] = lockEntry
                    installed.append(entry)
                    let status: String
                    switch decision {
                    case .overwrite: status = "overwritten"
                    case .rename: status = "renamed"
                    default: status = "added"
                    }
                    results.append(Result(
                        status: status, id: entry.id.description, name: entry.name, type: entry.type.rawValue,
                        path: entry.path, contentHash: staged.contentHash,
                        message: status == "renamed" ? "'\(staged.name)' was taken; added as '\(entry.name)'" : "\(status) \(entry.id)",
                        warnings: staged.warnings
                    ))
                }
                lockAfter = lock
                try beforeCommit?(results)
            }, settle: { committed in
                // Still under the lock: no other process sees the moves half done.
                for move in committed ? placed : placed.reversed() {
                    if committed {
                        if let aside = move.aside { try? FileManager.default.removeItem(at: aside.deletingLastPathComponent()) }
                    } else {
                        // The manifest or lock could not be written: put back what was there, newest first.
                        try? FileManager.default.removeItem(at: move.destination)
                        if let aside = move.aside { try? FileManager.default.moveItem(at: aside, to: move.destination) }
                    }
                }
                journal?.finish()
            }).write
        } catch {
            throw Self.describe(error, store: store, name: items.first?.staged.name ?? "")
        }
        if !installed.isEmpty {
            do {
                try await service.cache.upsert(installed, lock: lockAfter, write: write)
            } catch {
                for index in results.indices where results[index].status != "skipped" && results[index].status != "failed" {
                    results[index].warnings.append("the cache could not be updated (\(error.description)); it is rebuilt from the files on the next read")
                }
            }
        }
        return results
    }

    static func describe(_ error: any Error, store: CollectionStore, name: String) -> SkillMeatError {
        switch error {
        case let error as SkillMeatError: error
        case let error as PathSafetyError: .invalidArgument("The name '\(name)' would be stored outside the collection: \(error.description)")
        default: SkillMeatError.io(store.directory, error)
        }
    }

    /// Puts `source` at `destination`, moving anything already there aside first (and back if the
    /// move fails); returns where the old content was parked, for the caller to delete once the
    /// manifest is written or to restore if it is not.
    static func replace(_ destination: URL, with source: URL, inside store: CollectionStore, journal: InstallJournal? = nil) throws -> URL? {
        let manager = FileManager.default
        try manager.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        var aside: URL?
        if manager.fileExists(atPath: destination.path) {
            let parking = store.stagingDirectory.appending(path: "replaced-\(UUID().uuidString)", directoryHint: .isDirectory)
            aside = parking.appending(path: destination.lastPathComponent)
        }
        try journal?.record(.init(staged: source.path, destination: destination.path, aside: aside?.path))
        if let aside {
            try manager.createDirectory(at: aside.deletingLastPathComponent(), withIntermediateDirectories: true)
            try manager.moveItem(at: destination, to: aside)
        }
        do {
            try manager.moveItem(at: source, to: destination)
        } catch {
            if let aside { try? manager.moveItem(at: aside, to: destination) }
            throw error
        }
        return aside
    }
}

/// The naming rules of the collection.
public enum ArtifactNaming {
    /// Agent Skills: lowercase letters, digits and single hyphens, at most 64 characters.
    public static let maxSkillNameLength = 64
    public static let maxNameLength = 128
    public static let maxDescriptionLength = 1024

    /// Throws with the reason and a suggestion when `name` breaks the rules for `type`.
    public static func validate(_ name: String, type: ArtifactType) throws(SkillMeatError) {
        if type == .skill {
            let scalars = Array(name.unicodeScalars)
            let allowed = scalars.allSatisfy { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "-" }
            guard !name.isEmpty, name.count <= maxSkillNameLength, allowed, !name.hasPrefix("-"), !name.hasSuffix("-"), !name.contains("--") else {
                throw .invalidArgument(
                    "'\(name)' is not a valid skill name: use lowercase letters, digits and single hyphens, at most 64 characters, "
                        + "not starting or ending with a hyphen" + (suggestion(name).map { "; '\($0)' would be valid" } ?? "") + ".",
                    hint: .chooseName(suggestion: suggestion(name))
                )
            }
            return
        }
        let allowed = name.unicodeScalars.allSatisfy {
            ($0 >= "a" && $0 <= "z") || ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9") || "-_.:".unicodeScalars.contains($0)
        }
        guard !name.isEmpty, name.count <= maxNameLength, allowed, !name.hasPrefix(".") else {
            throw .invalidArgument(
                "'\(name)' is not a valid \(type.rawValue) name: use letters, digits, '-', '_', '.' or ':', at most \(maxNameLength) characters"
                    + (suggestion(name).map { "; '\($0)' would be valid" } ?? "") + ".",
                hint: .chooseName(suggestion: suggestion(name))
            )
        }
    }

    /// A valid spelling of `name`, if one can be made.
    public static func suggestion(_ name: String) -> String? {
        var result = String(slug(name).prefix(maxSkillNameLength))
        while result.hasSuffix("-") { result.removeLast() }
        return result.isEmpty || result == name ? nil : result
    }

    /// `text` in lowercase letters, digits and single hyphens (every other run of characters becomes
    /// one hyphen, none first or last); empty when nothing is left.
    public static func slug(_ text: String) -> String {
        var result = ""
        for scalar in text.lowercased().unicodeScalars {
            if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") {
                result.unicodeScalars.append(scalar)
            } else if !result.hasSuffix("-"), !result.isEmpty {
                result += "-"
            }
        }
        while result.hasSuffix("-") { result.removeLast() }
        return result
    }
}
