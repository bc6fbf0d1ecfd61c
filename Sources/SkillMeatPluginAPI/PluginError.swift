public import Foundation

/// Failures a plugin reports to the host; each reads as one sentence a user can act on.
public enum PluginError: Error, Sendable, CustomStringConvertible {
    /// The reference or input could not be understood.
    case invalidReference(String, reason: String)
    /// Something named does not exist (a ref, a path, a repository).
    case notFound(String)
    /// The plugin does not do this (a profile without hooks, a reference it does not take).
    case unsupported(String)
    /// A file could not be parsed.
    case malformed(path: String, reason: String)
    /// A path from untrusted input was refused.
    case unsafePath(PathSafetyError)
    /// A local file operation failed.
    case io(path: String, reason: String)
    /// A remote service failed or could not be reached.
    case network(String)
    /// A rate limit was hit; `resetsAt` says when it lifts.
    case rateLimited(resetsAt: Date?, message: String)
    /// Credentials are missing or were refused.
    case authenticationRequired(String)
    /// An external command (`git`) failed.
    case commandFailed(command: String, status: Int32, output: String)

    public var description: String {
        switch self {
        case .invalidReference(let reference, let reason): "'\(reference)' is not a usable source: \(reason)."
        case .notFound(let what): "Not found: \(what)."
        case .unsupported(let what): what
        case .malformed(let path, let reason): "\(path) could not be read: \(reason)."
        case .unsafePath(let error): error.description
        case .io(let path, let reason): "Could not access \(path): \(reason)."
        case .network(let message): message
        case .rateLimited(_, let message): message
        case .authenticationRequired(let message): message
        case .commandFailed(let command, let status, let output):
            "'\(command)' failed with status \(status)" + (output.isEmpty ? "." : ": \(output)")
        }
    }
}
