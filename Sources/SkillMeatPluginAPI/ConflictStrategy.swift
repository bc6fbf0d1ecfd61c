/// A name that is wanted for an artifact, and the names already taken where it is going.
public struct NameConflict: Sendable, Hashable {
    public var type: ArtifactType
    public var requestedName: String
    /// Names of the same type already present at the destination.
    public var takenNames: Set<String>
    /// The longest name the destination accepts (64 for skills under the Agent Skills rules).
    public var maxNameLength: Int?

    public init(type: ArtifactType, requestedName: String, takenNames: Set<String>, maxNameLength: Int? = nil) {
        self.type = type
        self.requestedName = requestedName
        self.takenNames = takenNames
        self.maxNameLength = maxNameLength
    }

    /// Whether the requested name is taken at all.
    public var isConflict: Bool { takenNames.contains(requestedName) }
}

/// What to do with a wanted name.
public enum ConflictDecision: Sendable, Hashable, CustomStringConvertible {
    /// The name is free: use it.
    case proceed(name: String)
    /// Leave the existing artifact untouched and do not write this one.
    case skip(existingName: String)
    /// Replace the existing artifact of that name.
    case overwrite(name: String)
    /// Write under a new, free name.
    case rename(to: String)
    /// No free name could be found within the limits.
    case unresolved(reason: String)

    /// The name the artifact ends up under, or nil when nothing is written.
    public var resultingName: String? {
        switch self {
        case .proceed(let name), .overwrite(let name), .rename(let name): name
        case .skip, .unresolved: nil
        }
    }

    public var description: String {
        switch self {
        case .proceed(let name): "use '\(name)'"
        case .skip(let name): "skip: '\(name)' already exists"
        case .overwrite(let name): "overwrite '\(name)'"
        case .rename(let name): "rename to '\(name)'"
        case .unresolved(let reason): "unresolved: \(reason)"
        }
    }
}

/// Decides what happens when a name or path is already taken. Decisions are pure functions of the
/// conflict, so they can be table-tested and shown in a dry run before anything is written.
public protocol ConflictStrategy: Sendable {
    /// Builds the strategy from its context.
    init(context: PluginContext) throws

    /// The decision for `conflict`; must return `.proceed` when the name is free.
    func decide(_ conflict: NameConflict) -> ConflictDecision
}
