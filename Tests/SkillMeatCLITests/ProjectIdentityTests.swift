import Foundation
import SkillMeatTestSupport
import Testing

/// A project reached through a symbolic link and through its real path is one project: one lock, one
/// deployment record, one entry in projects.toml.
@Suite struct ProjectIdentityTests {
    @Test("concurrent deploys through a symlink and the real path lose nothing and register the project once")
    func symlinkAndRealPath() async throws {
        let cli = try CLIHarness()
        defer { cli.home.remove() }
        #expect(await cli.run("init").status == 0)
        let count = 24
        for number in 0..<count {
            let file = try cli.home.write("incoming/c\(number).md", "---\ndescription: Command \(number)\n---\nDo \(number).\n")
            #expect(await cli.run("add", file.path).status == 0)
        }
        let real = cli.home.path("real-project")
        try FileManager.default.createDirectory(at: real, withIntermediateDirectories: true)
        let link = cli.home.path("linked-project")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: real)

        async let throughLink: [Int32] = {
            var statuses: [Int32] = []
            for number in stride(from: 0, to: count, by: 2) {
                statuses.append(await cli.run("deploy", "c\(number)", "--project", link.path, "--yes").status)
            }
            return statuses
        }()
        async let throughRealPath: [Int32] = {
            var statuses: [Int32] = []
            for number in stride(from: 1, to: count, by: 2) {
                statuses.append(await cli.run("deploy", "c\(number)", "--project", real.path, "--yes").status)
            }
            return statuses
        }()
        let statuses = await throughLink + throughRealPath
        #expect(statuses.allSatisfy { $0 == 0 })

        let record = try String(contentsOf: real.appending(path: ".claude/.skillmeat-deployed.toml"), encoding: .utf8)
        #expect(record.components(separatedBy: "[[deployed]]").count - 1 == count, "every deployment has its record")
        let projects = try cli.home.read("projects.toml")
        #expect(projects.components(separatedBy: "path = ").count - 1 == 1, "\(projects)")
        let status = try #require(try cli.json(await cli.run("status", "--project", link.path, "--json")) as? [[String: Any]])
        #expect(status.count == count && status.allSatisfy { $0["state"] as? String == "synced" })
    }
}
