import Foundation
import SkillMeatPluginAPI
import SkillMeatTestSupport
import SourceGitHub
import Testing

@Suite struct GitHubCompatibilityTests {
    @Test("an archive written by the system tar (GNU long names, links) reads the same")
    func systemTarArchive() async throws {
        let world = try TestWorld()
        defer { world.home.remove() }
        let repository = try Fixtures.marketplace()
        let head = try #require(repository.branches["main"])
        let staging = try TemporaryDirectory(prefix: "system-tar")
        defer { staging.remove() }
        let top = "acme-skills-\(head.sha.prefix(7))"
        for (path, text) in Fixtures.marketplaceFiles where !["120000", "160000"].contains(Fixtures.marketplaceModes[path] ?? "") {
            try staging.write("\(top)/\(path)", text)
        }
        try FileManager.default.createSymbolicLink(atPath: staging.path("\(top)/link-to-readme").path, withDestinationPath: "README.md")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: staging.path("\(top)/hooks/format/run.sh").path)
        let archive = staging.path("archive.tar.gz")
        let tar = try ExternalProgram.runBlocking(URL(fileURLWithPath: "/usr/bin/env"), ["tar", "-czf", archive.path, "-C", staging.url.path, top])
        try #require(tar.status == 0, "\(tar.standardError)")

        try await FakeGitHub.withServer([repository]) { server in
            server.overrideTarball(try Data(contentsOf: archive), commit: head.sha)
            let tree = try await world.provider(server).tree(for: SourceReference(location: "acme/skills"))
            for entry in tree.entries {
                #expect(try await tree.contents(of: entry.path) == Data((Fixtures.marketplaceFiles[entry.path.string] ?? "").utf8), "\(entry.path)")
            }
        }
    }

    @Test("a token printed by `gh auth token` is used when nothing else is configured")
    func ghCLIToken() async throws {
        let world = try TestWorld()
        defer { world.home.remove() }
        let bin = try TemporaryDirectory(prefix: "fake-gh")
        defer { bin.remove() }
        let token = "gho_fromtheghcli0123456789"
        let gh = try bin.write("gh", "#!/bin/sh\n[ \"$1 $2\" = \"auth token\" ] && echo \(token)\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: gh.path)

        try await FakeGitHub.withServer([try Fixtures.marketplace(isPrivate: true)], validTokens: [token]) { server in
            let tree = try await world.provider(server, environment: ["PATH": bin.url.path]).tree(for: SourceReference(location: "acme/skills"))
            #expect(!tree.entries.isEmpty)
            #expect(server.requests.first?.bearerToken == token)

            // No `gh` on the PATH: no token, and no failure beyond the repository being invisible.
            let error = await #expect(throws: PluginError.self) {
                try await world.provider(server, environment: ["PATH": world.home.url.path]).tree(for: SourceReference(location: "acme/skills"))
            }
            #expect(error?.description.contains("private") == true)
        }
    }

    @Test("a repository of 10,000 files costs three rate-limited requests, a rescan none")
    func largeRepository() async throws {
        let world = try TestWorld()
        defer { world.home.remove() }
        var files: [String: String] = [:]
        for folder in 0..<100 {
            for file in 0..<100 { files["plugins/p\(folder)/skills/s\(file)/SKILL.md"] = "---\nname: s\(folder)-\(file)\n---\n" }
        }
        let repository = try FakeGitHubRepository(owner: "acme", name: "huge", files: files)
        try await FakeGitHub.withServer([repository]) { server in
            let scan = try await world.provider(server).scan(SourceReference(location: "acme/huge"))
            #expect(scan.tree.entries.count == 10_000)
            let sample = try RelativePath(validating: "plugins/p42/skills/s7/SKILL.md")
            #expect(try await scan.tree.contents(of: sample) == Data("---\nname: s42-7\n---\n".utf8))
            #expect(scan.requests.stats.rateLimited == 3)

            let rescan = try await world.provider(server).scan(SourceReference(location: "acme/huge"))
            _ = try await rescan.tree.contents(of: sample)
            #expect(rescan.requests.stats.rateLimited == 0)
            #expect(rescan.requests.stats.notModified == 1)
        }
    }
}
