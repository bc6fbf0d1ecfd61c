public import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file so that a crash leaves either the old or the new content, never a mix: a temporary
/// file in the same folder, fsync, rename over the target, fsync of the folder.
public enum AtomicFile {
    /// Replaces (or creates) the file at `url` with `data`. The folder must exist.
    public static func write(_ data: Data, to url: URL, permissions: mode_t = 0o644) throws(SkillMeatError) {
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appending(path: ".\(url.lastPathComponent).\(UUID().uuidString.prefix(8)).tmp", directoryHint: .notDirectory)
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, permissions)
        guard descriptor >= 0 else { throw posixError(url) }
        var failure: SkillMeatError?
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = posixError(url)
                    return
                }
                offset += written
            }
        }
        if failure == nil, fsync(descriptor) != 0 { failure = posixError(url) }
        close(descriptor)
        if failure == nil, rename(temporary.path, url.path) != 0 { failure = posixError(url) }
        if let failure {
            unlink(temporary.path)
            throw failure
        }
        syncDirectory(folder)
    }

    /// Writes a UTF-8 string atomically.
    public static func write(_ text: String, to url: URL) throws(SkillMeatError) {
        try write(Data(text.utf8), to: url)
    }

    static func syncDirectory(_ folder: URL) {
        let descriptor = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }

    static func posixError(_ url: URL) -> SkillMeatError {
        let code = errno
        let reason: String = switch code {
        case ENOSPC, EDQUOT: "the disk is full"
        case EROFS: "the file system is read-only"
        case EACCES, EPERM: "permission denied"
        case ENOENT: "its folder does not exist"
        default: String(cString: strerror(code)).lowercased()
        }
        return .io(path: url.path, reason: reason)
    }
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif
