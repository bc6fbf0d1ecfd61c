public import Foundation
public import SkillMeatPluginAPI

/// Every failure the core reports; each `description` is one sentence that says what happened and
/// what to do. The CLI maps cases to exit codes and the HTTP API to statuses; nothing here knows either.
public enum SkillMeatError: Error, Sendable, CustomStringConvertible {
    /// A configuration or manifest file could not be parsed.
    case malformedFile(path: String, line: Int?, reason: String)
    /// A configuration value is wrong (unknown plugin id, contradictory lists, a bad type).
    case invalidConfiguration(String)
    /// The user asked for something that does not make sense (bad name, bad key).
    case invalidArgument(String)
    /// Something named does not exist.
    case notFound(String)
    /// A name or path is already taken and the chosen strategy left it unresolved.
    case conflict(String)
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
        case .malformedFile(let path, let line, let reason):
            "\(path)\(line.map { ", line \($0)" } ?? "") could not be read: \(reason). Fix the file; nothing was changed."
        case .invalidConfiguration(let message): message
        case .invalidArgument(let message): message
        case .notFound(let message): message
        case .conflict(let message): message
        case .notInitialized(let home): "SkillMeat is not set up in \(home); run 'skillmeat init' first."
        case .io(let path, let reason): "Could not write or read \(path): \(reason)."
        case .database(let message): "The cache database failed: \(message). Run 'skillmeat cache rebuild' if it persists."
        case .plugin(let id, let error): id.map { "\($0): " } .map { $0 + error.description } ?? error.description
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
