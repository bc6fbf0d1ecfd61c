import Foundation
import SkillMeatTestSupport
import Testing

/// The CLI words a core hint as the command to run.
@Suite struct HintWordingTests {
    @Test("an error's hint is printed as a command after the core's sentence")
    func commandAfterSentence() async throws {
        let cli = try CLIHarness()
        defer { cli.home.remove() }
        let notSetUp = await cli.run("list")
        #expect(notSetUp.status == 1)
        #expect(notSetUp.error.contains("is not set up in") && notSetUp.error.contains("Run 'skillmeat init' first."), "\(notSetUp.error)")
        #expect(await cli.run("init").status == 0)
        let missing = await cli.run("show", "nope")
        #expect(missing.status == 1)
        #expect(missing.error.contains("has no artifact 'nope'. 'skillmeat list -c default' shows what it has."), "\(missing.error)")
        let noSource = await cli.run("source", "show", "nope")
        #expect(noSource.error.contains("There is no source 'nope' (there are none yet). Add one with 'skillmeat source add'."), "\(noSource.error)")
        let noProject = await cli.run("deploy", "x", "--project", cli.home.path("gone").path)
        #expect(noProject.error.contains("does not exist; create it or choose another project. Pass another --project."), "\(noProject.error)")
        let noCollection = await cli.run("list", "-c", "work")
        #expect(noCollection.error.contains("Create it with 'skillmeat collection create work'."), "\(noCollection.error)")
    }
}
