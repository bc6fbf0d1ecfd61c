public import SkillMeatPluginAPI

/// Finds slash commands: markdown files in a `commands` folder (namespaced subfolders included), files a
/// manifest declares as commands or prompts, and loose prompt files whose frontmatter and `$ARGUMENTS`
/// placeholders only make sense for a command (collections meant to be cloned into `~/.claude/commands`).
public struct CommandDetector: TreeDetector {
    public let artifactType: ArtifactType = .command
    public let id: PluginID

    /// Frontmatter keys Claude Code reads from a command; a loose file with any other key is something else.
    static let commandKeys: Set<String> = [
        "description", "allowed-tools", "allowed_tools", "argument-hint", "argument_hint", "model",
        "disable-model-invocation", "hooks",
    ]

    public init(context: PluginContext) {
        self.id = context.id
    }

    public func detect(in tree: SourceTree, analysis: TreeAnalysis, diagnostics: inout [Diagnostic]) async -> [DetectedArtifact] {
        let layout = analysis.layout
        var found: [RelativePath: DetectedArtifact] = [:]

        // Declared files and folders first: they are the most specific claim.
        let placements = ComponentFolder.Placements(.command, folderName: "commands", listedAs: "a command", in: analysis, tree: tree)
        var loose: [(RelativePath, Frontmatter, Bool)] = []
        for entry in analysis.markdownOutsideSkills {
            let path = entry.path
            let placement = placements.placement(of: path)
            let name = path.lastComponent ?? ""
            if let placement {
                let (frontmatter, diagnostic) = await ManifestReading.frontmatter(at: path, in: tree, pluginID: id, includingBody: false)
                if let diagnostic { diagnostics.append(diagnostic) }
                if ArtifactConventions.isDocumentationName(name), frontmatter?.string("description") == nil { continue }
                var reasons = [placement.reason]
                var confidence = placement.confidence
                if frontmatter?.isPresent == true {
                    reasons.append("has command frontmatter")
                } else if confidence == DetectionConfidence.convention {
                    // A folder named `commands` and nothing else: plenty of tools keep other markdown there.
                    confidence = DetectionConfidence.weakConvention
                    reasons.append("has no frontmatter")
                }
                var command = artifact(path, frontmatter: frontmatter, confidence: confidence, reasons: reasons)
                await ScaffoldCheck.adjust(&command, frontmatter: frontmatter, tree: tree)
                found[path] = command
                continue
            }
            // Everything else may still be a loose command; only files opening with frontmatter qualify.
            guard ArtifactConventions.isLooseCandidate(path, excludedFolders: Self.notCommandFolders) else { continue }
            let (frontmatter, diagnostic) = await ManifestReading.frontmatter(at: path, in: tree, pluginID: id, includingBody: false)
            guard let frontmatter, frontmatter.isPresent, !frontmatter.fields.isEmpty,
                  Set(frontmatter.fields.keys).isSubset(of: Self.commandKeys)
            else { continue }
            if let diagnostic { diagnostics.append(diagnostic) }
            // Only a file that passed the frontmatter test is read whole, for its $ARGUMENTS.
            var takesArguments = Self.hasArgumentHint(frontmatter)
            if !takesArguments, let body = await ManifestReading.frontmatter(at: path, in: tree, pluginID: id).0?.body {
                takesArguments = Self.usesArguments(inBody: body)
            }
            loose.append((path, frontmatter, takesArguments))
        }

        // A loose file is a command when it takes arguments, or when most of its folder's siblings do.
        var strongByFolder: [RelativePath: Int] = [:]
        var totalByFolder: [RelativePath: Int] = [:]
        for (path, _, strong) in loose {
            let folder = path.parent ?? .root
            totalByFolder[folder, default: 0] += 1
            if strong { strongByFolder[folder, default: 0] += 1 }
        }
        for (path, frontmatter, strong) in loose {
            let folder = path.parent ?? .root
            let strongCount = strongByFolder[folder] ?? 0
            if strong {
                found[path] = artifact(path, frontmatter: frontmatter, confidence: DetectionConfidence.looseCommand, reasons: [
                    "markdown prompt with command frontmatter (\(frontmatter.fields.keys.sorted().joined(separator: ", "))) that takes $ARGUMENTS or an argument hint",
                ])
            } else if strongCount >= 2, strongCount * 2 >= totalByFolder[folder] ?? 0 {
                found[path] = artifact(path, frontmatter: frontmatter, confidence: DetectionConfidence.weakConvention, reasons: [
                    "markdown prompt with command frontmatter in a folder of \(strongCount) commands",
                ])
            }
        }

        for artifact in await tomlCommands(tree: tree, analysis: analysis, diagnostics: &diagnostics) {
            found[artifact.path] = artifact
        }

        let artifacts = found.values.sorted { $0.path < $1.path }
        return artifacts
    }

    /// Gemini CLI's commands: `.toml` files with a `prompt` in `.gemini/commands/` (namespaced subfolders
    /// included) or in the `commands/` folder of a Gemini extension (beside its `gemini-extension.json`).
    /// The same shape in another tool's folder (`.qwen/commands/`) is not loaded by Gemini CLI.
    private func tomlCommands(tree: SourceTree, analysis: TreeAnalysis, diagnostics: inout [Diagnostic]) async -> [DetectedArtifact] {
        let extensions = analysis.layout.plugins.filter { $0.harnesses.contains(.gemini) }
        var artifacts: [DetectedArtifact] = []
        for entry in tree.entries where entry.mode != .symlink && entry.path.lastComponent?.utf8.reversed().starts(with: "lmot.".utf8) == true {
            let path = entry.path
            var reason: String?
            var confidence = DetectionConfidence.platformFolder
            if let plugin = extensions.first(where: { path.isDescendant(of: $0.root.appendingComponent("commands")) }) {
                reason = "in the commands folder of \(plugin.declaredBy)"
                confidence = DetectionConfidence.declared
            } else if let (place, folder) = PlatformFolders.place(of: path, for: .command) {
                guard !ComponentFolder.inNoise(above: folder) else { continue }
                reason = "in \(folder), \(place.note)"
            }
            guard let reason, analysis.skills.enclosingSkill(of: path) == nil else { continue }
            guard let table = await ManifestReading.toml(at: path, in: tree, pluginID: id, purpose: "its command", diagnostics: &diagnostics) else { continue }
            guard table["prompt"]?.stringValue != nil else {
                diagnostics.append(Diagnostic(.info, path: path.string, "has no 'prompt', which Gemini CLI requires of a command; it was skipped", pluginID: id))
                continue
            }
            artifacts.append(DetectedArtifact(
                type: .command,
                name: path.stem ?? "command",
                path: path,
                confidence: confidence,
                reasons: [reason, "a Gemini CLI command file with a prompt"],
                metadata: ArtifactMetadata(description: table["description"]?.stringValue),
                files: [path],
                detectorID: id
            ))
        }
        return artifacts
    }

    private func artifact(_ path: RelativePath, frontmatter: Frontmatter?, confidence: Int, reasons: [String]) -> DetectedArtifact {
        DetectedArtifact(
            type: .command,
            name: path.stem ?? "command",
            path: path,
            confidence: confidence,
            reasons: reasons,
            metadata: frontmatter.map(ArtifactMetadata.init(frontmatter:)) ?? ArtifactMetadata(),
            files: [path],
            detectorID: id
        )
    }

    /// Folders whose markdown is never a loose command: agents, output styles, rules, references, specs.
    static let notCommandFolders: Set<String> = ["agents", "output-styles", "output_styles", "rules", "references", "specs"]

    /// Whether the frontmatter gives an `argument-hint`, which marks a prompt that takes arguments.
    static func hasArgumentHint(_ frontmatter: Frontmatter) -> Bool {
        frontmatter["argument-hint"] != nil || frontmatter["argument_hint"] != nil
    }

    /// `$ARGUMENTS` or a positional `$1`…`$9` in a prompt's body.
    static func usesArguments(inBody body: String) -> Bool {
        if body.utf8Contains("$ARGUMENTS") { return true }
        var previousWasDollar = false
        for character in body {
            if previousWasDollar, let digit = character.wholeNumberValue, digit >= 1 { return true }
            previousWasDollar = character == "$"
        }
        return false
    }
}
