import Foundation
import SkillMeatCLI
import SkillMeatTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Errors say what is wrong, in words, and nothing unusable is saved.
@Suite struct PlainErrorTests {
    @Test("an unusable source reference is refused before anything is saved", arguments: [
        "https://", "https://github.com/", "https://github.com/onlyowner", "github.com/onlyowner", "https://example.com", "ssh://",
    ])
    func unusableReference(_ reference: String) async throws {
        let cli = try CLIHarness()
        defer { cli.home.remove() }
        #expect(await cli.run("init").status == 0)
        let result = await cli.run("source", "add", reference)
        #expect(result.status != 0)
        #expect(result.error.contains("is not a usable source"), "\(result.error)")
        #expect(result.error.contains("Added") == false)
        #expect(await cli.run("source", "list").output.contains("No sources yet"))
    }

    @Test("a missing path says it does not exist", arguments: [["scan"], ["add"], ["source", "add"]])
    func missingPath(_ command: [String]) async throws {
        let cli = try CLIHarness()
        defer { cli.home.remove() }
        #expect(await cli.run("init").status == 0)
        let missing = cli.home.path("no-such-folder").path
        let result = await cli.run(command + [missing])
        #expect(result.status != 0)
        #expect(result.error.contains("'\(missing)' does not exist"), "\(result.error)")
    }

    @Test("SKILLMEAT_HOME pointing at a file says so, without system error text")
    func homeIsAFile() async throws {
        var cli = try CLIHarness()
        defer { cli.home.remove() }
        let file = try cli.home.write("a-file", "x")
        cli.environment["SKILLMEAT_HOME"] = file.path
        for command in [["list"], ["config", "set", "server.port", "9000"]] {
            let result = await cli.run(command)
            #expect(result.status != 0)
            #expect(result.error.contains("is a file, not a folder"), "\(result.error)")
            #expect(!result.error.contains("NSCocoaErrorDomain"))
        }
    }

    @Test("output that cannot be written (a full disk) fails the command")
    func fullDisk() async throws {
        let descriptor = open("/dev/full", O_WRONLY)
        try #require(descriptor >= 0, "/dev/full is needed")
        defer { close(descriptor) }
        let errors = try TemporaryDirectory(prefix: "stderr")
        defer { errors.remove() }
        let errorFile = errors.url.appending(path: "stderr")
        #expect(FileManager.default.createFile(atPath: errorFile.path, contents: nil))
        let errorHandle = try FileHandle(forWritingTo: errorFile)
        defer { try? errorHandle.close() }
        let sink = StandardOutputSink(output: descriptor, error: errorHandle.fileDescriptor)
        let context = CLIContext(environment: ["SKILLMEAT_HOME": errors.url.path], output: sink)
        #expect(await SkillMeatCLI.run(["config", "path"], context: context) == 1)
        #expect(try String(contentsOf: errorFile, encoding: .utf8).contains("could not be written: no space left on device"))
    }
}
