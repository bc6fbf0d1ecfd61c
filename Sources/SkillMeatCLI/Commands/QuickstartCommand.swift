import ArgumentParser
import Foundation
import SkillMeatCore
import SkillMeatPluginAPI
import SkillMeatRegistry

/// `skillmeat quickstart`: the whole flow, offline, in a temporary home — the README's "run" command.
struct QuickstartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quickstart",
        abstract: "Try SkillMeat end to end in a temporary folder: add the bundled example marketplace, import it, deploy it for the profiles enabled by default (or the one --profile names), show the status.",
        discussion: """
            Nothing outside the temporary folder is touched. It prints each command it runs, so you can repeat them by hand. \
            --profile takes a profile your configuration enables ('plugins list --kind deployer' lists them); the temporary \
            home enables it too.
            """
    ).examples(
        "skillmeat quickstart",
        "skillmeat quickstart --directory /tmp/demo",
        "skillmeat quickstart --profile gemini"
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: "Where to work (default: a new temporary folder).") var directory: String?
    @Option(help: "Deploy for this profile only (default: every profile enabled by default).", completion: Completions.profiles) var profile: String?

    func run() async throws {
        let context = CLIContext.current
        // An unknown or disabled profile is refused, with what to do, before anything is written.
        var chosen: (name: String, plugin: PluginDescriptor)?
        if let profile {
            let plugins = try global.runtime().plugins
            _ = try plugins.deployer(profile: profile)
            guard let descriptor = plugins.descriptor(ofProfile: profile) else {
                throw SkillMeatError.invalidArgument("There is no deployment profile '\(profile)'.")
            }
            chosen = (profile, descriptor)
        }
        let base = directory.map(context.url(of:))
            ?? FileManager.default.temporaryDirectory.appending(path: "skillmeat-quickstart-\(UUID().uuidString.prefix(8))", directoryHint: .isDirectory)
        let home = base.appending(path: "home", directoryHint: .isDirectory)
        let marketplace = base.appending(path: "marketplace", directoryHint: .isDirectory)
        let project = base.appending(path: "project", directoryHint: .isDirectory)
        let user = base.appending(path: "user", directoryHint: .isDirectory)
        if FileManager.default.fileExists(atPath: home.path) {
            throw SkillMeatError.conflict("\(base.path) already holds a quick start; give another --directory or remove it.")
        }
        do {
            try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: user, withIntermediateDirectories: true)
        } catch {
            throw SkillMeatError.io(base, error)
        }
        let files = try ExampleMarketplaceWriter.write(to: marketplace)
        Output.line("Working in \(base.path) (SKILLMEAT_HOME=\(home.path)); \(files) example files in \(marketplace.path).")

        var inner = context
        inner.environment["SKILLMEAT_HOME"] = home.path
        inner.environment["HOME"] = user.path
        inner.currentDirectory = project
        func step(_ arguments: [String], show: Bool = true) async throws -> String {
            Output.line("\n$ skillmeat " + arguments.map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " "))
            let capture = BufferedOutputSink()
            var stepContext = inner
            if !show { stepContext.output = capture }
            let status = await SkillMeatCLI.run(arguments, context: stepContext)
            guard status == 0 else {
                if !show { context.output.write(capture.standardError, to: .standardError) }
                throw CommandFailure(status: .failure, message: "The quick start stopped: 'skillmeat \(arguments.joined(separator: " "))' exited with \(status).")
            }
            return capture.standardOutput
        }
        _ = try await step(["init"])
        if let chosen, !chosen.plugin.defaultEnabled {
            _ = try await step(["config", "set", "plugins.enable", "[\"\(chosen.plugin.id)\"]"])
        }
        _ = try await step(["source", "add", marketplace.path, "--name", "examples"])
        _ = try await step(["catalog", "list", "--source", "examples"])
        _ = try await step(["import", "--source", "examples", "--all"])
        let listing = try await step(["list", "--json"], show: false)
        let names = ((try? JSONSerialization.jsonObject(with: Data(listing.utf8))) as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        Output.line("(\(names.count) artifacts: \(names.joined(separator: ", ")))")
        let profiles = chosen.map { ["--profile", $0.name] } ?? ["--all-profiles"]
        _ = try await step(["deploy"] + names + ["--project", project.path] + profiles + ["--yes"])
        _ = try await step(["status", "--project", project.path])
        // What to look at comes from the profiles the temporary home deployed for, as they declare
        // their roots, so a new deployer needs no change here.
        let deployed = try CLIContext.$current.withValue(inner) { try global.runtime().plugins }
        var lines = ["", "Done. Look around:"]
        for profileID in deployed.deployerProfiles where chosen == nil || chosen?.name == profileID {
            let roots = try deployed.deployer(profile: profileID).profile.roots(for: .project)
            lines.append("  " + roots.map { project.appending(path: $0.string).path }.joined(separator: ", "))
            if let summary = deployed.descriptor(ofProfile: profileID)?.summary { lines.append("      " + summary) }
        }
        lines.append("  \(home.path)   the collection, its lock and the cache")
        lines.append("Use it yourself with: export SKILLMEAT_HOME=\(home.path)")
        Output.line(lines.joined(separator: "\n"))
    }
}
