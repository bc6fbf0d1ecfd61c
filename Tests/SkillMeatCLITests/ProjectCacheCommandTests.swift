import Foundation
import SkillMeatTestSupport
import Testing

/// `skillmeat cache refresh [PROJECT] [--force]` and `projects list` over the project cache (seed 002, issue 15 item 4).
@Suite struct ProjectCacheCommandTests {
    @Test("cache refresh PROJECT reads a stale project (a fresh one only with --force); projects list shows deployments and drift; the TTL is validated")
    func refreshProjects() async throws {
        let (cli, project) = try await DeployCommandTests.world()
        defer { cli.home.remove() }
        #expect(await cli.run("deploy", "todo", "--project", project.path).status == 0)

        let first = await cli.run("cache", "refresh", project.path, "--json")
        #expect(first.status == 0, "\(first.error)")
        let report = try #require(try cli.json(first) as? [String: Any])
        #expect(report["refreshed_count"] as? Int == 1, "the deploy made it stale")
        try await Task.sleep(for: .milliseconds(1100))
        _ = await cli.run("cache", "refresh", project.path)
        let again = try #require(try cli.json(await cli.run("cache", "refresh", project.path, "--json")) as? [String: Any])
        #expect(again["fresh_count"] as? Int == 1 && again["refreshed_count"] as? Int == 0)
        let forced = try #require(try cli.json(await cli.run("cache", "refresh", project.path, "--force", "--json")) as? [String: Any])
        #expect(forced["refreshed_count"] as? Int == 1)

        let everything = await cli.run("cache", "refresh", "--json")
        #expect(everything.status == 0, "\(everything.error)")
        let both = try #require(try cli.json(everything) as? [String: Any])
        #expect((both["refreshed"] as? [String])?.isEmpty == false && both["projects"] is [String: Any])
        #expect(await cli.run("cache", "refresh", "todo").output.contains("Refreshed 1 artifact"))
        #expect(await cli.run("cache", "refresh", "no-such-artifact", "--force").status == 2)

        let projects = try #require(try cli.json(await cli.run("projects", "list", "--json")) as? [[String: Any]])
        let overview = try #require(projects.first)
        #expect((overview["deployments"] as? [[String: Any]])?.first?["artifact"] as? String == "command:todo")
        #expect((overview["drift"] as? [String: Int])?["synced"] == 1)
        #expect(await cli.run("projects", "list").output.contains("synced 1"))

        #expect(await cli.run("config", "set", "projects.refresh_concurrency", "0").status != 0)
        #expect(await cli.run("config", "set", "projects.cache_ttl_seconds", "soon").status != 0)
        #expect(await cli.run("config", "set", "projects.cache_ttl_seconds", "60").status == 0)
    }
}
