import Foundation
import SkillMeatPluginAPI
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite struct ChildProcessTests {
    static let shell = URL(fileURLWithPath: "/bin/sh")

    @Test("a program starts while this process holds 1,500 more descriptors, and inherits none of ours")
    func manyOpenDescriptors() throws {
        // Foundation's Process crashed here (SIGSEGV in Process.run, reading /proc/self/fd) once a
        // parallel test run held about 1,360 descriptors; that is how CI died.
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        let extra = 1_500
        if limit.rlim_cur < rlim_t(extra + 2_000) {
            limit.rlim_cur = min(limit.rlim_max, rlim_t(extra + 2_000))
            setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        }
        try #require(limit.rlim_cur > rlim_t(extra + 1_000), "the descriptor limit (\(limit.rlim_cur)) is too low for this test")
        let held = (0..<extra).map { _ in open("/dev/null", O_RDONLY) }
        defer { held.forEach { close($0) } }
        try #require(held.allSatisfy { $0 >= 0 })
        for _ in 0..<20 {
            let result = try ExternalProgram.runBlocking(Self.shell, ["-c", "ls /proc/self/fd"])
            #expect(result.status == 0, "\(result.standardError)")
            let descriptors = Set(String(decoding: result.standardOutput, as: UTF8.self).split(separator: "\n").compactMap { Int($0) })
            // 0–2, and the folder `ls` itself opened.
            #expect(descriptors.count == 4, "\(descriptors.sorted())")
            #expect(descriptors.isSuperset(of: [0, 1, 2]))
        }
    }

    @Test("exit codes and signals are told apart; a shell's status is 128 + the signal")
    func termination() async throws {
        #expect(try ChildProcess.start(Self.shell, ["-c", "exit 3"]).waitUntilExit() == .exited(3))
        let killed = try await ChildProcess.start(Self.shell, ["-c", "kill -KILL $$"]).waitForExit()
        #expect(killed == .signalled(SIGKILL))
        #expect(killed.status == 137)
    }

    @Test("a running child can be asked to stop; once reaped it is not signalled again")
    func terminate() async throws {
        let child = try ChildProcess.start(Self.shell, ["-c", "sleep 30"])
        #expect(child.isRunning)
        #expect(child.termination == nil)
        child.terminate()
        #expect(await child.waitForExit() == .signalled(SIGTERM))
        #expect(!child.isRunning)
        child.terminate()
        #expect(child.termination == .signalled(SIGTERM))
    }

    @Test("the environment given replaces ours; the folder given is the working one")
    func environmentAndDirectory() throws {
        let folder = FileManager.default.temporaryDirectory.resolvingSymlinksInPath()
        let result = try ExternalProgram.runBlocking(
            Self.shell, ["-c", "printf '%s|%s|%s' \"$ONLY\" \"${HOME:-unset}\" \"$(pwd)\""],
            environment: ["ONLY": "here", "PATH": "/usr/bin:/bin"], directory: folder
        )
        #expect(String(decoding: result.standardOutput, as: UTF8.self) == "here|unset|\(folder.path)")
    }

    @Test("streams go where they are sent; a program that is missing is a clear error")
    func streamsAndMissingProgram() async throws {
        let pipe = try ChildProcess.pipe()
        let child = try ChildProcess.start(Self.shell, ["-c", "cat; echo complaint >&2"], input: .null, output: .handle(pipe.write))
        try pipe.write.close()
        #expect(try pipe.read.readToEnd() == nil, "/dev/null gave nothing and stderr did not come here")
        #expect(await child.waitForExit() == .exited(0))

        let error = #expect(throws: PluginError.self) { try ChildProcess.start(URL(fileURLWithPath: "/nonexistent/program"), []) }
        #expect("\(error.map { "\($0)" } ?? "")".contains("could not be started"))
    }
}
