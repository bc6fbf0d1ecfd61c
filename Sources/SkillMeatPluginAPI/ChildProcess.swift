public import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A program started with `posix_spawn`; every process SkillMeat (and its tests) starts goes through here.
///
/// Not `Foundation.Process`: on Linux (Swift 6.3.1) its `run()` lists `/proc/self/fd` with a
/// 256-byte over-read that kills the whole process with SIGSEGV once it holds about 1,360 open
/// descriptors (swift-corelibs-foundation#5472) — a busy `serve` or a parallel test run gets there.
/// Here the child's descriptors above 2 are closed by the spawn itself (`closefrom`), so nothing is
/// listed, and no descriptor of ours leaks into git or gzip.
public final class ChildProcess: Sendable {
    /// Where one of the child's standard streams comes from or goes to.
    public enum Stream: @unchecked Sendable {
        /// `/dev/null`.
        case null
        /// The same stream as this process.
        case inherit
        /// An open file or pipe end; the caller keeps (and closes) its own copy.
        case handle(FileHandle)
    }

    /// How a child ended.
    public enum Termination: Sendable, Hashable {
        case exited(Int32)
        case signalled(Int32)

        /// The exit status, or 128 + the signal as a shell reports it.
        public var status: Int32 {
            switch self {
            case .exited(let code): code
            case .signalled(let signal): 128 + signal
            }
        }
    }

    /// The child's process id.
    public let identifier: pid_t
    /// Set once the child is reaped; reaping happens only under this lock, so the id cannot be
    /// reused by another process while `terminate()` may still signal it.
    private let ended = Mutex<Termination?>(nil)

    private init(identifier: pid_t) {
        self.identifier = identifier
    }

    deinit {
        // A child dropped while running is still reaped, so it never lingers as a zombie.
        if ended.withLock({ $0 }) == nil {
            let pid = identifier
            Thread.detachNewThread {
                var status: Int32 = 0
                while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            }
        }
    }

    /// Starts `executable` with `arguments`. `environment` nil inherits this process's; `directory`
    /// nil keeps the current one. Throws `PluginError.commandFailed` when it cannot be started.
    public static func start(
        _ executable: URL,
        _ arguments: [String],
        environment: [String: String]? = nil,
        directory: URL? = nil,
        input: Stream = .null,
        output: Stream = .null,
        error: Stream = .null
    ) throws -> ChildProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (target, stream) in [(Int32(0), input), (1, output), (2, error)] {
            switch stream {
            case .null: posix_spawn_file_actions_addopen(&actions, target, "/dev/null", target == 0 ? O_RDONLY : O_WRONLY, 0)
            case .inherit: break
            case .handle(let handle): posix_spawn_file_actions_adddup2(&actions, handle.fileDescriptor, target)
            }
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The child starts with no blocked signals and default handlers, whatever this runtime set up.
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigdefault(&attributes, &all)
        var flags = Int32(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
        #if canImport(Darwin)
        flags |= Int32(POSIX_SPAWN_CLOEXEC_DEFAULT)
        #else
        guard let closeFrom = SpawnExtensions.closeFrom else {
            throw PluginError.unsupported("Starting programs needs glibc 2.34 or later (posix_spawn_file_actions_addclosefrom_np).")
        }
        _ = closeFrom(&actions, 3)
        #endif
        posix_spawnattr_setflags(&attributes, Int16(truncatingIfNeeded: flags))
        if let directory {
            guard let changeDirectory = SpawnExtensions.changeDirectory else {
                throw PluginError.unsupported("Starting a program in another folder needs posix_spawn_file_actions_addchdir_np.")
            }
            _ = changeDirectory(&actions, directory.path)
        }

        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let envp = environment.map { $0.map { strdup("\($0.key)=\($0.value)") } + [nil] }
        defer { envp?.forEach { free($0) } }
        var pid: pid_t = 0
        let code = if let envp {
            posix_spawn(&pid, executable.path, &actions, &attributes, argv, envp)
        } else {
            posix_spawn(&pid, executable.path, &actions, &attributes, argv, environ)
        }
        guard code == 0 else {
            throw PluginError.commandFailed(
                command: executable.lastPathComponent, status: -1, output: "it could not be started (\(String(cString: strerror(code))))"
            )
        }
        return ChildProcess(identifier: pid)
    }

    /// A pipe whose ends are not inherited by programs started in the meantime.
    public static func pipe() throws -> (read: FileHandle, write: FileHandle) {
        var descriptors: [Int32] = [0, 0]
        #if canImport(Glibc)
        let created = Glibc.pipe(&descriptors)
        #else
        let created = Darwin.pipe(&descriptors)
        #endif
        guard created == 0 else {
            throw PluginError.io(path: "pipe", reason: String(cString: strerror(errno)))
        }
        for descriptor in descriptors { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        return (FileHandle(fileDescriptor: descriptors[0], closeOnDealloc: true), FileHandle(fileDescriptor: descriptors[1], closeOnDealloc: true))
    }

    /// Whether the child has not exited yet.
    public var isRunning: Bool { reap() == nil }

    /// How the child ended, once it has.
    public var termination: Termination? { reap() }

    /// Sends `signal` (default: SIGTERM), unless the child has already ended.
    public func terminate(_ signal: Int32 = SIGTERM) {
        ended.withLock { if $0 == nil { _ = kill(identifier, signal) } }
    }

    /// Blocks the calling thread until the child exits.
    @discardableResult
    public func waitUntilExit() -> Termination {
        while true {
            var info = siginfo_t()
            // Wait without reaping: the reap itself happens under the lock in `reap()`.
            while waitid(P_PID, id_t(identifier), &info, WEXITED | WNOWAIT) == -1 && errno == EINTR {}
            if let termination = reap() { return termination }
        }
    }

    /// Waits for the child to exit on a thread of its own, never holding a Swift concurrency thread.
    @discardableResult
    public func waitForExit() async -> Termination {
        if let termination = reap() { return termination }
        return await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: self.waitUntilExit()) }
        }
    }

    private func reap() -> Termination? {
        ended.withLock { ended in
            if let ended { return ended }
            var status: Int32 = 0
            let result = waitpid(identifier, &status, WNOHANG)
            if result == identifier {
                let signal = status & 0x7f
                ended = signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
            } else if result == -1 && errno == ECHILD {
                // Reaped by someone else (a handler for every child): the status is lost.
                ended = .exited(-1)
            }
            return ended
        }
    }
}

/// glibc's `posix_spawn` extensions, looked up at run time: Swift's Glibc module does not declare them.
private enum SpawnExtensions {
    typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    typealias ChangeDirectory = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32

    nonisolated(unsafe) static let library = dlopen(nil, RTLD_NOW)
    static let closeFrom = dlsym(library, "posix_spawn_file_actions_addclosefrom_np").map { unsafeBitCast($0, to: CloseFrom.self) }
    static let changeDirectory = dlsym(library, "posix_spawn_file_actions_addchdir_np").map { unsafeBitCast($0, to: ChangeDirectory.self) }
}
