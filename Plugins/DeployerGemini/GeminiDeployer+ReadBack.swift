import Foundation
public import SkillMeatPluginAPI

extension GeminiDeployer {
    /// Where the hooks of `settings.json` are offered to the detectors: as a `hooks.json`.
    static let hooksFile = base.appendingComponent("hooks.json")

    /// Gemini CLI's files in the forms the detectors read. Command TOML and `settings.json`'s
    /// `mcpServers` are read by the detectors themselves (they know Gemini CLI's places); the
    /// `hooks` block of `settings.json` is offered as `.gemini/hooks.json` holding only its event
    /// lists (not `enabled` or `disabled`), mapped back to `settings.json`, so a hook is found at its
    /// real file and key path. A `settings.json` that does not parse is skipped with a warning.
    public func readBack(_ input: ProfileFiles) -> ProfileReadBack {
        var files = input.files
        var translations: [RelativePath: ProfileReadBack.Translation] = [:]
        var diagnostics: [Diagnostic] = []
        if let data = input.files[Self.settings], input.files[Self.hooksFile] == nil {
            do {
                let events = (try JSONValue.parse(data))["hooks"]?.objectValue?.filter { $0.value.arrayValue?.contains { $0["hooks"] != nil } == true } ?? [:]
                if !events.isEmpty {
                    files[Self.hooksFile] = JSONValue.object(["hooks": .object(events)]).prettyData()
                    translations[Self.hooksFile] = .init(source: Self.settings)
                }
            } catch {
                diagnostics.append(Diagnostic(.warning, path: Self.settings.string, "is not valid JSON; its hooks were skipped"))
            }
        }
        return ProfileReadBack(files: files, translations: translations, diagnostics: diagnostics)
    }
}
