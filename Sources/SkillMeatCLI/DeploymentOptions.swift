import ArgumentParser
import Foundation
import SkillMeatCore
import SkillMeatPluginAPI
import SkillMeatRegistry

/// `--project` and `--scope`, shared by deploy, undeploy and status.
struct DeploymentOptions: ParsableArguments {
    @Option(help: "The project folder (default: the current directory).")
    var project: String?

    @Option(help: "project (the project folder) or user (your home folder).")
    var scope: DeploymentScope = .project

    /// The project folder as an absolute URL.
    var projectURL: URL {
        let context = CLIContext.current
        guard let project else { return context.currentDirectory.standardizedFileURL }
        return context.url(of: project)
    }

    /// The deploy use cases for the collection the options name.
    static func service(_ runtime: SkillMeatRuntime, collection: CollectionOptions) throws -> DeploymentService {
        DeploymentService(collection: try collection.service(runtime), plugins: runtime.plugins, userHome: CLIContext.current.userHome)
    }
}
