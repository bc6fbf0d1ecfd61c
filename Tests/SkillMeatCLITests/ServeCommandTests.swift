import Foundation
import SkillMeatCLI
import SkillMeatCore
import SkillMeatTestSupport
import Testing

@Suite struct ServeCommandTests {
    func serve(_ arguments: [String], home: TemporaryDirectory) async -> (Int32, String) {
        let sink = BufferedOutputSink()
        let context = CLIContext(
            environment: ["SKILLMEAT_HOME": home.url.path, "HOME": home.url.path],
            output: sink,
            serverLauncher: { _, settings, listening in listening("http://\(settings.host):\(settings.port)") }
        )
        let status = await SkillMeatCLI.run(["serve"] + arguments, context: context)
        return (status, sink.standardOutput)
    }

    @Test("serve says where it listens, once listening, and whether a token is required")
    func saysWhere() async throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let (status, output) = await serve(["--port", "9123"], home: home)
        #expect(status == 0)
        #expect(output.contains("Listening on http://127.0.0.1:9123; no token is required"), "\(output)")
        let (_, withToken) = await serve(["--port", "9124", "--token", "s3cret"], home: home)
        #expect(withToken.contains("Listening on http://127.0.0.1:9124; a token is required"), "\(withToken)")
        #expect(!withToken.contains("s3cret"))
    }
}
