import DetectorCommands
import SkillMeatPluginAPI
import SkillMeatTestSupport
import Testing

/// A command counts where a platform would load it: one rule per test, each on a small tree.
@Suite struct PlatformCommandTests {
    static func detect(_ files: [String: String]) async throws -> [String: DetectedArtifact] {
        let result = await CommandDetector(context: .testing("detector/commands")).detect(DetectionInput(tree: try .inMemory(files)))
        return Dictionary(uniqueKeysWithValues: result.artifacts.map { ($0.path.string, $0) })
    }

    static let command = "---\ndescription: Plan the work\n---\nPlan $ARGUMENTS\n"

    @Test("markdown with command frontmatter in another tool's own dot-folder is not a command")
    func otherToolsFolders() async throws {
        let found = try await Self.detect([
            ".specify/templates/commands/plan.md": Self.command,
            ".taskmaster/docs/research.md": Self.command,
            ".kiro/steering/product.md": Self.command,
            ".windsurf/workflows/plan.md": Self.command,
            ".qwen/commands/plan.toml": "description = \"Plan\"\nprompt = \"Plan {{args}}\"\n",
            ".claude/commands/plan.md": Self.command,
        ])
        #expect(Array(found.keys) == [".claude/commands/plan.md"])
    }

    @Test("the platforms' documented command folders, with what each says about confidence")
    func platformFolders() async throws {
        let found = try await Self.detect([
            ".claude/commands/plan.md": Self.command,
            ".cursor/commands/plan.md": "Plan the work.\n",
            ".gemini/commands/git/commit.toml": "description = \"Commit\"\nprompt = \"Write a commit message for {{args}}\"\n",
            ".opencode/command/plan.md": Self.command,
            ".codex/prompts/plan.md": Self.command,
        ])
        #expect(found[".claude/commands/plan.md"]?.confidence == DetectionConfidence.platformFolder)
        #expect(found[".cursor/commands/plan.md"]?.confidence == DetectionConfidence.platformFolder)
        let gemini = try #require(found[".gemini/commands/git/commit.toml"])
        #expect(gemini.name == "commit")
        #expect(gemini.confidence == DetectionConfidence.platformFolder)
        #expect(gemini.metadata.description == "Commit")
        // Loaded by a platform SkillMeat does not deploy to by default, or only from the user's home: reported low.
        #expect(found[".opencode/command/plan.md"]?.confidence == DetectionConfidence.otherPlatform)
        #expect(found[".codex/prompts/plan.md"]?.confidence == DetectionConfidence.otherPlatform)
        #expect(found.values.allSatisfy { !$0.reasons.isEmpty })
    }

    @Test("a Gemini TOML file without a prompt is not a command, and says why")
    func geminiWithoutPrompt() async throws {
        let result = await CommandDetector(context: .testing("detector/commands")).detect(DetectionInput(tree: try .inMemory([
            ".gemini/commands/empty.toml": "description = \"Nothing to send\"\n",
            ".gemini/commands/broken.toml": "prompt = \n",
        ])))
        #expect(result.artifacts.isEmpty)
        #expect(result.diagnostics.compactMap(\.path).sorted() == [".gemini/commands/broken.toml", ".gemini/commands/empty.toml"])
    }

    @Test("a Gemini extension's commands folder is declared by its manifest")
    func geminiExtension() async throws {
        let found = try await Self.detect([
            "ext/gemini-extension.json": #"{"name": "ext", "version": "1.0.0"}"#,
            "ext/commands/deploy.toml": "prompt = \"Deploy {{args}}\"\n",
        ])
        #expect(found["ext/commands/deploy.toml"]?.confidence == DetectionConfidence.declared)
    }

    @Test("a folder named commands alone is a convention: clearly below a manifest, lower still without frontmatter")
    func genericFolder() async throws {
        let found = try await Self.detect([
            "p/.claude-plugin/plugin.json": #"{"name": "p"}"#,
            "p/commands/ship.md": Self.command,
            "prompts/commands/ship.md": Self.command,
            "prompts/commands/notes.md": "Some notes.\n",
        ])
        #expect(found["p/commands/ship.md"]?.confidence == DetectionConfidence.declared)
        #expect(found["prompts/commands/ship.md"]?.confidence == DetectionConfidence.convention)
        #expect(found["prompts/commands/notes.md"]?.confidence == DetectionConfidence.weakConvention)
        #expect(DetectionConfidence.declared - DetectionConfidence.convention >= 20)
        #expect(found["prompts/commands/ship.md"]?.reasons.first?.contains("convention") == true)
    }

    @Test("a command whose file name merely resembles a documentation name stays a command")
    func documentationLookalikes() async throws {
        let found = try await Self.detect([
            ".claude/commands/changelog.md": "Write the changelog entry for $ARGUMENTS.\n",
            ".claude/commands/security.md": "Review the diff for security problems.\n",
            ".claude/commands/license.md": "Add a licence header.\n",
            ".claude/commands/CHANGELOG.md": "# Changelog\n",
            ".claude/commands/README.md": "# Commands\n",
            ".claude/commands/readme.md": "# Commands\n",
        ])
        #expect(found.keys.sorted() == [".claude/commands/changelog.md", ".claude/commands/license.md", ".claude/commands/security.md"])
    }
}

@Suite struct ScaffoldTests {
    @Test("unfilled placeholders lower a command; in a folder its README calls a template, lower still")
    func placeholders() async throws {
        let found = try await PlatformCommandTests.detect([
            ".claude/commands/deploy.md": "---\ndescription: Deploy [PROJECT_NAME] to production\n---\nDeploy.\n",
            "presets/README.md": "# Presets\n\nCommand templates to copy into your project.\n",
            "presets/.claude/commands/release.md": "---\ndescription: Release {{project_name}}\n---\nRelease.\n",
            ".claude/commands/ask.md": "---\ndescription: Ask about {{args}}\n---\n",
        ])
        #expect(found[".claude/commands/deploy.md"]?.confidence == DetectionConfidence.otherPlatform + 10)
        #expect(found[".claude/commands/deploy.md"]?.reasons.last?.contains("[PROJECT_NAME]") == true)
        #expect(found["presets/.claude/commands/release.md"]?.confidence == DetectionConfidence.scaffold)
        #expect(found["presets/.claude/commands/release.md"]?.reasons.last?.contains("presets/README.md") == true)
        // Gemini's {{args}} is how a command takes input, not a placeholder.
        #expect(found[".claude/commands/ask.md"]?.confidence == DetectionConfidence.platformFolder)
        #expect(found.values.filter { $0.confidence < DetectionConfidence.importDefault }.count == 2)
    }
}
