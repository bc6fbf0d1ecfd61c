public import Foundation
public import SkillMeatPluginAPI

/// Moves a staged artifact into a collection: the one path `add`, marketplace import and adopt all
/// take. A name conflict is decided by the chosen strategy; the files, manifest entry, lock entry and
/// cache row change together, and a failure leaves the collection as it was.
public struct CollectionInstaller: Sendable {
    public let service: CollectionService

    public init(service: CollectionService) {
        self.service = service
    }

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

    /// Installs `staged` as described by `entry` (origin, upstream, tags and so on; name and path are
    /// set here). `strategy` decides a taken name.
    public func install(
        _ staged: StagedArtifact,
        entry template: CollectionArtifact,
        lock lockTemplate: LockEntry,
        strategy: any ConflictStrategy,
        now: Date = Date()
    ) throws(SkillMeatError) -> Result {
        let store = service.store
        var decision: ConflictDecision = .proceed(name: staged.name)
        var installed: CollectionArtifact?
        var lockAfter = CollectionLock()
        var placed: (destination: URL, aside: URL?)?
        do {
            try store.update { manifest, lock in
                let taken = Set(manifest.artifacts.filter { $0.type == staged.type }.map(\.name))
                decision = strategy.decide(NameConflict(
                    type: staged.type,
                    requestedName: staged.name,
                    takenNames: taken,
                    maxNameLength: staged.type == .skill ? ArtifactNaming.maxSkillNameLength : ArtifactNaming.maxNameLength
                ))
                guard let finalName = decision.resultingName else { return }
                let path = CollectionArtifact.defaultPath(type: staged.type, name: finalName)
                let destination = try PathSafety.resolveContained(try RelativePath(validating: path), in: store.directory)
                var entry = template
                entry.name = finalName
                entry.type = staged.type
                entry.path = path
                entry.added = entry.added ?? Timestamp.string(now)
                entry.lastUpdated = Timestamp.string(now)
                var existingIndex = manifest.artifacts.firstIndex { $0.id == entry.id }
                if let index = existingIndex {
                    // Overwrite keeps what the user added by hand (tags, the date it first came in).
                    let previous = manifest.artifacts[index]
                    entry.added = previous.added ?? entry.added
                    entry.tags = Array(Set(previous.tags + entry.tags)).sorted()
                }
                placed = (destination, try Self.replace(destination, with: staged.location, inside: store))
                if existingIndex == nil { existingIndex = manifest.artifacts.endIndex; manifest.artifacts.append(entry) }
                manifest.artifacts[existingIndex!] = entry
                var lockEntry = lockTemplate
                lockEntry.contentHash = staged.contentHash
                lockEntry.fetched = Timestamp.string(now)
                lock.entries[entry.lockKey] = lockEntry
                installed = entry
                lockAfter = lock
            }
        } catch {
            // The manifest or lock could not be written: put back what was there.
            if let placed {
                try? FileManager.default.removeItem(at: placed.destination)
                if let aside = placed.aside { try? FileManager.default.moveItem(at: aside, to: placed.destination) }
            }
            throw Self.describe(error, store: store, name: staged.name)
        }
        if let aside = placed?.aside { try? FileManager.default.removeItem(at: aside.deletingLastPathComponent()) }
        guard let installed else {
            let reason: String
            if case .unresolved(let why) = decision { reason = why } else { reason = "'\(staged.name)' already exists and the strategy is to skip" }
            return Result(
                status: "skipped", id: "\(staged.type.rawValue):\(staged.name)", name: staged.name, type: staged.type.rawValue,
                path: nil, contentHash: nil, message: reason, warnings: staged.warnings
            )
        }
        try service.cache.upsert([installed], lock: lockAfter)
        let status: String
        switch decision {
        case .overwrite: status = "overwritten"
        case .rename: status = "renamed"
        default: status = "added"
        }
        return Result(
            status: status, id: installed.id.description, name: installed.name, type: installed.type.rawValue,
            path: installed.path, contentHash: staged.contentHash,
            message: status == "renamed" ? "'\(staged.name)' was taken; added as '\(installed.name)'" : "\(status) \(installed.id)",
            warnings: staged.warnings
        )
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
    static func replace(_ destination: URL, with source: URL, inside store: CollectionStore) throws -> URL? {
        let manager = FileManager.default
        try manager.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        var aside: URL?
        if manager.fileExists(atPath: destination.path) {
            let parking = store.stagingDirectory.appending(path: "replaced-\(UUID().uuidString)", directoryHint: .isDirectory)
            try manager.createDirectory(at: parking, withIntermediateDirectories: true)
            aside = parking.appending(path: destination.lastPathComponent)
            try manager.moveItem(at: destination, to: aside!)
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
                        + "not starting or ending with a hyphen" + (suggestion(name).map { "; try --name \($0)" } ?? "") + "."
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
                    + (suggestion(name).map { "; try --name \($0)" } ?? "") + "."
            )
        }
    }

    /// A valid spelling of `name`, if one can be made.
    public static func suggestion(_ name: String) -> String? {
        var result = ""
        for scalar in name.lowercased().unicodeScalars {
            if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") {
                result.unicodeScalars.append(scalar)
            } else if !result.hasSuffix("-"), !result.isEmpty {
                result += "-"
            }
        }
        while result.hasSuffix("-") { result.removeLast() }
        result = String(result.prefix(maxSkillNameLength))
        while result.hasSuffix("-") { result.removeLast() }
        return result.isEmpty || result == name ? nil : result
    }
}
