import Foundation
import Logging
import SkillMeatPluginAPI
import SkillMeatTestSupport
import SourceGitHub

/// One test's world: its own SKILLMEAT_HOME, log and sleep recorders, and providers pointed at a fake.
struct TestWorld {
    let home: TemporaryDirectory
    let logs = LogStore()
    let sleeps: SleepRecorder

    init(onSleep: @escaping @Sendable () -> Void = {}) throws {
        home = try TemporaryDirectory(prefix: "source-github")
        sleeps = SleepRecorder(onSleep: onSleep)
    }

    func context(_ server: FakeGitHub, token: String? = nil, environment: [String: String] = [:]) -> PluginContext {
        var settings: [String: JSONValue] = ["api_url": .string(server.apiURL.absoluteString)]
        if let token { settings["token"] = .string(token) }
        return PluginContext(
            id: "source/github",
            settings: PluginSettings(settings),
            logger: logs.logger,
            homeDirectory: home.url,
            environment: environment
        )
    }

    func provider(_ server: FakeGitHub, token: String? = nil, environment: [String: String] = [:]) throws -> GitHubSourceProvider {
        try GitHubSourceProvider(context: context(server, token: token, environment: environment), clock: sleeps.clock)
    }

    /// Runs `body` in a new world against a fake GitHub serving `repositories` (the fixture
    /// marketplace when nil), removing the world's home afterwards.
    static func withServer(_ repositories: [FakeGitHubRepository]? = nil, _ body: (TestWorld, FakeGitHub) async throws -> Void) async throws {
        let world = try TestWorld()
        defer { world.home.remove() }
        try await FakeGitHub.withServer(try repositories ?? [Fixtures.marketplace()]) { server in try await body(world, server) }
    }
}

/// Fixtures shared by the tests.
enum Fixtures {
    /// A small marketplace: skills, commands, an agent, an executable hook script, a symlink, a submodule.
    static let marketplaceFiles: [String: String] = [
        "README.md": "# Example marketplace\n",
        "skills/pdf/SKILL.md": "---\nname: pdf\ndescription: Work with PDFs\n---\nUse it.\n",
        "skills/pdf/scripts/extract.py": "print('extract')\n",
        "skills/docx/SKILL.md": "---\nname: docx\ndescription: Word files\n---\n",
        "skills/docx/reference.md": "Reference\n",
        "commands/deploy.md": "---\ndescription: Deploy\n---\nDeploy it.\n",
        "commands/review.md": "Review the change.\n",
        "agents/reviewer.md": "---\nname: reviewer\n---\nYou review.\n",
        "hooks/format/hooks.json": "{\"hooks\": {}}\n",
        "hooks/format/run.sh": "#!/bin/sh\necho format\n",
        "docs/guide/a/very/deeply/nested/folder/with/a/name/long/enough/to/need/a/pax/header/beyond/one/hundred/bytes/notes.md": "deep\n",
        "link-to-readme": "README.md",
        "vendor/lib": "0123456789abcdef0123456789abcdef01234567",
    ]

    static let marketplaceModes: [String: String] = [
        "hooks/format/run.sh": "100755",
        "link-to-readme": "120000",
        "vendor/lib": "160000",
    ]

    static func marketplace(owner: String = "acme", name: String = "skills", isPrivate: Bool = false) throws -> FakeGitHubRepository {
        try FakeGitHubRepository(owner: owner, name: name, files: marketplaceFiles, modes: marketplaceModes, isPrivate: isPrivate, topics: ["claude-skills", "agents"])
    }
}
