import ArgumentParser
import Foundation
import SkillMeatCore
import SkillMeatPluginAPI
import SkillMeatRegistry

/// `skillmeat scan <path|git-url>`
struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Detect the artifacts in a folder or git repository without adding anything.",
        discussion: """
            With --json, standard output is an array of artifacts (type, name, path, confidence, reasons, \
            description, files, diagnostics for their own files); problems with files that yielded no \
            artifact are written to standard error as {"diagnostics": [...]}. -v lists them as text.
            """
    ).examples(
        "skillmeat scan ./my-plugins",
        "skillmeat scan https://github.com/anthropics/skills.git --ref main",
        "skillmeat scan . --root plugins --json",
        "skillmeat scan . --map tools/review.md=agent"
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "A local folder, or any git URL (https://, ssh://, git@host:path, file://).") var source: String
    @Option(help: "A branch, tag or commit to read (git sources).") var ref: String?
    @Option(help: "Only scan this folder inside the source.") var root: String?
    @OptionGroup var manualMap: ManualMapOptions
    @Flag(help: "Print the artifacts as JSON.") var json = false

    func run() async throws {
        let runtime = try global.runtime()
        let reference = try SourceArgument.reference(source, ref: ref, root: root)
        let outcome = try await runtime.plugins.sourceScan.run(reference, manualMap: manualMap.map)
        let artifacts = outcome.result.artifacts
        let diagnostics = outcome.result.unreadFiles + outcome.result.diagnostics
        if json {
            let outputs = artifacts.map { DetectedArtifactOutput($0, diagnostics: diagnostics) }
            try Output.json(outputs)
            let claimed = Set(outputs.flatMap { $0.diagnostics.map(\.message) })
            let loose = diagnostics.filter { !claimed.contains($0.message) }.map(DiagnosticOutput.init)
            if !loose.isEmpty {
                let text = try JSONWriter.text(["diagnostics": loose], pretty: false)
                CLIContext.current.output.write(text + "\n", to: .standardError)
            }
            return
        }
        let commit = outcome.tree.commit.map { " at \(String($0.prefix(12)))" } ?? ""
        Output.line("\(artifacts.count) artifact\(artifacts.count == 1 ? "" : "s") in \(reference.location)\(commit) (\(outcome.tree.entries.count) files).")
        if !artifacts.isEmpty {
            Output.table(
                ["TYPE", "NAME", "PATH", "CONF", "DESCRIPTION"],
                artifacts.map { [$0.type.rawValue, $0.name, $0.path.string, String($0.confidence), String(($0.metadata.description ?? "").prefix(50))] }
            )
        }
        if global.verbose > 0 {
            for artifact in artifacts {
                Output.line("\(artifact.id) \(artifact.path): \(artifact.reasons.joined(separator: "; "))")
            }
            for diagnostic in diagnostics { CLIContext.current.output.write(diagnostic.description + "\n", to: .standardError) }
        } else if !diagnostics.isEmpty {
            Output.warning("\(diagnostics.count) file\(diagnostics.count == 1 ? "" : "s") could not be read fully; -v shows which.")
        }
    }
}

/// Turns what the user typed into a source reference: an existing path becomes absolute (relative
/// to the directory the command runs in); anything else is passed to the providers as written.
enum SourceArgument {
    static func reference(_ source: String, ref: String?, root: String?) throws -> SourceReference {
        var location = source
        let directory = CLIContext.current.currentDirectory
        let candidate = source.hasPrefix("/") ? URL(fileURLWithPath: source) : directory.appending(path: source)
        if !source.contains("://"), FileManager.default.fileExists(atPath: candidate.path) {
            location = candidate.standardizedFileURL.path
        }
        var rootPath: RelativePath?
        if let root {
            do {
                rootPath = try RelativePath(validating: root)
            } catch {
                throw SkillMeatError.invalidArgument("--root '\(root)' is unsafe: \(error.description)")
            }
        }
        return SourceReference(location: location, ref: ref, root: rootPath)
    }
}
