import Foundation
import SkillMeatCore
import SkillMeatPluginAPI
import SkillMeatTestSupport
import Testing

/// `DeploymentService.deploy` runs the whole sequence for every front end: plan, dry run, consent for
/// the commands hooks and MCP servers run, apply.
@Suite struct DeployRequestTests {
    @Test("a dry run plans and writes nothing; refuse and a declined ask write nothing; a granted ask and accept write")
    func consent() async throws {
        let world = try await TestProfileTests.world()
        defer { world.home.remove() }
        let request = DeploymentService.Request(names: ["docs-search"], projectRoot: world.project, scope: .project)

        var dryRun = request
        dryRun.dryRun = true
        var plans: [DeploymentPreview] = []
        let planned = try await world.deployment.deploy(dryRun) { plans.append($0) }
        #expect(planned.dryRun && plans.count == 1 && !(plans.first?.commandsToAccept.isEmpty ?? true))
        #expect(try world.status().isEmpty)

        await #expect {
            try await world.deployment.deploy(request)
        } throws: { error in
            guard case .conflict(let detail, let hint) = error as? SkillMeatError, case .acceptCommands(let commands)? = hint else { return false }
            return !commands.isEmpty && commands.allSatisfy { detail.contains($0) }
        }
        var declined = request
        declined.commandConsent = .ask { _ in false }
        await #expect(throws: SkillMeatError.self) { try await world.deployment.deploy(declined) }
        #expect(try world.status().isEmpty)

        var granted = request
        granted.commandConsent = .ask { !$0.isEmpty }
        let report = try await world.deployment.deploy(granted)
        #expect(!report.dryRun && report.items.allSatisfy { $0.action == .deploy })
        #expect(try world.status()["mcp_server:docs-search"]?.state == .synced)

        var accepted = request
        accepted.names = ["todo", "docs-search"]
        accepted.commandConsent = .accept
        let again = try await world.deployment.deploy(accepted)
        #expect(Set(again.items.map(\.action)) == [.deploy, .unchanged])
    }
}
