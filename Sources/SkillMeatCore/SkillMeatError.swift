public import Foundation
public import SkillMeatPluginAPI

/// Every failure the core reports: the case says what kind of failure, `description` is one sentence
/// saying what happened (naming its subject: the path, id or name), and `hint` says what to do as data.
/// The CLI maps cases to exit codes and words hints as commands; HTTP maps cases to statuses and hints
/// to fields. No message here names a CLI command or flag (`CoreWordingTests` checks).
public enum SkillMeatError: Error, Sendable, CustomStringConvertible {
    /// A configuration or manifest file could not be parsed.
    case malformedFile(path: String, line: Int?, reason: String)
    /// A configuration value is wrong (unknown plugin id, contradictory lists, a bad type).
    case invalidConfiguration(String, hint: Hint? = nil)
    /// The user asked for something that does not make sense (bad name, bad key).
    case invalidArgument(String, hint: Hint? = nil)
    /// Something named does not exist.
    case notFound(String, hint: Hint? = nil)
    /// A name or path is already taken and the chosen strategy left it unresolved.
    case conflict(String, hint: Hint? = nil)
    /// `$SKILLMEAT_HOME` has not been set up.
    case notInitialized(home: String)
    /// A file-system operation failed.
    case io(path: String, reason: String)
    /// The cache database failed.
    case database(String)
    /// A plugin failed.
    case plugin(PluginID?, PluginError)

    public var description: String {
        switch self {
        // No claim that nothing changed: the same error is reported after writes too (a cache update
        // that could not read the manifest once the deployed files were written).
        case .malformedFile(let path, let line, let reason):
            "\(path)\(line.map { ", line \($0)" } ?? "") could not be read: \(reason). Fix the file."
        case .invalidConfiguration(let message, _), .invalidArgument(let message, _), .notFound(let message, _), .conflict(let message, _): message
        case .notInitialized(let home): "SkillMeat is not set up in \(home)."
        case .io(let path, let reason): "Could not write or read \(path): \(reason)."
        case .database(let message): "The cache database failed: \(message)."
        case .plugin(let id, let error): id.map { "\($0): " } .map { $0 + error.description } ?? error.description
        }
    }

    /// What the person can do about it, when there is something to do.
    public var hint: Hint? {
        switch self {
        case .invalidConfiguration(_, let hint), .invalidArgument(_, let hint), .notFound(_, let hint), .conflict(_, let hint): hint
        case .notInitialized: .setUpHome
        // A database that failed once may hold half-written rows; the files are the truth.
        case .database: .rebuildCache
        case .malformedFile, .io, .plugin: nil
        }
    }

    /// Wraps a Foundation or POSIX error from touching `url` as one readable sentence.
    public static func io(_ url: URL, _ error: any Error) -> SkillMeatError {
        if let error = error as? SkillMeatError { return error }
        let nsError = error as NSError
        let reason: String
        if let posix = (nsError.userInfo[NSUnderlyingErrorKey] as? NSError).flatMap({ $0.domain == NSPOSIXErrorDomain ? $0.code : nil }) ?? (nsError.domain == NSPOSIXErrorDomain ? nsError.code : nil) {
            reason = String(cString: strerror(Int32(posix))).lowercased()
        } else {
            switch CocoaError.Code(rawValue: nsError.code) {
            case .fileWriteOutOfSpace: reason = "the disk is full"
            case .fileWriteNoPermission, .fileReadNoPermission: reason = "permission denied"
            case .fileNoSuchFile, .fileReadNoSuchFile: reason = "no such file or folder"
            case .fileWriteVolumeReadOnly: reason = "the volume is read-only"
            default: reason = nsError.localizedDescription
            }
        }
        return .io(path: url.path, reason: reason)
    }
}
